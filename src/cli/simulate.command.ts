/**
 * `dispute simulate <scenario.json> [--json] [--policy <file>]` — runs a scenario through the
 * real machine, command path and verdict preview (in-memory SQLite, manual clock) and prints
 * the timeline, the final status/outcome and the preview at each step. See docs/simulate.md.
 *
 * Exit codes: 0 every step went as expected; 1 the scenario ran but a step was refused that
 * was not marked `"expect": "refused"` (or a step so marked was applied); 2 usage error,
 * unreadable or invalid scenario (zod problems printed with their paths) or policy file.
 *
 *   npx dispute simulate examples/scenario.not-received.json
 *   npx dispute simulate examples/scenario.not-received.json --json | jq .final.outcome
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { loadPolicyFile } from '../policy/policies.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { formatProblems, problemsOf, stdio, type CliIo, type InputProblem } from '../simulate/cli-io.ts';
import { formatSimulation, simulationJson } from '../simulate/print-simulation.ts';
import { runScenario, ScenarioError } from '../simulate/run-scenario.ts';
import { ScenarioSchema, type Scenario } from '../simulate/scenario.schema.ts';

export const SIMULATE_USAGE = `usage: dispute simulate <scenario.json> [--json] [--policy <file>]
  --json           print one JSON document instead of the table
  --policy <file>  run under this policy file (forced, whatever its effectiveFrom)
exit: 0 every step as expected · 1 a step refused (or applied) against its "expect" · 2 usage / invalid input
`;

export async function simulateCommand(argv: string[], io: CliIo = stdio): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, policy: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${SIMULATE_USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.out(SIMULATE_USAGE);
    return 0;
  }
  const file = args.positionals[0];
  if (file === undefined || args.positionals.length > 1) {
    io.err(SIMULATE_USAGE);
    return 2;
  }
  const json = args.values.json;
  const fail = (where: string, problems: InputProblem[]) => {
    io.err(formatProblems(where, problems));
    if (json) io.out(JSON.stringify({ ok: false, file: where, problems }, null, 2) + '\n');
    return 2;
  };

  let policy: Policy | undefined;
  if (args.values.policy !== undefined) {
    try {
      policy = loadPolicyFile(args.values.policy);
    } catch (e) {
      return fail(args.values.policy, e instanceof ZodError ? problemsOf(e) : [{ path: '(file)', message: e instanceof Error ? e.message : String(e) }]);
    }
  }

  let scenario: Scenario;
  try {
    scenario = ScenarioSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    return fail(file, e instanceof ZodError ? problemsOf(e) : [{ path: '(file)', message: e instanceof Error ? e.message : String(e) }]);
  }
  const baseDir = dirname(resolve(file));
  const missingFiles = scenario.steps.flatMap((s) =>
    s.action.kind === 'evidenceFile' && !existsSync(resolve(baseDir, s.action.path))
      ? [{ path: `steps.${s.index}.evidenceFile`, message: `no file ${resolve(baseDir, s.action.path)}` }]
      : [],
  );
  if (missingFiles.length) return fail(file, missingFiles);

  const usesChecks = scenario.steps.some((s) => s.action.kind === 'evidenceFile');
  try {
    const result = await runScenario(scenario, { ...(policy ? { policy } : {}), baseDir });
    io.out(json ? JSON.stringify(simulationJson(result), null, 2) + '\n' : formatSimulation(result));
    return result.mismatches.length === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof ScenarioError) return fail(file, [{ path: e.path.join('.') || '(root)', message: e.message }]);
    throw e;
  } finally {
    if (usesChecks) await (await import('../evidence/media/readers.ts')).closeReaders();
  }
}
