import type { NoteContent } from '../note-content.ts';
import { noteMarkdown } from '../note-format.ts';

/** Chatwoot's private note: an outgoing message agents see and the customer does not (Markdown). */
export function chatwootNoteBody(n: NoteContent) {
  return { content: noteMarkdown(n), message_type: 'outgoing', private: true };
}
