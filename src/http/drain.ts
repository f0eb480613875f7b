import type { Server } from 'node:http';

/**
 * Makes `server` drainable and returns the drain: stop accepting connections and wait for
 * the requests in flight. Idle keep-alive connections close at once; a busy one closes as
 * soon as its response is done (Node would otherwise keep it for its keep-alive timeout,
 * 5 s, before `close` completes); whatever still runs after `graceMs` is cut off (an upload
 * cut off removes its temp file).
 *
 *   const drain = drainable(server); … await drain(10_000);
 */
export function drainable(server: Server): (graceMs: number) => Promise<void> {
  let draining = false;
  server.on('request', (_req, res) => {
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('finish', () => {
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return (graceMs) =>
    new Promise<void>((ok) => {
      draining = true;
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      cut.unref();
      server.close(() => {
        clearTimeout(cut);
        ok();
      });
      server.closeIdleConnections();
    });
}
