/** A tiny JSON client for the service under test, over real HTTP on loopback. */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** `defaults` go on every request (e.g. `{ authorization: 'Bearer dek_…' }`). */
export function client(base: string, defaults: Record<string, string> = {}) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    // Redirects are answers to check, not to follow.
    const init: RequestInit = { method, headers: { ...defaults, ...headers }, redirect: 'manual' };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(base + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    call,
  };
}
