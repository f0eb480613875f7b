import type { Request, Response } from 'express';
import type { DomainError } from '../domain/errors.ts';
import { problemOf, sendProblem } from '../http/problem.ts';
import { setConsolePageHeaders } from './console.routes.ts';
import { pageHead } from './shell.ts';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A helpdesk sidebar that cannot be opened (a bad, expired or replayed Zendesk token; an
 * integration not configured). A browser (it asks for HTML) reads why in words, in the sidebar
 * itself (framed by the same helpdesk origin), with no token and no script; any other client
 * gets the problem+json every refusal of this service is, with its stable code.
 */
export function sendEmbedRefusal(req: Request, res: Response, err: DomainError, frameAncestors: readonly string[]): void {
  const problem = problemOf(err);
  if (req.accepts(['application/json', 'text/html']) !== 'text/html') return sendProblem(res, problem);
  setConsolePageHeaders(res.status(problem.status), frameAncestors);
  res.type('html').send(`${pageHead('Disputes · cannot open')}</head>
<body>
<main class="embed-refusal">
<h1>The dispute console cannot open here</h1>
<p role="alert">${escapeHtml(problem.detail)}</p>
</main>
</body>
</html>
`);
}
