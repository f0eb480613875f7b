import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PolicySchema, type Policy } from './policy.schema.ts';

/** Loads and validates a policy file; throws with zod's message when it is not a policy. */
export function loadPolicyFile(path: string): Policy {
  return PolicySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const all: Policy[] = readdirSync(dir)
  .filter((f) => /^v.*\.json$/.test(f))
  .map((f) => loadPolicyFile(dir + f))
  .sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));

/** Every shipped policy version, oldest first. */
export const policies: readonly Policy[] = all;

/** The version in force at `atMs` (the latest whose effectiveFrom is not after it). */
export function policyInForce(atMs: number): Policy {
  const inForce = all.filter((p) => Date.parse(p.effectiveFrom) <= atMs).at(-1) ?? all[0];
  if (!inForce) throw new Error('no policy files in src/policy');
  return inForce;
}

/** A policy by version, or undefined. */
export function policyByVersion(version: string): Policy | undefined {
  return all.find((p) => p.version === version);
}
