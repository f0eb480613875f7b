import type { Store } from '../store/store.port.ts';
import { createKey } from './api-keys.ts';

/** The fixed id of the first admin key: processes starting together on a new store race to insert it, and the primary key lets one win. */
const FIRST_ADMIN_ID = 'key_first_admin';

/**
 * On a store that never had a key, makes an admin key and returns its token (to print once);
 * undefined when the store has keys already (or another process made the first one).
 */
export async function firstAdminKey(store: Store, now: number): Promise<string | undefined> {
  if ((await store.read((r) => r.keys.count())) > 0) return undefined;
  try {
    const { token } = await createKey(store, { role: 'admin', name: 'first admin (made at first start)' }, now, FIRST_ADMIN_ID);
    return token;
  } catch (err) {
    // Another process inserted it first (SQLite: UNIQUE; PostgreSQL: 23505 after the store's retries).
    if ((await store.read((r) => r.keys.count())) > 0) return undefined;
    throw err;
  }
}

export const HOW_TO_MAKE_KEYS = `Make keys for people and connectors with:
  npx dispute keys create --role agent --seller <sellerId> --name "<who>"
  npx dispute keys create --role integration|arbitrator|admin [--seller <sellerId>]
  npx dispute keys list
  npx dispute keys revoke <keyId>
`;
