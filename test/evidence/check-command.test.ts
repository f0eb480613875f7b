import './quiet.ts';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { ensureFixtures, SKU, TRACKING } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const command = fileURLToPath(new URL('../../src/cli/check.command.ts', import.meta.url));
/** `dispute check …` as the CLI will call it: a fresh node process running checkCommand(argv). */
function dispute(args: string[]) {
  const script = `import(${JSON.stringify(command)}).then(async (m) => process.exit(await m.checkCommand(process.argv.slice(1))))`;
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', script, ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
}

test('accepted: exit 0 and a table naming every check', () => {
  const r = dispute([fx.video20, '--kind', 'packing_video', '--sku', SKU, '--tracking', TRACKING]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ACCEPTED/);
  for (const id of ['file.type', 'original', 'video.duration', 'video.sku', 'video.label']) assert.match(r.stdout, new RegExp(`^${id.replace('.', '\\.')}\\s`, 'm'));
});

test('rejected: exit 1, and --json prints the report', () => {
  const r = dispute([fx.video14_9, '--kind', 'packing_video', '--json']);
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { status: string; checks: Array<{ id: string; code: string }> };
  assert.equal(report.status, 'rejected');
  assert.equal(report.checks.find((c) => c.id === 'video.duration')?.code, 'VIDEO.TOO_SHORT');
});

test('--json through the real CLI prints exactly one JSON document on stdout; log lines go to stderr', () => {
  const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
  // LOG_LEVEL=info: the run logs 'evidence checked', which used to land on stdout before the report.
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'check', fx.video20, '--kind', 'packing_video', '--sku', SKU, '--tracking', TRACKING, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { status: string; checks: Array<{ id: string; code: string }> };
  assert.equal(report.status, 'accepted');
  assert.match(r.stderr, /"msg":"evidence checked"/);
});

test('usage errors: exit 2', () => {
  assert.equal(dispute([fx.video20]).status, 2);
  assert.equal(dispute([fx.video20, '--kind', 'selfie']).status, 2);
  assert.equal(dispute(['/no/such/file', '--kind', 'packing_video']).status, 2);
  assert.equal(dispute([fx.video20, '--kind', 'packing_video', '--bogus']).status, 2);
});
