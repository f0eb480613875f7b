import type { Loaded, Outcome } from '../../src/workflow/dispute-workflow.ts';

/** The dispute a command produced; throws the command's own error when it was refused. */
export async function applied(o: Promise<Outcome>): Promise<Loaded> {
  const r = await o;
  if (!r.ok) throw r.error;
  if (!r.dispute) throw new Error('the command changed no dispute');
  return r.dispute;
}
