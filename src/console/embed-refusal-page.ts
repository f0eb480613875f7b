import type { Response } from 'express';
import { setConsolePageHeaders } from './console.routes.ts';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A helpdesk sidebar that cannot be opened (a bad, expired or replayed Zendesk token; an
 * integration not configured) reads why in words, in the sidebar itself (framed by the same
 * helpdesk origin), with no token and no script.
 */
export function sendEmbedRefusal(res: Response, status: number, detail: string, frameAncestors: readonly string[]): void {
  setConsolePageHeaders(res.status(status), frameAncestors);
  res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Disputes · cannot open</title>
<link rel="stylesheet" href="/console/app/console.css">
</head>
<body>
<main class="embed-refusal">
<h1>The dispute console cannot open here</h1>
<p role="alert">${escapeHtml(detail)}</p>
</main>
</body>
</html>
`);
}
