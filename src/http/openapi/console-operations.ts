import type { OperationSpec } from './operation.ts';

const html = { status: 200, description: 'HTML.', contentType: 'text/html', schema: { type: 'string' } } as const;

/** The agent console's pages (the README's "Agent console" section). */
export const CONSOLE_OPERATIONS: readonly OperationSpec[] = [
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
];
