/**
 * `dispute keys create|list|revoke` — API keys, on the store `start` uses (DATA_DIR or
 * DATABASE_URL; `--data-dir` overrides). `create` prints the new key alone on its last line of
 * stdout: it is shown this once and stored only as a hash.
 *
 *   npx dispute keys create --role agent --seller S1 --name "Ana (support)"
 *   npx dispute keys list [--json]
 *   npx dispute keys revoke key_0123456789abcdef
 *
 * Exit codes: 0 done; 1 no such key (revoke); 2 usage error or no store.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createKey, KEY_ENVS, keyView } from '../auth/api-keys.ts';
import { ROLES } from '../auth/caller.ts';
import { stdio, type CliIo } from '../simulate/cli-io.ts';
import { openStore } from '../store/open-store.ts';
import { openCliStore } from './cli-store.ts';

export const KEYS_USAGE = `usage: dispute keys create --role <agent|integration|arbitrator|admin> [--seller S] [--name N] [--env live|test]
       dispute keys list [--json]
       dispute keys revoke <keyId>
  all take [--data-dir DIR] and honour DATA_DIR / DATABASE_URL like start
`;

const CreateSchema = z.object({
  role: z.enum(ROLES),
  seller: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  env: z.enum(KEY_ENVS).default('live'),
});

export async function keysCommand(argv: string[], io: CliIo = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        seller: { type: 'string' },
        name: { type: 'string' },
        env: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${KEYS_USAGE}`);
    return 2;
  }
  const [action, ...ids] = args.positionals;
  const dataDir = args.values['data-dir'] ?? env.DATA_DIR ?? 'data';

  if (action === 'create') {
    const parsed = CreateSchema.safeParse({ role: args.values.role, seller: args.values.seller, name: args.values.name, env: args.values.env });
    if (!parsed.success) {
      io.err(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${KEYS_USAGE}`);
      return 2;
    }
    // Like `start`, `create` makes the store when there is none: the first keys may come before the first start.
    const store = await openStore({ databaseUrl: env.DATABASE_URL || undefined, dataDir });
    try {
      const { key, token } = await createKey(store, { role: parsed.data.role, sellerId: parsed.data.seller, name: parsed.data.name, env: parsed.data.env }, Date.now());
      io.out(`created ${key.id}: role ${key.role}, ${key.sellerId ? `seller ${key.sellerId}` : 'all sellers'}. The key is shown once; store it now.\n`);
      io.out(`${token}\n`);
      return 0;
    } finally {
      await store.close();
    }
  }
  if (action !== 'list' && action !== 'revoke') {
    io.err(KEYS_USAGE);
    return 2;
  }
  const store = await openCliStore(dataDir, io, env);
  if (!store) return 2;
  try {
    if (action === 'list') {
      const keys = (await store.read((r) => r.keys.list())).map(keyView);
      if (args.values.json) io.out(`${JSON.stringify(keys, null, 2)}\n`);
      else for (const k of keys) io.out(`${k.id}  ${k.role.padEnd(11)} ${(k.sellerId ?? '*').padEnd(16)} ${k.env}  ${k.revokedAt ? `revoked ${k.revokedAt}` : k.expiresAt ? `expires ${k.expiresAt}` : 'active'}  ${k.name ?? ''}\n`);
      return 0;
    }
    if (ids.length !== 1) {
      io.err(KEYS_USAGE);
      return 2;
    }
    const revoked = await store.transaction((tx) => tx.keys.revoke(ids[0]!, Date.now()));
    if (!revoked) {
      io.err(`no active key ${ids[0]}\n`);
      return 1;
    }
    io.out(`revoked ${ids[0]}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
