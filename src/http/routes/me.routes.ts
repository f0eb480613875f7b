import { EVENT_ROLES, can, maySend, type Capability } from '../../auth/permissions.ts';
import type { ClientEvent } from '../../../machines/dispute.machine.ts';
import { callerOf } from '../caller.ts';
import { listedRouter } from '../route-list.ts';

const ALL_CAPABILITIES: readonly Capability[] = ['disputes.read', 'disputes.open', 'evidence.upload', 'evidence.review', 'orders.write', 'webhooks.manage', 'keys.manage'];

/** The calling key as the console needs it: who it is and what it may do (to show only the actions that will work). */
export function callerView(res: Parameters<typeof callerOf>[0]) {
  const c = callerOf(res);
  return {
    keyId: c.keyId,
    role: c.role,
    sellerId: c.sellerId,
    name: c.name ?? null,
    capabilities: ALL_CAPABILITIES.filter((cap) => can(c, cap)),
    events: (Object.keys(EVENT_ROLES) as ClientEvent['type'][]).filter((e) => maySend(c, e)),
  };
}

/** `GET /api/me`: any authenticated key. */
export function meRouter() {
  const r = listedRouter();
  r.get('/', (_req, res) => {
    res.json(callerView(res));
  });
  return r;
}
