/**
 * One unit of work: the transaction a command runs in, the instant it runs at, and what
 * must happen only after COMMIT (wake the poller, the job runner, other processes).
 */
import type { DisputeContext, DisputeStatus } from '../../machines/dispute.machine.ts';
import type { LogEntry, Tx } from '../store/store.port.ts';

/** One change the unit of work committed (a log entry and the row it produced). */
export interface Committed {
  disputeId: string;
  version: number;
  status: DisputeStatus;
  nextDueAt: number | null;
  /** The log entry this change appended. */
  entry: LogEntry;
  /** The machine context after the change (what timelines and previews read). */
  context: DisputeContext;
}

export class UnitOfWork {
  readonly committed: Committed[] = [];
  jobsAdded = 0;

  constructor(
    readonly tx: Tx,
    readonly now: number,
  ) {}
}
