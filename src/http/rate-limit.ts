import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import { callerOf } from './caller.ts';

export interface RateLimitOptions {
  /** Requests a key may make per window (also the burst it may spend at once). */
  limit: number;
  windowMs: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per API key, in this process: `limit` requests per `windowMs`, refilled
 * continuously. Answers carry `RateLimit-Policy` and `RateLimit` (IETF httpapi draft, the
 * form express-rate-limit calls draft-7); a refusal is 429 RATE.LIMITED with `Retry-After`.
 * Several processes each keep their own buckets, so a key's limit is per process.
 */
export function rateLimit(opts: RateLimitOptions) {
  const now = opts.now ?? Date.now;
  const perMs = opts.limit / opts.windowMs;
  const buckets = new Map<string, Bucket>();
  const windowS = Math.ceil(opts.windowMs / 1000);
  // Full buckets are dropped now and then, so the map holds only keys that are spending.
  setInterval(() => {
    const t = now();
    for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= opts.limit) buckets.delete(k);
  }, opts.windowMs).unref();

  return (_req: Request, res: Response, next: NextFunction): void => {
    const key = callerOf(res).keyId;
    const t = now();
    const b = buckets.get(key) ?? { tokens: opts.limit, at: t };
    b.tokens = Math.min(opts.limit, b.tokens + (t - b.at) * perMs);
    b.at = t;
    buckets.set(key, b);
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    const reset = Math.ceil((opts.limit - b.tokens) / perMs / 1000);
    res.set('RateLimit-Policy', `${opts.limit};w=${windowS}`);
    res.set('RateLimit', `limit=${opts.limit}, remaining=${Math.floor(b.tokens)}, reset=${reset}`);
    if (allowed) return next();
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
    res.set('Retry-After', String(retryAfter));
    throw new DomainError('RATE.LIMITED', `This key made more than ${opts.limit} requests in ${windowS} s; retry in ${retryAfter} s.`, { retryAfter });
  };
}
