/**
 * Console pages' Content-Security-Policy: scripts are files from this origin plus the one
 * inline import map (by nonce); API calls go to this origin only; `frame-ancestors` lists who
 * may frame the page ('none' for the standalone console unless configured; the helpdesks'
 * origins for /embed/…). No X-Frame-Options: it cannot name several origins, and
 * frame-ancestors supersedes it in every browser that matters.
 */
export function consoleCsp(nonce: string, frameAncestors: readonly string[]): string {
  const ancestors = frameAncestors.length ? frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}
