/**
 * `npm run bench`: every benchmark, each printing its figures beside a baseline measured in
 * the same run. Not part of the tests (timings do not belong in CI).
 *   npm run bench              # all
 *   npm run bench -- core      # one: core | evidence
 */
import { benchCore } from './core.bench.ts';

process.env.LOG_LEVEL ??= 'silent';
const only = process.argv[2];
if (!only || only === 'core') await benchCore();
if (!only || only === 'evidence') {
  const { benchEvidence } = await import('./evidence.bench.ts');
  await benchEvidence();
}
