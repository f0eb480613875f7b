import { z } from 'zod';

/** An origin as CSP `frame-ancestors` takes it: scheme, host, optional port (`*.` subdomains allowed), nothing else. */
const OriginSchema = z.string().regex(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i, 'an origin like https://acme.zendesk.com');

/**
 * `CONSOLE_FRAME_ANCESTORS`: origins allowed to frame console pages, space or comma separated.
 * Validated so no value can add a directive to the CSP (a `;` in it would).
 */
export function frameAncestorsFromEnv(value: string | undefined): string[] {
  const origins = (value ?? '').split(/[\s,]+/).filter(Boolean);
  const parsed = z.array(OriginSchema).safeParse(origins);
  if (!parsed.success) throw new Error(`CONSOLE_FRAME_ANCESTORS is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
