import type { CliIo } from '../../src/simulate/cli-io.ts';

/** A CliIo that keeps what a command writes: `const io = captureIo(); await cmd(argv, io); io.stdout`. */
export function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (s: string) => void (io.stdout += s),
    err: (s: string) => void (io.stderr += s),
  };
  return io;
}
