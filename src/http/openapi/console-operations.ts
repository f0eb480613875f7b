import { EVIDENCE_KINDS } from '../../domain/evidence-summary.ts';
import { TicketParamsSchema } from '../routes/helpdesk-tickets.routes.ts';
import { rolesWith, type OperationSpec } from './operation.ts';

const html = { status: 200, description: 'HTML.', contentType: 'text/html', schema: { type: 'string' } } as const;

/** The agent console's pages (the README's "Agent console" section). */
export const CONSOLE_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get', path: '/api/me', tag: 'Access', summary: 'The calling key: role, seller scope, capabilities and the events it may send',
    description: 'The console shows only the actions the key may take (review buttons for `evidence.review`, event buttons from `events`).',
    access: ['agent', 'integration', 'arbitrator', 'admin'],
    success: { status: 200, description: 'The caller.', schema: {
      type: 'object', required: ['keyId', 'role', 'sellerId', 'capabilities', 'events'],
      properties: {
        keyId: { type: 'string' }, role: { type: 'string', enum: ['agent', 'integration', 'arbitrator', 'admin'] }, sellerId: { type: ['string', 'null'] }, name: { type: ['string', 'null'] },
        capabilities: { type: 'array', items: { type: 'string' } }, events: { type: 'array', items: { type: 'string' } },
      },
    } },
    errors: [],
  },
  {
    method: 'get', path: '/', tag: 'Console', summary: 'The front door: leads to the agent console', access: 'public',
    success: { status: 302, description: 'Redirect to `/console`.' },
    errors: [],
  },
  {
    method: 'get', path: '/console', tag: 'Console', summary: 'The agent console',
    description: 'A page that works with the API through the agent\'s own key (kept in the tab\'s session storage, never a cookie). Its modules are served from this origin (`/console/app/`, `/console/vendor/`); `frame-ancestors` comes from `CONSOLE_FRAME_ANCESTORS`.',
    access: 'public', success: html, errors: [],
  },
  {
    method: 'get', path: '/console/lifecycle.json', tag: 'Console', summary: 'The dispute lifecycle as a drawing, from the machine\'s own definition',
    description: 'States (a dispute\'s `status` is a state\'s `key`), their group, a layered layout (`x`, `y`, `width`, `height` in SVG units of a `width`×`height` drawing) and every transition the machine has, merged per pair of states with the events and guards that take it and an SVG `path`. Transitions without a target stay in their state (`from` = `to`). Read from `disputeMachine.root`, never drawn by hand.',
    access: 'public',
    success: { status: 200, description: 'The drawing.', schema: {
      type: 'object', required: ['width', 'height', 'boxes', 'edges'],
      properties: {
        width: { type: 'number' }, height: { type: 'number' },
        boxes: { type: 'array', items: { type: 'object', required: ['key', 'id', 'kind', 'group', 'layer', 'initial', 'x', 'y', 'width', 'height'], properties: {
          key: { type: 'string' }, id: { type: 'string' }, kind: { type: 'string', enum: ['state', 'final', 'group'] }, group: { type: ['string', 'null'] },
          layer: { type: 'integer' }, initial: { type: 'boolean' }, x: { type: 'number' }, y: { type: 'number' }, width: { type: 'number' }, height: { type: 'number' },
        } } },
        edges: { type: 'array', items: { type: 'object', required: ['from', 'to', 'events', 'path', 'label'], properties: {
          from: { type: 'string' }, to: { type: 'string' },
          events: { type: 'array', items: { type: 'object', required: ['event', 'guard'], properties: { event: { type: 'string' }, guard: { type: ['string', 'null'] } } } },
          path: { type: 'string' },
          label: { type: 'object', required: ['x', 'y', 'lines', 'anchor'], properties: { x: { type: 'number' }, y: { type: 'number' }, lines: { type: 'array', items: { type: 'string' } }, anchor: { type: 'string', enum: ['middle', 'end'] } } },
        } } },
      },
    } },
    errors: [],
  },
  {
    method: 'post', path: '/embed/zendesk', tag: 'Console', summary: 'The console in a Zendesk ticket sidebar',
    description: 'Zendesk (a ZAF server-side app with signed URLs) POSTs an `application/x-www-form-urlencoded` form with `token`: a JWT signed HS256 with the app\'s shared secret (`ZENDESK_APP_SECRET`; any other `alg`, `none` included, is refused), carrying `iss` (the Zendesk account, `ZENDESK_APP_ISS`), `aud` (`ZENDESK_APP_AUD`, default this URL), `iat` and `exp` (60 s skew; at most 10 min old; each token is accepted once). The ticket: the signed `ticket_id` claim, else `ticket_id` in the form or query (a hint: it only picks which of the seller\'s disputes opens first). Answers the console with its own short-lived bearer token (an `agent` key of `ZENDESK_SELLER_ID`, named after the Zendesk user, working for 1 h) and the ticket\'s dispute; framed only by the Zendesk origin (`frame-ancestors`). Refusals carry no token; a browser (Accept: text/html) gets them as an HTML page that says why, framed like the console, any other client as problem+json: a missing token 400 `REQUEST.INVALID`; a bad signature `INTEGRATION.BAD_SIGNATURE`, a wrong algorithm, issuer or audience `INTEGRATION.BAD_TOKEN`, an expired or too old one `INTEGRATION.STALE`, a second use `INTEGRATION.REPLAYED` (401 each).',
    access: 'public', success: html,
    errors: ['INTEGRATION.NOT_CONFIGURED', 'REQUEST.INVALID', 'REQUEST.TOO_LARGE', 'INTEGRATION.BAD_SIGNATURE', 'INTEGRATION.BAD_TOKEN', 'INTEGRATION.STALE', 'INTEGRATION.REPLAYED'],
  },
  {
    method: 'get', path: '/embed/chatwoot', tag: 'Console', summary: 'The console in a Chatwoot dashboard app',
    description: 'The console framed only by `CHATWOOT_BASE_URL`\'s origin. The agent signs in with their own key; the conversation Chatwoot posts to the page (`appContext`, accepted only from that origin) is a hint resolved through `GET /api/helpdesks/chatwoot/tickets/{id}` under the key\'s own scope. Not configured: 404 (an HTML page to a browser).',
    access: 'public', success: html, errors: ['INTEGRATION.NOT_CONFIGURED'],
  },
  {
    method: 'get', path: '/api/helpdesks/{helpdesk}/tickets/{ticketId}', tag: 'Helpdesks', summary: 'The dispute a helpdesk ticket is linked to',
    description: 'For sidebars that know only the ticket (a Chatwoot conversation id) they sit beside. Answers within the key\'s seller scope: an unlinked ticket and another seller\'s ticket are the same 404.',
    access: rolesWith('disputes.read'), params: TicketParamsSchema.shape,
    success: { status: 200, description: 'The linked dispute.', schema: {
      type: 'object', required: ['helpdesk', 'ticketId', 'disputeId'],
      properties: { helpdesk: { type: 'string', enum: ['zendesk', 'chatwoot', 'freshdesk'] }, ticketId: { type: 'string' }, disputeId: { type: 'string' } },
    } },
    errors: ['INTEGRATION.TICKET_NOT_LINKED', 'REQUEST.INVALID'],
  },
  {
    method: 'get', path: '/console/evidence-kinds.json', tag: 'Console', summary: 'The evidence kinds the upload form offers, in words',
    description: 'Every kind the evidence routes and tus uploads accept (`kind`), in the API\'s order, with its label. The form puts the kinds the verdict preview says are missing first.',
    access: 'public',
    success: { status: 200, description: 'The kinds.', schema: {
      type: 'object', required: ['kinds'],
      properties: { kinds: { type: 'array', items: { type: 'object', required: ['kind', 'label'], properties: { kind: { type: 'string', enum: [...EVIDENCE_KINDS] }, label: { type: 'string' } } } } },
    } },
    errors: [],
  },
];
