import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** A file beside a package entry's main file (their `exports` do not list the ES module builds). */
const besideMain = (spec: string, file: string): string => join(dirname(require.resolve(spec)), file);

/**
 * The browser modules the console imports, by import-map name, and the file in node_modules
 * each is served from at `/console/vendor/<name>.js`. Versions are pinned by package.json:
 * nothing comes from a CDN, and there is no build step.
 */
export const VENDOR_MODULES = {
  preact: besideMain('preact', 'preact.module.js'),
  'preact/hooks': besideMain('preact/hooks', 'hooks.module.js'),
  htm: besideMain('htm', 'htm.module.js'),
  // The UMD build, not lib.esm: lib.esm imports bare CommonJS packages (url-parse, js-base64)
  // no browser can resolve without a bundler. Imported as a module for its effect, it sets
  // `window.tus` (tus-upload.js reads it there); the file is self-contained.
  'tus-js-client': require.resolve('tus-js-client/dist/tus.min.js'),
} as const satisfies Record<string, string>;

export type VendorModule = keyof typeof VENDOR_MODULES;

/** The URL a vendor module is served at (also its import-map entry). */
export const vendorUrl = (name: VendorModule): string => `/console/vendor/${name.replace('/', '-')}.js`;

/** The import map every console page carries. */
export function importMap(): string {
  const imports = Object.fromEntries(Object.keys(VENDOR_MODULES).map((name) => [name, vendorUrl(name as VendorModule)]));
  return JSON.stringify({ imports });
}
