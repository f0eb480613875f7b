import { DomainError } from '../domain/errors.ts';

/**
 * Bounds on a JSON body's shape, checked on the raw bytes BEFORE anything parses or walks
 * it (JSON.stringify of a 10,000-deep body overflowed the stack under an Idempotency-Key).
 * Depth 32: our deepest body (a dispute: body → order → shipment → deliveryProof) is 4 deep.
 * 1,000 keys: a full dispute with the 100 items the schema allows has about 330.
 */
export const JSON_MAX_DEPTH = 32;
export const JSON_MAX_KEYS = 1_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]

/**
 * Throws REQUEST.TOO_DEEP or REQUEST.TOO_MANY_KEYS when UTF-8 JSON text nests deeper or has
 * more members than the bounds; one pass, no allocation. Malformed text is left to the
 * parser. In UTF-8 the structural bytes never occur inside a multi-byte character.
 *
 *   assertJsonShape(Buffer.from('[[[1]]]'), 2) // throws REQUEST.TOO_DEEP
 */
export function assertJsonShape(bytes: Uint8Array, maxDepth = JSON_MAX_DEPTH, maxKeys = JSON_MAX_KEYS): void {
  let depth = 0;
  let keys = 0;
  let inString = false;
  let escaped = false;
  for (const b of bytes) {
    if (inString) {
      if (escaped) escaped = false;
      else if (b === BACKSLASH) escaped = true;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (OPENERS.has(b)) {
      if (++depth > maxDepth) throw new DomainError('REQUEST.TOO_DEEP', `The JSON body nests deeper than ${maxDepth} levels.`, { maxDepth });
    } else if (CLOSERS.has(b)) depth--;
    else if (b === COLON && ++keys > maxKeys) throw new DomainError('REQUEST.TOO_MANY_KEYS', `The JSON body has more than ${maxKeys} members.`, { maxKeys });
  }
}
