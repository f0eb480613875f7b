import { pino, type DestinationStream } from 'pino';

/**
 * Where log lines go: stdout for the service (12-factor), stderr for CLI commands whose stdout
 * is their result (`dispute check --json` must print exactly one JSON document there).
 * Both are pino's own synchronous destinations; the switch costs one call per line.
 */
let sink: DestinationStream = pino.destination({ fd: 1, sync: true });
const switchable: DestinationStream = { write: (line: string) => sink.write(line) };

/** The structured logger. `LOG_LEVEL=silent` in tests. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined }, switchable);
export type Logger = typeof logger;

/** Sends every later log line to stderr (CLI commands call it before they work). */
export function logToStderr(): void {
  sink = pino.destination({ fd: 2, sync: true });
}
