import type { Policy } from './policy.schema.ts';

/** The normal form names and aliases are kept in: `Phone Accessories` → `phone_accessories`. */
export function categoryKey(given: string): string {
  return given.normalize('NFC').trim().toLowerCase().replace(/[\s\-&/]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
}

/**
 * The policy's name for a category as a client wrote it (`jewelry` → `jewellery`, `Phone
 * Accessories` → `phone_accessories`), or the given text (trimmed) with `known: false`.
 */
export function categoryOf(policy: Policy, given: string): { name: string; known: boolean } {
  const key = categoryKey(given);
  if (policy.categories.names.includes(key)) return { name: key, known: true };
  const alias = policy.categories.aliases[key];
  return alias ? { name: alias, known: true } : { name: given.trim(), known: false };
}

/** True when the policy's category rules can apply to this (already matched) category. */
export function isKnownCategory(policy: Policy, name: string): boolean {
  return policy.categories.names.includes(name);
}
