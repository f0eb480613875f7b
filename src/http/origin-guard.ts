import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id, Upload-Length, Upload-Offset, Upload-Metadata, Tus-Resumable';
const EXPOSE_HEADERS = 'Location, Retry-After, RateLimit, RateLimit-Policy, X-Request-Id, Content-Range, Upload-Offset, Upload-Length, Upload-Expires, Tus-Resumable, Evidence-Id';

/**
 * Browsers: CORS only for the configured origins (`CORS_ORIGINS`), and a state-changing
 * request (anything but GET/HEAD/OPTIONS) from any other origin is refused before its body is
 * read: 403 AUTH.FORBIDDEN_ORIGIN. Requests without `Origin` (servers, curl) and same-origin
 * pages (the console) pass. The API never sets or reads cookies, so credentials are not allowed.
 */
export function originGuard(allowed: readonly string[]) {
  const allow = new Set(allowed.map((o) => o.replace(/\/+$/, '')));
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('Origin');
    if (!origin) return next();
    if (allow.has(origin)) {
      res.vary('Origin');
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSE_HEADERS });
      if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method')) {
        res.set({
          'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
        });
        return void res.status(204).end();
      }
      return next();
    }
    const sameOrigin = origin === `${req.protocol}://${req.get('host')}`;
    if (sameOrigin || SAFE_METHODS.has(req.method)) return next();
    throw new DomainError('AUTH.FORBIDDEN_ORIGIN', `Requests that change state are not accepted from ${origin}; ask an admin to add it to CORS_ORIGINS.`);
  };
}
