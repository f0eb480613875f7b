import './lib/quiet.ts';
/**
 * Start-up, median of 5 (after one unmeasured run of each; variants interleaved):
 *  - the service: spawn → first `GET /healthz` 200 (polled every 5 ms), as `npm start`
 *    (npm → `node dist/src/cli.js start`), the compiled CLI directly, and through tsx
 *    (`node --import tsx src/cli.ts start`), on one SQLite data dir (migrated by the warm-up);
 *  - a one-photo `dispute check <photo> --kind product_photo --json`, compiled vs tsx, to exit;
 *  - beside both, `node -e 0`: what any node process costs here.
 * dist/ is built first (`npm run build`) when it is missing or older than a source file.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFixtures } from '../test/fixtures/make-fixtures.ts';
import { freePort } from '../test/helpers/process.ts';
import { isMain } from './lib/quiet.ts';
import { fmtMs, fmtRatio, median, out, table } from './lib/report.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 5;
const COMPILED_CLI = join(root, 'dist/src/cli.js');

/** The newest mtime under `dir` (files only). */
function newest(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((t, e) => Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
}

/** Builds dist/ when it is missing or older than src/ or machines/; says so. */
function ensureBuild(): string {
  const fresh = existsSync(COMPILED_CLI) && newest(join(root, 'dist')) >= Math.max(newest(join(root, 'src')), newest(join(root, 'machines')));
  if (fresh) return 'dist/ up to date';
  const t0 = performance.now();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return `dist/ was missing or stale: rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

/** Spawns `cmd args` in its own process group and resolves with ms until `/healthz` answers 200. */
async function toHealthy(cmd: string, args: string[], env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(' ')} exited with ${child.exitCode}`);
      if (performance.now() - t0 > 20_000) throw new Error(`${cmd} ${args.join(' ')}: no /healthz in 20 s`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    // The whole group: npm's child node too.
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  }
}

/** Runs `cmd args` to exit; ms. Fails on a non-zero exit. */
function toExit(cmd: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${stdout.slice(0, 500)}`));
      if (args.includes('--json')) JSON.parse(stdout); // a report, not an error message
      ok(ms);
    });
  });
}

/** Each variant once unmeasured, then RUNS interleaved rounds; median ms per variant. */
async function medians(variants: Array<[string, () => Promise<number>]>): Promise<Map<string, number>> {
  for (const [, run] of variants) await run();
  const times = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let r = 0; r < RUNS; r++) for (const [name, run] of variants) times.get(name)!.push(await run());
  return new Map([...times].map(([name, ts]) => [name, median(ts)]));
}

export async function benchStartup(): Promise<void> {
  const build = ensureBuild();
  const { cameraJpeg } = await ensureFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-startup-'));
  try {
    const env = { DATA_DIR: join(dir, 'data'), UPLOADS_DIR: join(dir, 'uploads') };
    const nodeBare = (): Promise<number> => toExit(process.execPath, ['-e', '0']);
    const start = await medians([
      ['node -e 0', nodeBare],
      ['npm start (compiled)', () => toHealthy('npm', ['start', '--silent'], env)],
      ['node dist/src/cli.js start', () => toHealthy(process.execPath, [COMPILED_CLI, 'start'], env)],
      ['node --import tsx src/cli.ts start', () => toHealthy(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], env)],
    ]);
    const checkArgs = ['check', cameraJpeg, '--kind', 'product_photo', '--json'];
    const check = await medians([
      ['node -e 0', nodeBare],
      ['node dist/src/cli.js check (compiled)', () => toExit(process.execPath, [COMPILED_CLI, ...checkArgs])],
      ['node --import tsx src/cli.ts check', () => toExit(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...checkArgs])],
    ]);
    const rows = (m: Map<string, number>) => {
      const bare = m.get('node -e 0')!;
      return [...m].map(([name, ms]) => [name, fmtMs(ms), name === 'node -e 0' ? '–' : fmtMs(ms - bare), name === 'node -e 0' ? '1.00×' : fmtRatio(ms / bare)]);
    };
    table(`startup: spawn → first /healthz 200 (SQLite, migrated data dir), median of ${RUNS}`, ['command', 'median', 'over node -e 0', 'vs node -e 0'], rows(start), [build]);
    table(`startup: dispute check <1600×1200 camera JPEG, test fixture> --kind product_photo --json, spawn → exit, median of ${RUNS}`, ['command', 'median', 'over node -e 0', 'vs node -e 0'], rows(check));
    const c = start.get('node dist/src/cli.js start')!;
    const t = start.get('node --import tsx src/cli.ts start')!;
    out(`  compiled start is ${fmtRatio(t / c)} faster than tsx; check: ${fmtRatio(check.get('node --import tsx src/cli.ts check')! / check.get('node dist/src/cli.js check (compiled)')!)}`);
    out();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchStartup();
