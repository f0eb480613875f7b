import type { JsonSchema } from './json-schema.ts';

/**
 * The outgoing webhooks (OpenAPI 3.1 `webhooks`): thin payloads `{ type, timestamp, data }` whose
 * `data` names the resource; fetch it for the details. Signed per Standard Webhooks (headers
 * webhook-id, webhook-timestamp, webhook-signature). This is the contract the sender implements.
 */
export const WEBHOOK_TYPES = {
  'dispute.created': { summary: 'A dispute was filed or imported', data: { disputeId: { type: 'string' }, status: { type: 'string' } } },
  'dispute.status_changed': { summary: 'A dispute moved to another status', data: { disputeId: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, version: { type: 'integer' } } },
  'dispute.deadline_approaching': { summary: 'A deadline in force is near', data: { disputeId: { type: 'string' }, deadline: { type: 'string' }, dueAt: { type: 'string', format: 'date-time' } } },
  'dispute.resolved': { summary: 'A dispute was resolved', data: { disputeId: { type: 'string' }, favours: { enum: ['buyer', 'seller', 'split'] } } },
  'evidence.checked': { summary: 'The checks of an upload finished', data: { disputeId: { type: 'string' }, evidenceId: { type: 'string' }, status: { type: 'string' } } },
  'evidence.reviewed': { summary: 'An arbitrator settled an evidence review', data: { disputeId: { type: 'string' }, evidenceId: { type: 'string' }, status: { type: 'string' } } },
  'verdict_preview.changed': { summary: 'The verdict preview changed', data: { disputeId: { type: 'string' }, favours: { type: 'string' } } },
} satisfies Record<string, { summary: string; data: Record<string, JsonSchema> }>;

const header = (name: string, description: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } });

export function webhooksDocument(): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(WEBHOOK_TYPES).map(([type, w]) => [
      type,
      {
        post: {
          summary: w.summary,
          description: 'POSTed to each subscribed endpoint. Verify the signature over `{webhook-id}.{webhook-timestamp}.{body}` before trusting it; the same `webhook-id` may be delivered more than once.',
          parameters: [
            header('webhook-id', 'The delivery\'s id, the same on every retry: deduplicate on it.'),
            header('webhook-timestamp', 'Unix seconds when it was sent; refuse old ones (replays).'),
            header('webhook-signature', 'Space-separated `v1,<base64 HMAC-SHA256>` signatures (Standard Webhooks).'),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['type', 'timestamp', 'data'],
                  properties: {
                    type: { const: type },
                    timestamp: { type: 'string', format: 'date-time' },
                    data: { type: 'object', required: ['disputeId'], properties: w.data },
                  },
                },
              },
            },
          },
          responses: { '2XX': { description: 'Received; any other answer (or none in time) is retried.' } },
        },
      },
    ]),
  );
}
