/**
 * One ExifTool process per thread, in batch mode (`-stay_open`): perl and ExifTool's modules
 * load once (≈ 0.2–0.6 s, bench/photo-meta.bench.ts), then each file costs a round trip of
 * ≈ 20 ms. Started on first use, and the library itself is imported then too (≈ 0.1 s more
 * than exifr at start-up otherwise, for a server whose main thread may never read a photo).
 * `closeExiftool()` ends it (the check thread calls it when the pool closes). Its pipes are
 * unreferenced, so a process that forgets still exits; and it runs under exiftool-watch.pl,
 * which ends it when this process is gone (killed with SIGKILL, say).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExifTool } from 'exiftool-vendored';

const WATCH_SCRIPT = fileURLToPath(new URL('./exiftool-watch.pl', import.meta.url));

let instance: Promise<ExifTool> | undefined;

export function exiftool(): Promise<ExifTool> {
  instance ??= import('exiftool-vendored').then(
    ({ ExifTool, DefaultExiftoolArgs, exiftoolPath }) =>
      new ExifTool({
        // One process: a check thread reads one file at a time; the pool's threads give the parallelism.
        maxProcs: 1,
        taskTimeoutMillis: 20_000,
        // The ExifTool and arguments exiftool-vendored would run, run by our watcher.
        processFactory: async () => spawn('perl', [WATCH_SCRIPT, await exiftoolPath(), ...DefaultExiftoolArgs], { stdio: 'pipe', env: { ...process.env, LANG: 'C' } }),
      }),
  );
  return instance;
}

export async function closeExiftool(): Promise<void> {
  const et = instance;
  instance = undefined;
  await (await et)?.end();
}
