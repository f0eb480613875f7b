import { EVIDENCE_KINDS } from '../../domain/evidence-summary.ts';
import type { OperationSpec } from './operation.ts';

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
