import type { NoteContent } from '../note-content.ts';
import { noteHtml } from '../note-format.ts';

/** Freshdesk's private note (`body` is HTML). */
export function freshdeskNoteBody(n: NoteContent) {
  return { body: noteHtml(n), private: true };
}
