// Runs after tsc and copy-assets (`npm run build`): replaces dist/src/cli/check.command.js by
// one file holding it and every module it reaches (ours, zod, pino, file-type, …), so a
// `dispute check` process loads 1 file instead of about 270. Node 20 spent about 0.3 s of a
// fresh process resolving and linking those modules one by one; on the bench's 60 s 1080p
// packing video the CLI took a median 0.95 s bundled against 1.08 s (10 runs each, in turns).
// The other commands and the service keep tsc's files: only this command is started once per file.
//
//   node scripts/bundle-check.mjs   # → bundled 232 modules into dist/src/cli/check.command.js
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/src/cli/check.command.js', import.meta.url));
const outDir = dirname(entry);

/**
 * Left to Node, imported from node_modules as they are: native addons and wasm, and packages
 * that find their own files or start workers and processes from paths beside themselves.
 */
const EXTERNAL = [
  'sharp',
  'zxing-wasm',
  'mupdf',
  'tesseract.js',
  '@tesseract.js-data/eng',
  'exiftool-vendored',
  'fluent-ffmpeg',
  '@ffmpeg-installer/ffmpeg',
  '@ffprobe-installer/ffprobe',
  'better-sqlite3',
  'pg',
];

/**
 * Each bundled module keeps its own place: `import.meta.url`, `__filename` and `__dirname` name
 * the file it came from (found relative to the bundle), so what it reads beside itself (the
 * shipped policies, the frame reader's thread, exiftool's watch script) is found as before.
 */
const originalPlaces = {
  name: 'original-places',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      if (!/import\.meta\.url|__filename|__dirname/.test(text)) return undefined;
      // Through the banner's helper: `import.meta` written into a CommonJS file would make it a module.
      const here = `__bundledUrlOf(${JSON.stringify(relative(outDir, path).split(sep).join('/'))})`;
      const contents = text
        .replaceAll('import.meta.url', `${here}.href`)
        .replace(/\b__filename\b/g, `__bundledFileURLToPath(${here})`)
        .replace(/\b__dirname\b/g, `__bundledFileURLToPath(new URL('.', ${here})).replace(/\\/$/, '')`);
      return { contents, loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  plugins: [originalPlaces],
  // CommonJS packages (pino, debug) call require() for Node's own modules; __bundledUrlOf is originalPlaces' helper.
  banner: {
    js: [
      "import { createRequire as __bundledCreateRequire } from 'node:module';",
      "import { fileURLToPath as __bundledFileURLToPath } from 'node:url';",
      'const require = __bundledCreateRequire(import.meta.url);',
      'const __bundledUrlOf = (path) => new URL(path, import.meta.url);',
    ].join('\n'),
  },
  metafile: true,
  logLevel: 'warning',
});
const modules = Object.keys(result.metafile.inputs).length;
process.stdout.write(`bundled ${modules} modules into ${relative(process.cwd(), entry)}\n`);
