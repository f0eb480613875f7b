/**
 * `dispute <command>`: start | check | simulate | backtest.
 *
 *   npx dispute start            # the service on embedded defaults
 */
import { optionsFromEnv, startService } from './service.ts';

const USAGE = `usage: dispute <command>
  start                                   run the service (PORT, DATA_DIR, UPLOADS_DIR)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const svc = await startService(optionsFromEnv());
      const stop = () => void svc.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return new Promise<number>(() => {});
    }
    default:
      process.stderr.write(USAGE);
      void rest;
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
