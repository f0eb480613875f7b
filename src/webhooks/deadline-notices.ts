import { HOUR_MS } from '../policy/policy.schema.ts';
import type { PolicyBook } from '../policy/policies.ts';
import type { Tx } from '../store/store.port.ts';
import { OUTBOX_DEADLINE_APPROACHING, type DeadlineApproaching } from './outbox-message.ts';

/**
 * Writes a `dispute.deadline_approaching` outbox row for every deadline in force that entered
 * its notice window (the dispute's policy's `approachingNoticeHours` before it), exactly once
 * per deadline instant: the notice table's key (dispute, deadline, due_at) admits one insert,
 * whichever process sweeps (PostgreSQL's ON CONFLICT waits for a racing twin's COMMIT).
 *
 * The scan reaches as far ahead as the policy in force now says; a dispute pinned to an older
 * policy with a longer lead gets its notice once its deadline is within today's lead.
 */
export async function noticeDeadlines(tx: Tx, now: number, policies: PolicyBook): Promise<number> {
  const leadOf = (version: string) => (policies.byVersion(version) ?? policies.inForce(now)).deadlines.approachingNoticeHours * HOUR_MS;
  const horizon = policies.inForce(now).deadlines.approachingNoticeHours * HOUR_MS;
  let written = 0;
  for (const d of await tx.webhooks.deadlinesDueBetween(now, now + horizon)) {
    if (d.dueAt - leadOf(d.policyVersion) > now) continue;
    if (!(await tx.webhooks.noteDeadline(d, now))) continue;
    const payload: DeadlineApproaching = { disputeId: d.disputeId, externalId: d.externalId, sellerId: d.sellerId, version: d.version, deadline: d.deadline, dueAt: d.dueAt };
    await tx.outbox.enqueue({ disputeId: d.disputeId, seq: d.version, type: OUTBOX_DEADLINE_APPROACHING, payload, createdAt: now });
    written++;
  }
  return written;
}
