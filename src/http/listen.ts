import { createServer, type RequestListener, type Server } from 'node:http';

/** The port asked for is taken: a message for a person, not a stack trace. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
  ) {
    super(`Port ${port} on ${host} is already in use; stop what holds it or pick another port (e.g. PORT=${port === 3000 ? 3001 : port + 1} npm start).`);
    this.name = 'PortInUseError';
  }
}

/**
 * Listens with node:http directly: express 5's `app.listen` hands a bind failure to its
 * callback as an argument, so the old code resolved with a server that was not listening and
 * `server.address()` (null) threw a TypeError. Here EADDRINUSE rejects as a PortInUseError.
 */
export function listen(app: RequestListener, port: number, host: string): Promise<Server> {
  const server = createServer(app);
  return new Promise((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'EADDRINUSE' ? new PortInUseError(port, host) : err));
    server.listen(port, host, () => ok(server));
  });
}
