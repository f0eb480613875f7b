/**
 * ExifTool's batch process does not outlive a service killed with SIGKILL: in `-stay_open`
 * mode ExifTool alone keeps polling its closed argument stream for good, so it runs under
 * exiftool-watch.pl. A child node process reads a photo's metadata through our ExifTool, says
 * ExifTool's pid, and is killed with SIGKILL; that pid must end (the watcher looks once a second).
 */
import './quiet.ts';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { test } from 'node:test';
import { ensureFixtures } from './evidence-helpers.ts';

/** Whether `pid` is a live process (not gone, not a zombie). */
function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

const SERVICE = `
  import { exiftool } from ${JSON.stringify(new URL('../../src/evidence/media/exiftool.ts', import.meta.url).href)};
  const et = await exiftool();
  const tags = await et.read(process.argv[1]);
  process.stdout.write(JSON.stringify({ make: tags.Make, pids: et.pids }) + '\\n');
  setInterval(() => {}, 1000);
`;

test('the ExifTool process ends when the process that started it is killed with SIGKILL', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const fx = await ensureFixtures();
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVICE, fx.cameraJpeg], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const { make, pids } = JSON.parse(line.toString()) as { make: string; pids: number[] };
  assert.ok(make, 'the photo was read through ExifTool');
  assert.equal(pids.length, 1);
  const pid = pids[0] as number;
  assert.ok(alive(pid), 'ExifTool runs while its service does');

  child.kill('SIGKILL');
  await once(child, 'exit');
  // The watcher looks once a second; give it ten before calling ExifTool orphaned.
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(alive(pid), false, `ExifTool (pid ${pid}) outlived its service`);
});
