/**
 * Webhooks, after Standard Webhooks (https://www.standardwebhooks.com).
 *
 * Glossary
 * - outbox message: what the command path wrote in its unit of work (src/workflow/dispute-steps.ts
 *   `record`, or the deadline sweep); the one source of every webhook.
 * - event: a public webhook type below; one outbox message maps to zero or more events.
 * - message: one event as sent, `{ type, timestamp, data }` with links, never files; its
 *   `webhook-id` is derived from the outbox row and the type, so routing twice cannot mint two.
 * - endpoint: an integrator's URL, secret (`whsec_…`) and event filter.
 * - delivery: one message to one endpoint, retried on the Standard Webhooks schedule.
 */
export const WEBHOOK_EVENT_TYPES = [
  'dispute.created',
  'dispute.status_changed',
  'dispute.deadline_approaching',
  'dispute.resolved',
  'evidence.checked',
  'evidence.reviewed',
  'verdict_preview.changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
