/**
 * `dispute verify [<disputeId>…] [--data-dir DIR] [--json]` — recomputes every hash of the
 * audit log from its entries (all disputes, or the ones named) and says which chains are
 * broken, where and how. Honours DATA_DIR and DATABASE_URL like `start`.
 *
 * Exit codes: 0 every chain holds; 1 a chain is broken; 2 usage error or no store.
 *
 *   npx dispute verify --data-dir ./data
 */
import { parseArgs } from 'node:util';
import { verifyChain, type ChainVerdict } from '../store/audit-chain.ts';
import { openCliStore } from './cli-store.ts';
import type { Store } from '../store/store.port.ts';
import { stdio, type CliIo } from '../simulate/cli-io.ts';

export const VERIFY_USAGE = `usage: dispute verify [<disputeId>…] [--data-dir DIR] [--json]
  recomputes the audit log's hash chain of every dispute (or those named)
exit: 0 intact · 1 broken · 2 usage / no store
`;

async function* allIds(store: Store): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const page = await store.read((r) => r.disputes.list({ limit: 500, ...(after ? { after: { id: after } } : {}) }));
    for (const row of page) yield row.id;
    if (page.length < 500) return;
    after = page.at(-1)!.id;
  }
}

export async function verifyCommand(argv: string[], io: CliIo = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } } });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${VERIFY_USAGE}`);
    return 2;
  }
  const store = await openCliStore(args.values['data-dir'], io, env);
  if (!store) return 2;
  try {
    const results: Array<{ disputeId: string } & ChainVerdict> = [];
    const ids = args.positionals.length ? args.positionals : allIds(store);
    for await (const id of ids) {
      const entries = await store.read((r) => r.log.entries(id));
      results.push({ disputeId: id, ...(entries.length ? verifyChain(entries) : { ok: false, entries: 0, brokenAt: 0, reason: 'seq_gap' as const }) });
    }
    const broken = results.filter((r) => !r.ok);
    if (args.values.json) io.out(JSON.stringify({ disputes: results.length, broken: broken.length, results }, null, 2) + '\n');
    else {
      for (const b of broken) if (!b.ok) io.out(`BROKEN ${b.disputeId}: entry ${b.brokenAt} (${b.reason})\n`);
      io.out(`${results.length} dispute(s) verified, ${broken.length} broken\n`);
    }
    return broken.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
