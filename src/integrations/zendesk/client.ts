import type { TicketLink } from '../../store/ticket-link.repository.port.ts';
import type { ZendeskConfig } from '../config.ts';
import type { NoteContent } from '../note-content.ts';
import { basicAuth, postNote, type NoteResult } from '../post-note.ts';
import { zendeskNoteBody } from './note.ts';

/** `PUT /api/v2/tickets/{id}.json` with an API token: Basic `{email}/token:{token}`. */
export function zendeskSendNote(cfg: ZendeskConfig) {
  const authorization = basicAuth(`${cfg.email}/token`, cfg.apiToken);
  return (link: TicketLink, note: NoteContent): Promise<NoteResult> =>
    postNote('PUT', `${cfg.baseUrl}/api/v2/tickets/${encodeURIComponent(link.ticketId)}.json`, { authorization }, zendeskNoteBody(note));
}
