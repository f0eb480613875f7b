/**
 * `npm run bench`: every `bench/<name>.bench.ts`, each in its own node process (no JIT, heap or
 * pool state carried from one to the next), each printing its figures beside a baseline
 * measured in the same run. Not part of the tests: timings do not belong in CI.
 *
 *   npm run bench                      # all, in the order below
 *   npm run bench -- core              # the benchmarks whose name contains "core"
 *   npm run bench -- http startup      # several
 *
 * The machine has 2 cores: run it on a quiet machine (a first line warns when it is not).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { busyShare, cpuTimes } from './lib/load.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
/** The issue's order; any other bench file runs after these. */
const ORDER = ['core', 'http', 'processes', 'scale', 'startup', 'transition', 'evidence'];

const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
const filters = process.argv.slice(2);
const chosen = names.filter((n) => !filters.length || filters.some((f) => n.includes(f)));
if (!chosen.length) {
  process.stderr.write(`no benchmark matches ${filters.join(', ')}; there are: ${names.join(', ')}\n`);
  process.exit(2);
}

const before = cpuTimes();
await new Promise((r) => setTimeout(r, 500));
const busy = busyShare(before, cpuTimes());
process.stdout.write(`benchmarks: ${chosen.join(', ')} (node ${process.version}; machine ${Math.round(busy * 100)} % busy before starting${busy > 0.15 ? ': OTHER LOAD, figures will be low and noisy' : ''})\n`);

const failed: string[] = [];
const t0 = performance.now();
for (const name of chosen) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${name}.bench.ts`], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failed.push(name);
  process.stdout.write(`-- ${name}: ${r.status === 0 ? 'done' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds} s\n`);
}
process.stdout.write(`all benchmarks: ${((performance.now() - t0) / 1000).toFixed(0)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`);
process.exit(failed.length ? 1 : 0);
