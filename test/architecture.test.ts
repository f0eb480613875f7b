import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, dir, f));
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Boundaries from ARCHITECTURE.md: pure parts import no I/O, the domain knows nothing of HTTP. */
const RULES: Array<{ dir: string; forbidden: RegExp; why: string }> = [
  { dir: 'machines', forbidden: /\/(http|store|workflow|evidence)\/|^node:|^(express|better-sqlite3|multer|sharp|fluent-ffmpeg)$/, why: 'the statechart is pure' },
  { dir: 'src/verdict', forbidden: /\/(http|store|workflow|evidence)\/|^node:|^(express|better-sqlite3|multer|sharp|fluent-ffmpeg)$/, why: 'the preview is pure' },
  { dir: 'src/domain', forbidden: /\/(http|store|workflow)\/|^(express|better-sqlite3)$/, why: 'the domain has no I/O' },
  { dir: 'src/store', forbidden: /\/(http|workflow|evidence|verdict)\//, why: 'the store is a port, not a user of the app' },
  { dir: 'src/evidence', forbidden: /\/http\//, why: 'checks know nothing of HTTP' },
  { dir: 'src/workflow', forbidden: /\/http\//, why: 'the command path knows nothing of HTTP' },
  { dir: 'src/webhooks', forbidden: /\/(http|evidence|verdict)\//, why: 'webhooks read the outbox, not the app' },
];

for (const rule of RULES) {
  test(`${rule.dir} imports nothing it must not (${rule.why})`, () => {
    const bad = sources(rule.dir).flatMap((f) => importsOf(f).filter((i) => rule.forbidden.test(i)).map((i) => `${relative(root, f)} → ${i}`));
    assert.deepEqual(bad, []);
  });
}
