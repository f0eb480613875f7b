import { Router } from 'express';

/**
 * Which (method, path) routes an app answers, read without express's private fields: an app or
 * Router passed through `listRoutes` records its own `get/post/…` calls and the listed routers
 * it mounts with `use`. The OpenAPI test compares this list with the document, so every router
 * is built with `listedRouter()`; a plain Router mounted on a listed one is reported in
 * `unlisted` (its routes could not be read), which that test also fails on.
 */
export const HTTP_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RouteEntry {
  method: HttpMethod;
  /** OpenAPI style: `/api/disputes/{id}/events`. */
  path: string;
}

interface Recorded {
  routes: { method: HttpMethod; path: string }[];
  mounts: { prefix: string; child: object }[];
  unlisted: string[];
}

const recorded = new WeakMap<object, Recorded>();

type Callable = (...args: unknown[]) => unknown;

/** A Router's public surface: a function with `route`, `use` and `get` methods (express apps too). */
function isRouterLike(x: unknown): boolean {
  if (typeof x !== 'function') return false;
  const r = x as unknown as Record<string, unknown>;
  return typeof r.route === 'function' && typeof r.use === 'function' && typeof r.get === 'function';
}

/** Makes `target` (an express app or Router) record the routes it is given; returns it. */
export function listRoutes<T extends object>(target: T): T {
  const rec: Recorded = { routes: [], mounts: [], unlisted: [] };
  recorded.set(target, rec);
  const methods = target as unknown as Record<string, Callable>;
  for (const method of HTTP_METHODS) {
    const original = methods[method]!.bind(target);
    // `app.get('etag')` (one argument) reads a setting: only calls with handlers are routes.
    methods[method] = (path: unknown, ...handlers: unknown[]) => {
      if (typeof path === 'string' && handlers.length > 0) rec.routes.push({ method, path });
      return original(path, ...handlers);
    };
  }
  const use = methods.use!.bind(target);
  methods.use = (...args: unknown[]) => {
    const prefix = typeof args[0] === 'string' ? args[0] : '/';
    for (const a of args) {
      if (typeof a === 'object' || typeof a === 'function') {
        if (a !== null && recorded.has(a)) rec.mounts.push({ prefix, child: a });
        else if (isRouterLike(a)) rec.unlisted.push(prefix);
      }
    }
    return use(...args);
  };
  return target;
}

/** An express Router that records its routes (build every router with this). */
export function listedRouter(): Router {
  return listRoutes(Router());
}

/** `/api` + `/disputes` + `/:id/events` → `/api/disputes/{id}/events`. */
function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Every route `target` and the listed routers mounted on it answer, with the mount paths of routers it could not read. */
export function routesOf(target: object, prefix = ''): { routes: RouteEntry[]; unlisted: string[] } {
  const rec = recorded.get(target);
  if (!rec) return { routes: [], unlisted: [prefix || '/'] };
  const routes: RouteEntry[] = rec.routes.map((r) => ({ method: r.method, path: join(prefix, r.path) }));
  const unlisted = rec.unlisted.map((p) => join(prefix, p));
  for (const m of rec.mounts) {
    const child = routesOf(m.child, join(prefix, m.prefix));
    routes.push(...child.routes);
    unlisted.push(...child.unlisted);
  }
  return { routes, unlisted };
}
