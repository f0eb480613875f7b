/**
 * The ExifTool batch process a check thread starts for photo metadata is shared by the
 * thread's files and does not outlive the pool: check-worker.ts ends it (and waits) on close;
 * exiftool-vendored's own exit hook in the thread is a second line, so this test holds with
 * either. Observed from the OS: the children of this process whose command line names exiftool.
 */
import './quiet.ts';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { createCheckPool } from '../../src/evidence/check-pool.ts';
import { ensureFixtures, policy, TRACKING } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

/** Live child processes of this process running exiftool (Linux /proc). */
function exiftoolChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== process.pid || state === 'Z') continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('exiftool')) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

test('a check thread reads photo metadata through one ExifTool process, which ends when the pool closes', async () => {
  assert.deepEqual(exiftoolChildren(), [], 'no ExifTool before the pool');
  const pool = createCheckPool({ concurrency: 1, timeoutMs: 30_000 });
  const [first, second] = [
    await pool.run({ path: fx.cameraJpeg, kind: 'label_photo', ctx: { policy, trackingNumber: TRACKING } }),
    await pool.run({ path: fx.editedJpeg, kind: 'label_photo', ctx: { policy, trackingNumber: TRACKING } }),
  ];
  assert.equal(first?.checks.find((c) => c.id === 'original')?.code, 'ORIGINAL.CAMERA');
  assert.equal(second?.checks.find((c) => c.id === 'original')?.code, 'ORIGINAL.EDITED');
  assert.equal(exiftoolChildren().length, 1, 'one batch process serves both files');
  await pool.close();
  assert.deepEqual(exiftoolChildren(), [], 'closed with the pool');
});
