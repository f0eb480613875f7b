import type { NoteContent } from '../note-content.ts';
import { noteHtml } from '../note-format.ts';

/** Zendesk's private note: a ticket update adding an internal comment (`public: false`). */
export function zendeskNoteBody(n: NoteContent) {
  return { ticket: { comment: { html_body: noteHtml(n), public: false } } };
}
