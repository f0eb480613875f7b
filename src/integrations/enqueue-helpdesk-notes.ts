/**
 * The hook in the command path: a dispute change queues one `helpdesk.note` job per ticket
 * linked to its dispute, in the change's own unit of work (so a committed change always gets
 * its notes, and a rolled-back one none). Kept free of anything but the store port: it runs
 * inside every unit of work. See helpdesk-notes.ts for the rest of the outbound side.
 */
import type { OutboxMessage, Tx } from '../store/store.port.ts';
import type { TicketLink } from '../store/ticket-link.repository.port.ts';

export const HELPDESK_NOTE_JOB = 'helpdesk.note';

/** The change a note reports: an outbox message's identity (its dispute, the version it produced, its type). */
export type NoteChange = Pick<OutboxMessage, 'disputeId' | 'seq' | 'type'>;

/** One note to send: the ticket, and the change it reports. Also a `helpdesk.note` job's payload. */
export interface HelpdeskNote {
  link: TicketLink;
  change: NoteChange;
}

export const changeOf = (m: NoteChange): NoteChange => ({ disputeId: m.disputeId, seq: m.seq, type: m.type });

/**
 * Adds a `helpdesk.note` job per linked ticket; returns how many. One indexed lookup
 * (`ticket_links_dispute`) when the dispute has no ticket, which is most of them.
 *
 *   uow.jobsAdded += await enqueueHelpdeskNotes(tx, message, uow.now);
 */
export async function enqueueHelpdeskNotes(tx: Tx, message: NoteChange, now: number): Promise<number> {
  const links = await tx.ticketLinks.forDispute(message.disputeId);
  for (const link of links) await tx.jobs.add({ kind: HELPDESK_NOTE_JOB, payload: { link, change: changeOf(message) } satisfies HelpdeskNote, runAt: now }, now);
  return links.length;
}
