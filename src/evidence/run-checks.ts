/**
 * Runs every applicable check on one file and adds the answers up into a report.
 * Bounded: the whole run has a timeout (default 60 s); when it fires, ffmpeg children are
 * killed through the signal and every unfinished check reports `CHECK.TIMEOUT` (warn). A
 * check that throws reports `CHECK.ERROR` (warn): nothing here rejects with an exception
 * for a bad file.
 */
import { timeLimit } from '../domain/time-limit.ts';
import type { CheckResult, EvidenceKind } from '../domain/evidence-summary.ts';
import { result, type Check, type CheckContext } from './check.ts';
import { ALL_CHECKS, CONTENT_CHECKS, GATE_CHECKS } from './checks/registry.ts';
import { EvidenceFile } from './evidence-file.ts';
import { captureTime } from './media/capture-time.ts';
import { evidenceLog } from './log.ts';
import { AbortedError, MediaError } from './media/media-error.ts';
import { reportStatus, type EvidenceReport } from './report.ts';

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface RunOptions {
  timeoutMs?: number;
  /** Replace the registry (tests); defaults to every registered check. */
  checks?: readonly Check[];
}

/**
 * `await runChecks('/tmp/v.mp4', 'packing_video', { policy, skus: ['SKU-AE-48213-BLK'], trackingNumber: 'LP00712345678CN' })`
 * → `{ status: 'accepted', sha256, sniffedType: 'mp4', checks: [...], phash, capturedAt }`.
 */
export async function runChecks(
  file: string | { path: string },
  kind: EvidenceKind,
  ctx: CheckContext,
  opts: RunOptions = {},
): Promise<EvidenceReport> {
  const started = Date.now();
  const path = typeof file === 'string' ? file : file.path;
  const limit = timeLimit(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, ctx.signal);
  try {
    // A failed gate ends the file's work started beside the gates (a video's decode).
    return await checkAll(path, kind, { ...ctx, signal: limit.signal }, opts, started, () => limit.stop('a gate check failed'));
  } finally {
    limit.release();
  }
}

async function checkAll(path: string, kind: EvidenceKind, ctx: CheckContext, opts: RunOptions, started: number, onGateFailed: () => void): Promise<EvidenceReport> {
  const signal = ctx.signal as AbortSignal;
  const evidence = new EvidenceFile(path, kind, ctx.policy, signal);
  const log = ctx.log ?? evidenceLog;
  // Every report carries the hash: started now, it runs while the checks wait on ffprobe and
  // ffmpeg (hashed after the scan, a 60 MB video's hash was 60-85 ms of the run's last 125 ms).
  evidence.sha256().catch(() => undefined);
  const registered = opts.checks ?? ALL_CHECKS;
  const applicable = (list: readonly Check[]) => list.filter((c) => registered.includes(c) && c.appliesTo(kind, ctx));
  const content = applicable(CONTENT_CHECKS).concat(registered.filter((c) => !ALL_CHECKS.includes(c) && c.appliesTo(kind, ctx)));

  // A packing video's keyframe decode starts beside the gates, not after their ffprobe.
  for (const c of content) c.startEarly?.(evidence, ctx);
  const gates = await Promise.all(applicable(GATE_CHECKS).map((c) => runOne(c, evidence, ctx, log)));
  const gateFailed = gates.some((r) => r.status === 'fail');
  if (gateFailed) onGateFailed();
  // The report's facts are computed beside the checks, not after them (a video's phash takes the
  // scan's middle keyframe as it passes, or decodes that keyframe itself when no scan runs).
  const facts = gateFailed ? undefined : Promise.all([evidence.phash().catch(() => undefined), captureTime(evidence).catch(() => undefined)]);
  const rest = gateFailed
    ? content.map((c) => result(c.id, 'skip', 'CHECK.SKIPPED_INVALID_FILE', 'Not checked: the file failed the type or size check.'))
    : await Promise.all(content.map((c) => runOne(c, evidence, ctx, log)));
  const checks = [...gates, ...rest];

  const sha256 = await evidence.sha256();
  const sniffed = await evidence.sniff().catch(() => ({ type: null }));
  const [phash, capturedAt] = facts && !signal.aborted ? await facts : [undefined, undefined];
  const report: EvidenceReport = {
    status: reportStatus(checks),
    kind,
    sha256,
    sniffedType: sniffed.type,
    bytes: await evidence.size(),
    checks,
    ...(phash ? { phash } : {}),
    ...(capturedAt ? { capturedAt } : {}),
    policyVersion: ctx.policy.version,
    elapsedMs: Date.now() - started,
  };
  log.info({ path, kind, status: report.status, elapsedMs: report.elapsedMs }, 'evidence checked');
  return report;
}

/** One check, never throwing; resolves `CHECK.TIMEOUT` as soon as the signal fires. */
async function runOne(check: Check, file: EvidenceFile, ctx: CheckContext, log: typeof evidenceLog): Promise<CheckResult> {
  const signal = ctx.signal as AbortSignal;
  const timedOut = () => result(check.id, 'warn', 'CHECK.TIMEOUT', 'The check did not finish in time; a person will look at this file.');
  if (signal.aborted) return timedOut();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<CheckResult>((resolve) => {
    onAbort = () => resolve(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([check.run(file, ctx), aborted]);
  } catch (e) {
    if (e instanceof AbortedError || signal.aborted) return timedOut();
    if (e instanceof MediaError) return result(check.id, 'fail', e.code, e.message);
    log.error({ err: e, check: check.id, path: file.path }, 'evidence check crashed');
    return result(check.id, 'warn', 'CHECK.ERROR', `The check could not run (${e instanceof Error ? e.message : String(e)}); a person will look at this file.`);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
