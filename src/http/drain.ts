import type { Server } from 'node:http';

/**
 * Stops accepting connections and waits for the requests in flight: idle keep-alive
 * connections close at once, busy ones when their response is done; whatever is still
 * running after `graceMs` is cut off (an upload cut off removes its temp file).
 *
 *   await drainServer(server, 10_000);
 */
export function drainServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((ok) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      ok();
    });
    server.closeIdleConnections();
  });
}
