// Runs after tsc (`npm run build`): copies every file under machines/ and src/ that tsc does
// not compile (the SQL migrations, the shipped policy JSON, anything read by path at run time)
// to the same place under dist/, since compiled code looks for them next to itself
// (`new URL('./migrations/', import.meta.url)`).
//
//   node scripts/copy-assets.mjs   # → copied 6 files (.json, .sql) to dist/
import { cpSync, readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['machines', 'src'];

/** Files tsc turns into .js itself; everything else is an asset. */
const isCompiled = (name) => /\.(c|m)?tsx?$/.test(name);

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(path);
    else if (entry.isFile() && !isCompiled(entry.name)) yield path;
  }
}

const copied = [];
for (const dir of SOURCE_DIRS) {
  for (const path of assets(join(root, dir))) {
    const rel = relative(root, path);
    cpSync(path, join(root, 'dist', rel));
    copied.push(rel);
  }
}
const kinds = [...new Set(copied.map((f) => extname(f)))].sort().join(', ');
process.stdout.write(`copied ${copied.length} files (${kinds}) to dist/\n`);
