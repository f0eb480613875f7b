/**
 * The audit log's hash chain, shared by every store adapter: each entry's hash covers the
 * previous entry's hash and the entry's content in canonical JSON, so altering, dropping or
 * reordering any entry breaks every later hash. Hashes are computed from the entry as the
 * workflow built it and recomputed from what the store hands back; both must agree.
 *
 *   const r = verifyChain(await tx.log.entries(id));   // { ok: true, entries: 7 }
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.ts';
import type { LogEntry, NewLogEntry } from './store.port.ts';

export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, e: NewLogEntry): string {
  return createHash('sha256')
    .update(`${prevHash}\n${e.disputeId}\n${e.seq}\n${e.type}\n${e.actor}\n${e.at}\n${canonicalJson(e.payload)}`)
    .digest('hex');
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; brokenAt: number; reason: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/** Recomputes every hash from the entries themselves (ordered by seq, starting at 1). */
export function verifyChain(entries: readonly LogEntry[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i + 1) return { ok: false, entries: entries.length, brokenAt: e.seq, reason: 'seq_gap' };
    if (e.prevHash !== prev) return { ok: false, entries: entries.length, brokenAt: e.seq, reason: 'prev_hash_mismatch' };
    if (chainHash(prev, e) !== e.hash) return { ok: false, entries: entries.length, brokenAt: e.seq, reason: 'hash_mismatch' };
    prev = e.hash;
  }
  return { ok: true, entries: entries.length, head: prev };
}
