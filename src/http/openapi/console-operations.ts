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
