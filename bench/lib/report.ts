/**
 * Printing for the benchmarks: one aligned table per benchmark, figures with their units,
 * and the small statistics they need (median, percentiles).
 *
 *   table('in-process transitions', ['store', 'rate'], [['sqlite', rate(5200)]], ['goal ≥ 0.6']);
 */

export const out = (s = ''): void => void process.stdout.write(`${s}\n`);

/** Prints `rows` under `headers`: the first column left-aligned, the figures right-aligned; then the notes. */
export function table(title: string, headers: string[], rows: Array<Array<string | number>>, notes: string[] = []): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  out();
  out(`== ${title} ==`);
  out(line(headers));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) out(line(r));
  for (const n of notes) out(`  ${n}`);
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0..100) of `xs`. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const fmtRate = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US')}/s`;
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtMs = (ms: number): string => (ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
export const fmtUs = (us: number): string => (us >= 100 ? `${us.toFixed(0)} µs` : `${us.toFixed(1)} µs`);
export const fmtRatio = (r: number): string => `${r.toFixed(2)}×`;
export const fmtBytes = (b: number): string =>
  b >= 1 << 30 ? `${(b / (1 << 30)).toFixed(2)} GiB` : b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : `${(b / 1024).toFixed(0)} KiB`;

/** "met" or "MISSED", for a goal line. */
export const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
