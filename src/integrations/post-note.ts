/** The one HTTP call every helpdesk client makes, and how its answer reads for retries. */

/** A helpdesk's answer to a note: `ok` 2xx; else `status` (0: no answer) and the wait it asked for. */
export interface NoteResult {
  ok: boolean;
  status: number;
  retryAfterMs?: number;
}

/** 10 s: helpdesk APIs answer a note in well under a second; longer means it is down, and the job retries. */
const NOTE_TIMEOUT_MS = 10_000;

/** `Retry-After` as seconds or an HTTP date, in ms from `now`. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Sends `body` as JSON; never throws for an HTTP or network failure (it comes back as the result).
 *
 *   await postNote('POST', 'https://acme.freshdesk.com/api/v2/tickets/7/notes', { authorization: 'Basic …' }, { body: '…', private: true });
 */
export async function postNote(method: 'POST' | 'PUT', url: string, headers: Record<string, string>, body: unknown): Promise<NoteResult> {
  try {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(NOTE_TIMEOUT_MS),
      redirect: 'error',
    });
    await res.arrayBuffer();
    const wait = retryAfterMs(res.headers.get('retry-after'));
    return { ok: res.ok, status: res.status, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  } catch {
    return { ok: false, status: 0 };
  }
}

/** HTTP Basic credentials. */
export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
