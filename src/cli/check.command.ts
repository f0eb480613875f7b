/**
 * `dispute check <file> --kind <kind> [--sku S]... [--tracking T] [--json] [--proof-dir DIR] [--policy VERSION] [--timeout MS]`
 *
 * Runs the evidence checks on one local file and prints the report: a table, or the JSON
 * report with `--json`. Exit code: 0 accepted, 1 rejected or needs review, 2 usage error.
 *
 *   dispute check pack.mp4 --kind packing_video --sku SKU-AE-48213-BLK --tracking LP00712345678CN
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { EVIDENCE_KINDS, type EvidenceKind } from '../domain/evidence-summary.ts';
import { warmBarcodes } from '../evidence/media/barcodes.ts';
import { warmFrameReader } from '../evidence/media/frame-reader.ts';
import { closeReaders } from '../evidence/media/readers.ts';
import { logToStderr } from '../logger.ts';
import type { EvidenceReport } from '../evidence/report.ts';
import { policyByVersion, policyInForce } from '../policy/policies.ts';

export const CHECK_USAGE = `usage: dispute check <file> --kind <${EVIDENCE_KINDS.join('|')}> [--sku SKU]... [--tracking NUMBER] [--json] [--proof-dir DIR] [--policy VERSION] [--timeout MS]
`;

export async function checkCommand(argv: string[]): Promise<number> {
  // stdout carries the report alone (a table, or one JSON document for `--json | jq`).
  logToStderr();
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        sku: { type: 'string', multiple: true },
        tracking: { type: 'string' },
        json: { type: 'boolean' },
        'proof-dir': { type: 'string' },
        policy: { type: 'string' },
        timeout: { type: 'string' },
      },
    });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) return usage('give exactly one file');
  if (!values.kind || !(EVIDENCE_KINDS as readonly string[]).includes(values.kind)) return usage(`--kind must be one of ${EVIDENCE_KINDS.join(', ')}`);
  if (!existsSync(file)) return usage(`no such file: ${file}`);
  const policy = values.policy ? policyByVersion(values.policy) : policyInForce(Date.now());
  if (!policy) return usage(`unknown policy version: ${values.policy}`);
  const timeoutMs = values.timeout ? Number(values.timeout) : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) return usage('--timeout must be a positive number of milliseconds');

  // One file, then the process ends: zxing's wasm (the barcode reader) is run by its baseline
  // compiler only. Optimising its hot functions on background threads took about 400 ms of CPU a
  // packing video check, on a 2-core machine whose other core is decoding the video, and this
  // process exits before that code pays back (see bench/evidence.bench.ts, "CLI"). Set before
  // anything compiles wasm.
  setFlagsFromString('--liftoff-only');
  if (values.kind === 'packing_video') {
    // Their start-up (a thread, a wasm compile) runs beside the loading of the checks below.
    warmFrameReader();
    warmBarcodes();
  }
  try {
    // Imported only now: a usage error does not load every check (sharp, file-type, the policies' schemas).
    const { runChecks } = await import('../evidence/run-checks.ts');
    const report = await runChecks(
      file,
      values.kind as EvidenceKind,
      {
        policy,
        ...(values.sku ? { skus: values.sku } : {}),
        ...(values.tracking ? { trackingNumber: values.tracking } : {}),
        ...(values['proof-dir'] ? { proofDir: values['proof-dir'] } : {}),
      },
      timeoutMs ? { timeoutMs } : {},
    );
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(file, report));
    return report.status === 'accepted' ? 0 : 1;
  } finally {
    await closeReaders();
  }
}

function usage(problem: string): number {
  process.stderr.write(`dispute check: ${problem}\n${CHECK_USAGE}`);
  return 2;
}

/** The report as a table a person reads in a terminal. */
export function formatReport(file: string, r: EvidenceReport): string {
  const header = ['check', 'status', 'code', 'message'];
  const rows = r.checks.map((c) => [c.id, c.status.toUpperCase(), c.code, c.message]);
  const widths = [0, 1, 2].map((i) => Math.max(...[header, ...rows].map((row) => (row[i] as string).length)));
  const line = (row: string[]) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] as number) : cell)).join('  ');
  const proofs = r.checks.flatMap((c) => (c.proof ?? []).map((p) => `  ${c.id}: ${[p.atSeconds !== undefined ? `${p.atSeconds} s` : '', p.text ?? '', p.image ?? ''].filter(Boolean).join('  ')}`));
  return [
    `${file}: ${r.status.toUpperCase().replace('_', ' ')}  (${r.kind}, ${r.sniffedType ?? 'unknown type'}, ${r.bytes} bytes, policy ${r.policyVersion}, ${r.elapsedMs} ms)`,
    `sha256 ${r.sha256}${r.phash ? `  phash ${r.phash}` : ''}${r.capturedAt ? `  captured ${new Date(r.capturedAt).toISOString()}` : ''}`,
    '',
    line(header),
    ...rows.map(line),
    ...(proofs.length ? ['', 'proof:', ...proofs] : []),
    '',
  ].join('\n');
}
