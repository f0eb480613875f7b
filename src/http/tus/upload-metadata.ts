import { Metadata } from '@tus/utils';
import { DomainError } from '../../domain/errors.ts';
import { printableText } from '../../domain/text.ts';
import { OrderIdSchema } from '../../orders/order-request.schema.ts';
import { invalidRequest } from '../problem.ts';
import { UploadFieldsSchema } from '../routes/evidence.routes.ts';
import { OrderUploadFieldsSchema } from '../routes/orders.routes.ts';
import { DisputeIdSchema } from '../routes/read.ts';

/** The client's file name: shown by the client, never used as a path, not stored. */
const filename = printableText(255);

/** `Upload-Metadata` of an upload to a dispute: the multipart form's fields, the dispute and the file name. */
export const DisputeUploadMetadataSchema = UploadFieldsSchema.extend({ disputeId: DisputeIdSchema, filename });
/** `Upload-Metadata` of an upload to an order (before any dispute): the order form's fields, the order and the file name. */
export const OrderUploadMetadataSchema = OrderUploadFieldsSchema.extend({ orderId: OrderIdSchema, filename });

/** What a tus upload is for: its destination and the form fields its registration parses (the multipart form's names). */
export type UploadIntent =
  | { disputeId: string; fields: Record<string, string> }
  | { orderId: string; fields: Record<string, string> };

const invalid = (pointer: string, detail: string, message: string) =>
  new DomainError('REQUEST.INVALID', message, { in: 'headers', errors: [{ pointer: `/headers/upload-metadata${pointer}`, detail }] });

/**
 * Reads a tus upload's metadata (decoded key/value pairs; `Upload-Metadata` is
 * `key base64,key base64,…`): exactly one of `disputeId` and `orderId`, `kind`, `filename`, and
 * the optional fields the multipart form of that destination accepts. REQUEST.INVALID otherwise,
 * with a pointer per problem.
 *
 *   intentOf({ disputeId: 'dsp_…', kind: 'label_photo', filename: 'label.jpg' })
 *   // { disputeId: 'dsp_…', fields: { kind: 'label_photo' } }
 */
export function intentOf(metadata: Record<string, string | null> | undefined): UploadIntent {
  const m = metadata ?? {};
  if (('disputeId' in m) === ('orderId' in m)) {
    throw invalid('/disputeId', 'exactly one of disputeId and orderId', 'Upload-Metadata must name the dispute (disputeId) or the order (orderId) the evidence is for, not both.');
  }
  const schema = 'disputeId' in m ? DisputeUploadMetadataSchema : OrderUploadMetadataSchema;
  const r = schema.safeParse(m);
  if (!r.success) {
    const e = invalidRequest(r.error, 'headers');
    const errors = (e.extra.errors as { pointer: string; detail: string }[]).map((x) => ({ ...x, pointer: `/headers/upload-metadata${x.pointer}` }));
    throw new DomainError('REQUEST.INVALID', `Upload-Metadata is invalid: ${errors[0]?.pointer} ${errors[0]?.detail}.`, { in: 'headers', errors });
  }
  // Registration parses the fields again with the destination's own form, exactly as multipart does.
  const { disputeId, orderId, filename: _name, ...fields } = m as Record<string, string>;
  return disputeId !== undefined ? { disputeId, fields } : { orderId: orderId!, fields };
}

/** Decodes the `Upload-Metadata` header (absent: no pairs). REQUEST.INVALID when it is not tus's `key base64` list. */
export function metadataOf(header: string | undefined): Record<string, string | null> {
  if (header === undefined || header.trim() === '') return {};
  try {
    return Metadata.parse(header);
  } catch {
    throw invalid('', 'comma-separated `key base64value` pairs', 'Upload-Metadata is not a list of `key base64value` pairs.');
  }
}
