import { z } from 'zod';
import type { JobHandler } from '../jobs/job-runner.ts';
import type { Logger } from '../logger.ts';
import type { ClaimedJob, Store } from '../store/store.port.ts';
import { HELPDESK_NAMES } from '../store/ticket-link.repository.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { DisputeWorkflow } from '../workflow/dispute-workflow.ts';
import { HELPDESK_NOTE_JOB, type HelpdeskNote } from './enqueue-helpdesk-notes.ts';
import { helpdeskActor, type Helpdesk, type Helpdesks } from './helpdesks.ts';
import type { TicketIntent } from './ticket-fields.ts';

export const INTEGRATION_INBOUND_JOB = 'integration.inbound';

export const InboundPayloadSchema = z.object({ helpdesk: z.enum(HELPDESK_NAMES), body: z.unknown() });

interface Deps {
  store: Store;
  workflow: DisputeWorkflow;
  helpdesks: Helpdesks;
  clock: Clock;
  log: Logger;
}

/**
 * The dispute a ticket is about: ours by id (the helpdesk's seller's only), the seller's by
 * marketplace id (or the ticket's own), the seller's latest for the order, or — none found —
 * one opened from the ticket's fields as `integration:<helpdesk>`. Undefined (and logged)
 * when none can be.
 */
async function disputeFor(deps: Deps, h: Helpdesk, ticketId: string, intent: TicketIntent): Promise<string | undefined> {
  const { store, log } = deps;
  // A ticket without a marketplace id files under its own (`zendesk:101`): the seller's unique
  // external id makes two deliveries of one ticket, racing or retried, find one dispute.
  const externalId = intent.externalId ?? `${h.name}:${ticketId}`;
  if (intent.disputeId) {
    const seller = await store.read((r) => r.disputes.sellerOf(intent.disputeId!));
    if (seller === h.sellerId) return intent.disputeId;
  }
  const row = await store.read((r) => r.disputes.findByExternalId(h.sellerId, externalId));
  if (row) return row.id;
  if (intent.orderId) {
    const id = await store.read((r) => r.ticketLinks.disputeForOrder(h.sellerId, intent.orderId!));
    if (id) return id;
  }
  if (!intent.open) {
    log.warn({ helpdesk: h.name, problems: intent.openProblems }, 'ticket names no known dispute and lacks the fields to open one; ignored');
    return undefined;
  }
  const outcome = await deps.workflow.execute({ type: 'open', dispute: { ...intent.open, externalId }, actor: helpdeskActor(h.name) });
  if (outcome.ok) return outcome.dispute?.row.id;
  const existing = outcome.error.extra.existingId;
  if (typeof existing === 'string') return existing;
  log.warn({ helpdesk: h.name, code: outcome.error.code, detail: outcome.error.message }, 'ticket could not open a dispute; ignored');
  return undefined;
}

/**
 * Runs an `integration.inbound` job (a verified webhook, acknowledged with 202): links the
 * ticket to its dispute, opening one when needed, and queues the first private note — in
 * the unit of work that completes the job. A crash before it leaves the job to run again,
 * which finds the dispute it opened by its external id; a ticket linked already is left as it is.
 */
export function inboundJobHandler(deps: Deps): JobHandler {
  const { store, clock, log } = deps;
  const finish = (job: ClaimedJob) => store.transaction((tx) => tx.jobs.complete(job.id, job.attempt, clock.now()));
  return async (job) => {
    const { helpdesk: name, body } = InboundPayloadSchema.parse(job.payload);
    const h = deps.helpdesks.get(name);
    if (!h) {
      log.warn({ jobId: job.id, helpdesk: name }, 'helpdesk no longer configured; webhook dropped');
      return void (await finish(job));
    }
    const parsed = (() => {
      try {
        return h.ticketOf(body);
      } catch (err) {
        log.warn({ jobId: job.id, helpdesk: name, err }, 'webhook payload is not a ticket we accept; ignored');
        return undefined;
      }
    })();
    const linked = parsed && (await store.read((r) => r.ticketLinks.find(name, parsed.ticket.ticketId)));
    const disputeId = parsed && !linked ? await disputeFor(deps, h, parsed.ticket.ticketId, parsed.intent) : undefined;
    if (!parsed || !disputeId) return void (await finish(job));
    await store.transaction(async (tx) => {
      const now = clock.now();
      const link = { helpdesk: name, ...parsed.ticket, disputeId, createdAt: now };
      const row = await tx.disputes.get(disputeId);
      if (row && (await tx.ticketLinks.insert(link))) {
        const note: HelpdeskNote = { link, change: { disputeId, seq: row.version, type: 'helpdesk.linked' } };
        await tx.jobs.add({ kind: HELPDESK_NOTE_JOB, payload: note, runAt: now }, now);
      }
      await tx.jobs.complete(job.id, job.attempt, now);
    });
  };
}
