import type { TicketLink } from '../../store/ticket-link.repository.port.ts';
import type { ChatwootConfig } from '../config.ts';
import type { NoteContent } from '../note-content.ts';
import { postNote, type NoteResult } from '../post-note.ts';
import { chatwootNoteBody } from './note.ts';

/** `POST /api/v1/accounts/{account}/conversations/{id}/messages` with the `api_access_token` header. */
export function chatwootSendNote(cfg: ChatwootConfig) {
  return (link: TicketLink, note: NoteContent): Promise<NoteResult> =>
    postNote(
      'POST',
      `${cfg.baseUrl}/api/v1/accounts/${encodeURIComponent(link.accountId ?? '')}/conversations/${encodeURIComponent(link.ticketId)}/messages`,
      { api_access_token: cfg.apiAccessToken },
      chatwootNoteBody(note),
    );
}
