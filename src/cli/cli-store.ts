import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../simulate/cli-io.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.port.ts';

/**
 * The store a CLI command reads, chosen like `start` does: `DATABASE_URL`, else
 * `<dataDir>/disputes.sqlite` (`--data-dir`, `$DATA_DIR`, `./data`). Undefined (with a message)
 * when there is no SQLite file there, so a typo never creates an empty store.
 */
export async function openCliStore(dataDirArg: string | undefined, io: CliIo, env: NodeJS.ProcessEnv): Promise<Store | undefined> {
  const dataDir = dataDirArg ?? env.DATA_DIR ?? 'data';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (!databaseUrl && !existsSync(join(dataDir, 'disputes.sqlite'))) {
    io.err(`no store at ${join(dataDir, 'disputes.sqlite')} (pass --data-dir, or set DATABASE_URL)\n`);
    return undefined;
  }
  return openStore({ databaseUrl, dataDir });
}
