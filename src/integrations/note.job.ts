import { z } from 'zod';
import type { JobHandler } from '../jobs/job-runner.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.port.ts';
import { HELPDESK_NAMES } from '../store/ticket-link.repository.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { HelpdeskNote } from './enqueue-helpdesk-notes.ts';
import { sendHelpdeskNote } from './helpdesk-notes.ts';
import type { Helpdesks } from './helpdesks.ts';

const NotePayloadSchema = z.object({
  link: z.object({ helpdesk: z.enum(HELPDESK_NAMES), ticketId: z.string(), disputeId: z.string(), accountId: z.string().nullable(), createdAt: z.number() }),
  change: z.object({ disputeId: z.string(), seq: z.number().int(), type: z.string() }),
});

/** A helpdesk's `Retry-After` is honoured up to an hour; longer, the backoff schedule decides. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Worth another try: rate limited (429), the helpdesk's own trouble (5xx) or no answer (0). */
const retryable = (status: number) => status === 429 || status >= 500 || status === 0;

/**
 * Runs a `helpdesk.note` job: sends the note; done on 2xx. A retryable failure throws (the
 * job runner's backoff retries it: 1 s doubling to 60 s) or, when the helpdesk said how long
 * to wait, gives the job back for then. Any other 4xx will not get better: logged, given up.
 */
export function noteJobHandler(deps: { store: Store; helpdesks: Helpdesks; publicUrl: string; clock: Clock; log: Logger }): JobHandler {
  const { store, clock, log } = deps;
  return async (job) => {
    const note: HelpdeskNote = NotePayloadSchema.parse(job.payload);
    const result = await sendHelpdeskNote(deps.helpdesks, store, deps.publicUrl, note);
    const where = { jobId: job.id, helpdesk: note.link.helpdesk, ticketId: note.link.ticketId, disputeId: note.change.disputeId, status: result.status };
    if (result.ok) {
      await store.transaction((tx) => tx.jobs.complete(job.id, job.attempt, clock.now()));
      return;
    }
    if (!retryable(result.status)) {
      log.error(where, 'helpdesk refused the note; giving up');
      await store.transaction((tx) => tx.jobs.complete(job.id, job.attempt, clock.now()));
      return;
    }
    if (result.retryAfterMs === undefined) throw new Error(`helpdesk ${note.link.helpdesk} answered ${result.status}`);
    const wait = Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS);
    log.warn({ ...where, retryInMs: wait }, 'helpdesk asked us to wait; the note will be retried');
    await store.transaction((tx) => tx.jobs.release(job.id, job.attempt, clock.now() + wait, `helpdesk answered ${result.status}`));
  };
}
