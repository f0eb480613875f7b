import type { EvidenceKind } from '../../domain/evidence-summary.ts';
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import type { Policy } from '../../policy/policy.schema.ts';
import { fileLimitsCheck } from '../checks/file-limits.check.ts';
import { fileTypeCheck } from '../checks/file-type.check.ts';
import { EvidenceFile } from '../evidence-file.ts';
import type { HashedUpload } from './hashing-disk-storage.ts';

const CODE_FOR: Record<string, ErrorCode> = {
  'file.type': 'EVIDENCE.TYPE_NOT_ALLOWED',
  'FILE.TOO_LARGE': 'EVIDENCE.TOO_LARGE',
  'FILE.TOO_MANY_PIXELS': 'EVIDENCE.IMAGE_TOO_LARGE',
};

/**
 * The checks an upload must pass before anything is stored: not empty, a type the kind
 * allows (sniffed from content), within the byte and pixel limits (header only, so a
 * decompression bomb is refused before any decode). Returns the sniffed type.
 */
export async function gateUpload(upload: HashedUpload, kind: EvidenceKind, policy: Policy): Promise<string> {
  if (upload.size === 0) throw new DomainError('EVIDENCE.EMPTY', 'The file is empty.');
  const file = new EvidenceFile(upload.path, kind, policy, AbortSignal.timeout(10_000));
  const ctx = { policy };
  for (const check of [fileTypeCheck, fileLimitsCheck]) {
    const r = await check.run(file, ctx);
    if (r.status === 'fail') {
      const code = CODE_FOR[r.code] ?? CODE_FOR[r.id] ?? 'EVIDENCE.TYPE_NOT_ALLOWED';
      throw new DomainError(code, r.message, { check: r });
    }
  }
  return (await file.sniff()).type ?? 'unknown';
}
