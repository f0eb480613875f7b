/**
 * One ExifTool process per thread, in batch mode (`-stay_open`): perl and ExifTool's modules
 * load once (≈ 0.2 s, measured in bench/photo-meta.bench.ts), then each file costs a round
 * trip of ≈ 10–20 ms. Started on first use; `closeExiftool()` ends it (the check thread calls
 * it when the pool closes). Its pipes are unreferenced, so a process that forgets still exits.
 */
import { ExifTool } from 'exiftool-vendored';

let instance: ExifTool | undefined;

export function exiftool(): ExifTool {
  // One process: a check thread reads one file at a time; the pool's threads give the parallelism.
  instance ??= new ExifTool({ maxProcs: 1, taskTimeoutMillis: 20_000 });
  return instance;
}

export async function closeExiftool(): Promise<void> {
  const et = instance;
  instance = undefined;
  await et?.end();
}
