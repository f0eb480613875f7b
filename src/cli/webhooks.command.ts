/**
 * `dispute webhooks list | create --url U [--events a,b] [--description D] | delete <id>
 * [--data-dir DIR] [--json]` — webhook endpoints, on the store `start` uses (DATABASE_URL or
 * DATA_DIR). `create` prints the signing secret once; a running service picks new endpoints up
 * with the next outbox row it routes.
 *
 * Exit codes: 0 done; 1 refused (bad URL, unknown id); 2 usage error or no store.
 *
 *   npx dispute webhooks create --url https://helpdesk.example.com/hooks --events dispute.resolved
 */
import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors.ts';
import { stdio, type CliIo } from '../simulate/cli-io.ts';
import { systemClock } from '../workflow/clock.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhooks/event-types.ts';
import { WebhookAdmin } from '../webhooks/webhook-admin.ts';
import { DEFAULT_WEBHOOK_CONFIG, webhookConfigFromEnv } from '../webhooks/webhook-config.ts';
import { openCliStore } from './cli-store.ts';

export const WEBHOOKS_USAGE = `usage: dispute webhooks list [--json]
       dispute webhooks create --url <url> [--events a,b] [--description D] [--json]
       dispute webhooks delete <endpointId>
  (each also takes --data-dir DIR; DATABASE_URL selects PostgreSQL)
  event types: ${WEBHOOK_EVENT_TYPES.join(', ')}
exit: 0 done · 1 refused · 2 usage / no store
`;

const isEventType = (s: string): s is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(s);

export async function webhooksCommand(argv: string[], io: CliIo = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { url: { type: 'string' }, events: { type: 'string' }, description: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${WEBHOOKS_USAGE}`);
    return 2;
  }
  const [action, ...rest] = args.positionals;
  const events = args.values.events?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const unknown = events.filter((e) => !isEventType(e));
  const usage =
    (action === 'list' && !rest.length) ||
    (action === 'create' && !rest.length && args.values.url && !unknown.length) ||
    (action === 'delete' && rest.length === 1);
  if (!usage) {
    io.err(`${unknown.length ? `unknown event type(s): ${unknown.join(', ')}\n` : ''}${WEBHOOKS_USAGE}`);
    return 2;
  }
  const store = await openCliStore(args.values['data-dir'], io, env);
  if (!store) return 2;
  const admin = new WebhookAdmin(store, systemClock, { ...DEFAULT_WEBHOOK_CONFIG, ...webhookConfigFromEnv(env) });
  const print = (value: unknown, text: string) => io.out(args.values.json ? JSON.stringify(value, null, 2) + '\n' : text);
  try {
    if (action === 'list') {
      const items = await admin.list();
      print(items, items.map((e) => `${e.id}  ${e.enabled ? 'enabled ' : 'disabled'}  ${e.url}  ${e.events.length ? e.events.join(',') : '(all events)'}\n`).join('') || 'no endpoints\n');
    } else if (action === 'create') {
      const created = (await admin.create({ url: args.values.url!, events: events.filter(isEventType), ...(args.values.description ? { description: args.values.description } : {}) })).body as {
        id: string;
        url: string;
        secret: string;
      };
      print(created, `${created.id}  ${created.url}\nsecret: ${created.secret}  (shown once: keep it to verify signatures)\n`);
    } else {
      await admin.remove(rest[0]!);
      print({ deleted: rest[0] }, `deleted ${rest[0]}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    io.err(`${e.code}: ${e.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
