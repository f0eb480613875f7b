import express, { type Response } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiJson } from '../openapi/document.ts';
import { listedRouter } from '../route-list.ts';

/** Swagger UI's files, from node_modules (swagger-ui-dist, pinned in package.json): nothing from a CDN. */
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const DOCS_DIR = fileURLToPath(new URL('../openapi/docs/', import.meta.url));

/**
 * Pages and styles from this origin only; Swagger UI sets inline styles (style-src
 * 'unsafe-inline'), scripts are files (no inline script), the document is fetched from here.
 */
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function secure(res: Response, csp: string): void {
  res.set({ 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' });
}

/** Public, read-only: `/openapi.json` (built once), `/docs` (Swagger UI) and its files. (`/` leads to the console.) */
export function frontDoorRouter() {
  const r = listedRouter();
  r.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.type('application/json').send(openApiJson());
  });
  r.get('/docs', (_req, res) => {
    secure(res, DOCS_CSP);
    res.sendFile(DOCS_DIR + 'index.html');
  });
  r.use('/docs/assets', (_req, res, next) => (secure(res, DOCS_CSP), next()), express.static(SWAGGER_UI_DIR, { index: false }));
  r.use('/docs', (_req, res, next) => (secure(res, DOCS_CSP), next()), express.static(DOCS_DIR, { index: false }));
  return r;
}
