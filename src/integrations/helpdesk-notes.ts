/**
 * Outbound notes: which tickets hear of a dispute change, and sending one note.
 *
 * Today each note is a durable `helpdesk.note` job, enqueued in the change's own unit of work
 * by `enqueueHelpdeskNotes` (enqueue-helpdesk-notes.ts, called from `DisputeSteps.record` right after the outbox row),
 * and retried by the job runner's backoff. When the outbox dispatcher delivers helpdesk notes
 * too, it calls `helpdeskNotesFor(store, message)` per outbox message and
 * `sendHelpdeskNote(…)` per note, and the hook goes.
 */
import type { OutboxMessage, Store } from '../store/store.port.ts';
import { changeOf, type HelpdeskNote } from './enqueue-helpdesk-notes.ts';
import type { Helpdesks } from './helpdesks.ts';
import { noteContentFor } from './note-content.ts';
import type { NoteResult } from './post-note.ts';

/**
 * The notes a dispute change sends: one per ticket linked to its dispute (none for most disputes).
 *
 *   for (const note of await helpdeskNotesFor(store, message)) await sendHelpdeskNote(helpdesks, store, publicUrl, note);
 */
export async function helpdeskNotesFor(store: Store, message: OutboxMessage): Promise<HelpdeskNote[]> {
  const links = await store.read((r) => r.ticketLinks.forDispute(message.disputeId));
  return links.map((link) => ({ link, change: changeOf(message) }));
}

/**
 * Sends one note as the dispute stands now. A helpdesk no longer configured, or a dispute
 * gone, answers `{ ok: false, status: 404 }` (nothing will ever deliver it).
 */
export async function sendHelpdeskNote(helpdesks: Helpdesks, store: Store, publicUrl: string, note: HelpdeskNote): Promise<NoteResult> {
  const helpdesk = helpdesks.get(note.link.helpdesk);
  const content = helpdesk && (await store.read((r) => noteContentFor(r, note.change, publicUrl)));
  if (!helpdesk || !content) return { ok: false, status: 404 };
  return helpdesk.sendNote(note.link, content);
}
