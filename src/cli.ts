/**
 * `dispute <command>`: start | check | simulate | backtest | verify | keys | webhooks.
 *
 *   npx dispute start                                   # the service on embedded defaults
 *   npx dispute check clip.mp4 --kind packing_video --sku SKU-1 --tracking LP001
 *   npx dispute simulate examples/scenario.not-received.json --json
 *   npx dispute backtest --policy my-policy.json
 *   npx dispute verify                                  # recompute every audit chain
 *   npx dispute keys create --role agent --seller S1    # an API key, printed once
 *
 * Each command imports its own modules when it runs, so `check` does not load express, the
 * store or the workflow, and `start` does not load the simulator. Importing every command up front
 * gave every command the service's whole module graph: a one-photo `check` under tsx took
 * 1.31 s of CPU that way against 1.00 s now (0.49 s compiled).
 */

const USAGE = `usage: dispute <command>
  start                                                  run the service (PORT, DATA_DIR or DATABASE_URL, UPLOADS_DIR)
  check <file> --kind <kind> [--sku S]... [--tracking T] [--json]
  simulate <scenario.json> [--policy file] [--json]
  backtest --policy <file> [--data-dir DIR] [--as-of ISO] [--json]
  verify [<disputeId>...] [--data-dir DIR] [--json]      recompute the audit log's hash chains
  keys create --role R [--seller S] [--name N] | keys list | keys revoke <id>
  webhooks list | create --url U [--events a,b] | delete <id>   webhook endpoints
`;

/**
 * Runs the service until SIGTERM or SIGINT, then drains (see `Service.close`) and exits 0; a
 * second signal exits at once (1). A taken port is one line on stderr and exit 1.
 */
async function start(): Promise<number> {
  const { optionsFromEnv, startService } = await import('./service.ts');
  const { PortInUseError } = await import('./http/listen.ts');
  let svc;
  try {
    const { HOW_TO_MAKE_KEYS } = await import('./auth/first-admin-key.ts');
    svc = await startService({
      ...optionsFromEnv(),
      // Shown once, on stdout beside the log, before the port opens: the store keeps only its hash.
      onFirstAdminKey: (token) => process.stdout.write(`\nThis store had no API key; an admin key was made (shown once, keep it safe):\n\n  ${token}\n\n${HOW_TO_MAKE_KEYS}\n`),
    });
  } catch (err) {
    if (!(err instanceof PortInUseError)) throw err;
    process.stderr.write(`dispute: ${err.message}\n`);
    return 1;
  }
  const service = svc;
  return new Promise<number>((exit) => {
    const stop = (signal: NodeJS.Signals) => {
      process.once(signal === 'SIGINT' ? 'SIGTERM' : 'SIGINT', () => exit(1));
      process.once(signal, () => exit(1));
      service.close().then(
        () => exit(0),
        (err: unknown) => {
          process.stderr.write(`dispute: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
          exit(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'check':
      return (await import('./cli/check.command.ts')).checkCommand(rest);
    case 'simulate':
      return (await import('./cli/simulate.command.ts')).simulateCommand(rest);
    case 'backtest':
      return (await import('./cli/backtest.command.ts')).backtestCommand(rest);
    case 'verify':
      return (await import('./cli/verify.command.ts')).verifyCommand(rest);
    case 'keys':
      return (await import('./cli/keys.command.ts')).keysCommand(rest);
    case 'webhooks':
      return (await import('./cli/webhooks.command.ts')).webhooksCommand(rest);
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
