/**
 * `dispute backtest --policy <file> [--data-dir DIR] [--as-of ISO] [--json]` — replays the
 * stored disputes (DIR/disputes.sqlite; DIR defaults to $DATA_DIR or ./data; or DATABASE_URL) under another
 * policy and prints which outcomes, statuses and previews change and why. Read-only on the
 * store's disputes (opening it applies pending migrations, as the service would).
 * See src/simulate/backtest.ts for the replay rules and docs/simulate.md for the output.
 *
 * Exit codes: 0 the backtest ran (whatever changed); 2 usage error, unreadable policy file,
 * no store at DIR.
 *
 *   npx dispute backtest --policy ./policy-12h.json --data-dir ./data
 */
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { loadPolicyFile } from '../policy/policies.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { openCliStore } from './cli-store.ts';
import { backtest } from '../simulate/backtest.ts';
import { formatProblems, problemsOf, stdio, type CliIo } from '../simulate/cli-io.ts';
import { backtestJson, formatBacktest } from '../simulate/print-backtest.ts';

export const BACKTEST_USAGE = `usage: dispute backtest --policy <file> [--data-dir DIR] [--as-of ISO] [--json]
  --policy <file>  the policy to replay every stored dispute under (forced, whatever its effectiveFrom)
  --data-dir DIR   where disputes.sqlite is (default $DATA_DIR or ./data)
  --as-of ISO      judge both sides at this time: deadlines up to it fire in the replay (default now)
  --json           print one JSON document instead of the report
exit: 0 ran · 2 usage / invalid input
`;

export async function backtestCommand(argv: string[], io: CliIo = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        policy: { type: 'string' },
        'data-dir': { type: 'string' },
        'as-of': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${BACKTEST_USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.out(BACKTEST_USAGE);
    return 0;
  }
  const policyFile = args.values.policy;
  if (policyFile === undefined) {
    io.err(`--policy is required\n${BACKTEST_USAGE}`);
    return 2;
  }
  let policy: Policy;
  try {
    policy = loadPolicyFile(policyFile);
  } catch (e) {
    io.err(formatProblems(policyFile, e instanceof ZodError ? problemsOf(e) : [{ path: '(file)', message: e instanceof Error ? e.message : String(e) }]));
    return 2;
  }
  let asOf = Date.now();
  if (args.values['as-of'] !== undefined) {
    asOf = Date.parse(args.values['as-of']);
    if (!Number.isFinite(asOf)) {
      io.err(`--as-of ${args.values['as-of']}: not an ISO datetime\n`);
      return 2;
    }
  }
  const store = await openCliStore(args.values['data-dir'], io, env);
  if (!store) return 2;
  try {
    const result = await backtest(store, policy, asOf);
    io.out(args.values.json ? JSON.stringify(backtestJson(result), null, 2) + '\n' : formatBacktest(result));
    return 0;
  } finally {
    await store.close();
  }
}
