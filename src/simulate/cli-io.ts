import type { z } from 'zod';

/** Where a command writes: the process's streams by default, a buffer in tests. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

export const stdio: CliIo = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

/** A usage or input problem, with where it is: `{ path: 'steps.2.event.type', message: '…' }`. */
export interface InputProblem {
  path: string;
  message: string;
}

export function problemsOf(err: z.ZodError): InputProblem[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export function formatProblems(file: string, problems: readonly InputProblem[]): string {
  return `${file}: invalid\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}\n`;
}
