import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PolicySchema, type Policy } from './policy.schema.ts';

/** Loads and validates a policy file; throws with zod's message when it is not a policy. */
export function loadPolicyFile(path: string): Policy {
  return PolicySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const shipped: Policy[] = readdirSync(dir)
  .filter((f) => /^v.*\.json$/.test(f))
  .map((f) => loadPolicyFile(dir + f));

/** The shipped version in force at `atMs` (the latest whose effectiveFrom is not after it). */
export function policyInForce(atMs: number): Policy {
  return shippedPolicies.inForce(atMs);
}

/** A shipped policy by version, or undefined. */
export function policyByVersion(version: string): Policy | undefined {
  return shippedPolicies.byVersion(version);
}

/** Where the workflow finds policies; tests and backtests pass their own book. */
export interface PolicyBook {
  inForce(atMs: number): Policy;
  byVersion(version: string): Policy | undefined;
}

/** A book over the given policies (oldest first by effectiveFrom). */
export function policyBook(list: readonly Policy[]): PolicyBook {
  const sorted = [...list].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  return {
    inForce: (atMs) => {
      const p = sorted.filter((x) => Date.parse(x.effectiveFrom) <= atMs).at(-1) ?? sorted[0];
      if (!p) throw new Error('empty policy book');
      return p;
    },
    byVersion: (v) => sorted.find((x) => x.version === v),
  };
}

/** The policies shipped in src/policy. */
export const shippedPolicies: PolicyBook = policyBook(shipped);
