import { importMap } from './vendor-modules.ts';

/**
 * What a console page starts with, read by `app/boot.js` from a JSON script element (data,
 * never executed). A helpdesk embed hands a short-lived token and the ticket's dispute here.
 */
export interface ConsoleBoot {
  /** `off`: the service runs with AUTH=off (loopback only) and the console needs no key. */
  auth: 'on' | 'off';
  /** A bearer token the page may use at once (helpdesk embeds); absent: the agent signs in. */
  token?: string;
  /** Epoch ms when `token` stops working. */
  tokenExpiresAt?: number;
  /** The dispute to open first (an embed's linked ticket). */
  disputeId?: string;
  /** Which helpdesk frames the page, if any. */
  embed?: 'zendesk' | 'chatwoot';
  /** Origins allowed to post context messages (Chatwoot's base URL). */
  parentOrigins?: string[];
}

/** `<` escaped so no string in the boot data can close its script element. */
const scriptSafeJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

/** The start of every console page (the shell, an embed's refusal page), up to its stylesheet; `title` is plain text. */
export function pageHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/console/app/console.css">
<link rel="stylesheet" href="/console/app/evidence.css">
`;
}

/** The HTML of every console page: an empty root the app renders into, the import map and boot data. */
export function consoleShell({ nonce, boot }: { nonce: string; boot: ConsoleBoot }): string {
  return `${pageHead('Disputes · agent console')}<script type="importmap" nonce="${nonce}">${importMap()}</script>
<script type="application/json" id="console-boot">${scriptSafeJson(boot)}</script>
<script type="module" src="/console/app/main.js"></script>
</head>
<body>
<div id="app"><noscript>The agent console needs JavaScript. The API is documented at <a href="/docs">/docs</a>.</noscript></div>
</body>
</html>
`;
}
