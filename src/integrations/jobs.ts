import type { JobRunner } from '../jobs/job-runner.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { DisputeWorkflow } from '../workflow/dispute-workflow.ts';
import { HELPDESK_NOTE_JOB } from './enqueue-helpdesk-notes.ts';
import type { Helpdesks } from './helpdesks.ts';
import { inboundJobHandler, INTEGRATION_INBOUND_JOB } from './inbound.job.ts';
import { noteJobHandler } from './note.job.ts';

/**
 * 2 each: a webhook's work is a few small units of work, a note one HTTP call; two in flight
 * keep a slow helpdesk from holding the other kind up without crowding the evidence checks.
 */
const CONCURRENCY = 2;

/** Registers the integrations' job kinds (`integration.inbound`, `helpdesk.note`) with the runner. */
export function registerHelpdeskJobs(
  runner: JobRunner,
  deps: { store: Store; workflow: DisputeWorkflow; helpdesks: Helpdesks; publicUrl: string; clock: Clock; log: Logger },
): void {
  runner.register(INTEGRATION_INBOUND_JOB, inboundJobHandler(deps), CONCURRENCY);
  runner.register(HELPDESK_NOTE_JOB, noteJobHandler(deps), CONCURRENCY);
}
