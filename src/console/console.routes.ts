import express, { type NextFunction, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { listedRouter } from '../http/route-list.ts';
import { disputeMachine } from '../../machines/dispute.machine.ts';
import { consoleCsp } from './console-csp.ts';
import { evidenceKindOptions } from './evidence-kinds.ts';
import { lifecycleGraph } from './lifecycle-graph.ts';
import { lifecycleLayout } from './lifecycle-layout.ts';
import { consoleShell, type ConsoleBoot } from './shell.ts';
import { VENDOR_MODULES, vendorUrl, type VendorModule } from './vendor-modules.ts';

const APP_DIR = fileURLToPath(new URL('./app/', import.meta.url));

export interface ConsoleOptions {
  /** The service's AUTH mode: with `off` the console calls the API as the local caller. */
  auth: 'on' | 'off';
  /** Origins that may frame the standalone console (CONSOLE_FRAME_ANCESTORS); none by default. */
  frameAncestors: readonly string[];
}

/** A fresh nonce per page: the inline import map is the only inline script allowed. */
export const newNonce = (): string => randomBytes(16).toString('base64');

/** The headers of every console page (the shell, an embed's refusal page); returns the page's nonce. */
export function setConsolePageHeaders(res: Response, frameAncestors: readonly string[]): string {
  const nonce = newNonce();
  res.set({
    'Content-Security-Policy': consoleCsp(nonce, frameAncestors),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // The page carries a short-lived token when embedded: never cache it.
    'Cache-Control': 'no-store',
  });
  return nonce;
}

/** Answers one console page: the shell with its boot data, under the console CSP. */
export function sendConsolePage(res: Response, boot: ConsoleBoot, frameAncestors: readonly string[]): void {
  const nonce = setConsolePageHeaders(res, frameAncestors);
  res.type('html').send(consoleShell({ nonce, boot }));
}

/** Static files of the console: its own modules and styles, and the pinned vendor modules. */
function assetHeaders(res: Response): void {
  res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' });
}

const VENDOR_BY_URL = new Map(Object.entries(VENDOR_MODULES).map(([name, file]) => [vendorUrl(name as VendorModule), file]));

/** Files (not API operations, like /docs/assets): only the modules named in VENDOR_MODULES. */
function vendorFiles(req: Request, res: Response, next: NextFunction): void {
  const file = VENDOR_BY_URL.get(`/console/vendor${req.path}`);
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  assetHeaders(res);
  res.type('text/javascript').sendFile(file);
}

/**
 * The agent console: `/` leads to `/console`, the page itself, its files under
 * `/console/app/`, and vendor modules (Preact, htm) from node_modules under `/console/vendor/`.
 * The page is a shell; everything it shows comes from the documented API with the agent's key.
 */
export function consoleRouter(opts: ConsoleOptions) {
  const r = listedRouter();
  r.get('/', (_req, res) => res.redirect(302, '/console'));
  r.get('/console', (_req, res) => sendConsolePage(res, { auth: opts.auth }, opts.frameAncestors));
  r.get('/console/evidence-kinds.json', (_req, res) => (assetHeaders(res), res.json(evidenceKindOptions())));
  // The machine is fixed for the process's life: its drawing is computed once.
  const lifecycle = lifecycleLayout(lifecycleGraph(disputeMachine.root));
  r.get('/console/lifecycle.json', (_req, res) => (assetHeaders(res), res.json(lifecycle)));
  r.use('/console/vendor', vendorFiles);
  r.use('/console/app', (_req, res, next) => (assetHeaders(res), next()), express.static(APP_DIR, { index: false, fallthrough: true }));
  return r;
}
