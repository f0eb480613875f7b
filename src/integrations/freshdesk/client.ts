import type { TicketLink } from '../../store/ticket-link.repository.port.ts';
import type { FreshdeskConfig } from '../config.ts';
import type { NoteContent } from '../note-content.ts';
import { basicAuth, postNote, type NoteResult } from '../post-note.ts';
import { freshdeskNoteBody } from './note.ts';

/** `POST /api/v2/tickets/{id}/notes` with the API key as Basic user (password `X`, as Freshdesk documents). */
export function freshdeskSendNote(cfg: FreshdeskConfig) {
  const authorization = basicAuth(cfg.apiKey, 'X');
  return (link: TicketLink, note: NoteContent): Promise<NoteResult> =>
    postNote('POST', `${cfg.baseUrl}/api/v2/tickets/${encodeURIComponent(link.ticketId)}/notes`, { authorization }, freshdeskNoteBody(note));
}
