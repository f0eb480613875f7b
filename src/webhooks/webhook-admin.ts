import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Store, Tx } from '../store/store.port.ts';
import { WEBHOOK_DELIVER_JOB, type WebhookAttemptRow, type WebhookDeliveryRow, type WebhookEndpointRow } from '../store/webhook.repository.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { Answer, Idempotency } from '../workflow/dispute-workflow.ts';
import type { WebhookEventType } from './event-types.ts';
import { newSecret } from './secret.ts';
import { endpointUrlProblem } from './ssrf.ts';
import type { WebhookConfig } from './webhook-config.ts';

export interface NewEndpoint {
  url: string;
  events?: WebhookEventType[];
  description?: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An endpoint as the API shows it: never its secret (given once, on create and on rotation). */
export function endpointView(e: WebhookEndpointRow, now: number) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    enabled: e.disabledAt === null,
    disabledAt: iso(e.disabledAt),
    disabledReason: e.disabledReason,
    previousSecretSignsUntil: e.previousSecretUntil !== null && e.previousSecretUntil > now ? iso(e.previousSecretUntil) : null,
    createdAt: iso(e.createdAt),
  };
}

/** A delivery with its attempt log, newest attempt last. */
export function deliveryView(d: WebhookDeliveryRow, attempts: readonly WebhookAttemptRow[]) {
  return {
    id: d.id,
    webhookId: d.messageId,
    endpointId: d.endpointId,
    type: d.type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: iso(d.nextAttemptAt),
    lastStatusCode: d.lastStatus,
    lastError: d.lastError,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    attemptLog: attempts.map((a) => ({ n: a.n, at: iso(a.at), statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error })),
  };
}

/**
 * Endpoint administration (the HTTP routes and the CLI share it). Endpoints are configuration,
 * not dispute state: each call is one store transaction of its own, outside the dispute
 * workflow, and writes nothing to a dispute's log.
 *
 *   const admin = new WebhookAdmin(store, systemClock, config);
 *   const { id, secret } = await admin.create({ url: 'https://example.com/hooks' });
 */
export class WebhookAdmin {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: Pick<WebhookConfig, 'allowPrivate' | 'rotationWindowMs'>,
    /** Called after a redelivery added a job (wakes the job runner). */
    private readonly onJobAdded: () => void = () => {},
  ) {}

  /** The new endpoint with its secret (201); a retry with the same `Idempotency-Key` gets the same answer, not a second endpoint. */
  async create(input: NewEndpoint, idem?: Idempotency): Promise<Answer> {
    const problem = endpointUrlProblem(input.url, this.config.allowPrivate);
    if (problem) throw new DomainError('REQUEST.INVALID', `url: ${problem}.`, { errors: [{ pointer: '/url', detail: problem }] });
    const now = this.clock.now();
    const row: WebhookEndpointRow = {
      id: `ep_${randomBytes(12).toString('base64url')}`,
      url: input.url,
      description: input.description ?? null,
      events: [...new Set(input.events ?? [])],
      secret: newSecret(),
      previousSecret: null,
      previousSecretUntil: null,
      disabledAt: null,
      disabledReason: null,
      createdAt: now,
    };
    return this.store.transaction((tx) =>
      once(tx, idem, now, async () => {
        await tx.webhooks.addEndpoint(row);
        return { status: 201, body: { ...endpointView(row, now), secret: row.secret } };
      }),
    );
  }

  async list() {
    const now = this.clock.now();
    return (await this.store.read((r) => r.webhooks.endpoints())).map((e) => endpointView(e, now));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.transaction((tx) => tx.webhooks.removeEndpoint(id)))) throw notFound(id);
  }

  /** A new secret; the previous one keeps signing beside it for `rotationWindowMs`. A retry with the same `Idempotency-Key` does not rotate twice. */
  async rotateSecret(id: string, idem?: Idempotency): Promise<Answer> {
    const now = this.clock.now();
    const secret = newSecret();
    return this.store.transaction((tx) =>
      once(tx, idem, now, async () => {
        if (!(await tx.webhooks.endpoint(id))) throw notFound(id);
        await tx.webhooks.rotateSecret(id, secret, now + this.config.rotationWindowMs);
        const row = (await tx.webhooks.endpoint(id))!;
        return { status: 200, body: { ...endpointView(row, now), secret } };
      }),
    );
  }

  async deliveries(endpointId: string, limit: number) {
    return this.store.read(async (r) => {
      if (!(await r.webhooks.endpoint(endpointId))) throw notFound(endpointId);
      const rows = await r.webhooks.deliveries(endpointId, limit);
      const attempts = await r.webhooks.attempts(rows.map((d) => d.id));
      return rows.map((d) => deliveryView(d, attempts.filter((a) => a.deliveryId === d.id)));
    });
  }

  /** Sends a finished delivery again (same `webhook-id`, a new round of the retry schedule). */
  async redeliver(deliveryId: string) {
    const now = this.clock.now();
    const view = await this.store.transaction(async (tx) => {
      const d = await tx.webhooks.delivery(deliveryId);
      if (!d) throw new DomainError('WEBHOOK.DELIVERY_NOT_FOUND', `No webhook delivery ${deliveryId}.`);
      if (d.status === 'pending') throw new DomainError('WEBHOOK.DELIVERY_PENDING', `Delivery ${deliveryId} is still being attempted (next at ${iso(d.nextAttemptAt)}).`);
      const e = await tx.webhooks.endpoint(d.endpointId);
      if (e?.disabledAt != null) throw new DomainError('WEBHOOK.ENDPOINT_DISABLED', `Endpoint ${d.endpointId} is disabled (${e.disabledReason}).`);
      await tx.webhooks.restart(d.id, now);
      await tx.jobs.add({ kind: WEBHOOK_DELIVER_JOB, payload: { deliveryId: d.id }, runAt: now }, now);
      const restarted = (await tx.webhooks.delivery(d.id))!;
      return deliveryView(restarted, await tx.webhooks.attempts([d.id]));
    });
    this.onJobAdded();
    return view;
  }
}

/** Runs `fn` unless `idem`'s key has an answer already (replayed; IDEMPOTENCY.KEY_REUSED for another request); stores its answer. */
async function once(tx: Tx, idem: Idempotency | undefined, now: number, fn: () => Promise<Answer>): Promise<Answer> {
  if (!idem) return fn();
  const prior = await tx.idempotency.find(idem.scope, idem.key);
  if (prior) {
    if (prior.requestHash !== idem.requestHash) throw new DomainError('IDEMPOTENCY.KEY_REUSED', `Idempotency-Key ${idem.key} was used with another request body.`);
    return { status: prior.status, body: prior.body };
  }
  const answer = await fn();
  await tx.idempotency.save(idem.scope, idem.key, { requestHash: idem.requestHash, ...answer }, now);
  return answer;
}

const notFound = (id: string) => new DomainError('WEBHOOK.ENDPOINT_NOT_FOUND', `No webhook endpoint ${id}.`);
