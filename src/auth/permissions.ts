/**
 * What each role may do. One table for routes (capabilities) and one for dispute events
 * (the party an event speaks for); the HTTP layer asks `can` and `maySend`, nothing else.
 *
 * - agent: a seller's support: reads its seller's disputes, speaks for the seller, uploads evidence.
 * - integration: a marketplace or helpdesk connector: files and imports disputes, speaks for the
 *   buyer, reports carrier facts (TRACKING_UPDATED), uploads evidence (an ERP's packing videos).
 * - arbitrator: reads everything, decides arbitration, settles evidence reviews.
 * - admin: keys and webhooks; reads no dispute.
 */
import type { ClientEvent, Party } from '../../machines/dispute.machine.ts';
import type { Caller, Role } from './caller.ts';

export type Capability =
  | 'disputes.read'
  | 'disputes.open'
  | 'evidence.upload'
  | 'evidence.review'
  | 'orders.write'
  | 'webhooks.manage'
  | 'keys.manage';

const CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  agent: new Set(['disputes.read', 'evidence.upload', 'orders.write']),
  integration: new Set(['disputes.read', 'disputes.open', 'evidence.upload', 'orders.write']),
  arbitrator: new Set(['disputes.read', 'evidence.review']),
  admin: new Set(['webhooks.manage', 'keys.manage']),
};

/** Which roles may send each client event. */
export const EVENT_ROLES: Record<ClientEvent['type'], readonly Role[]> = {
  SELLER_RESPONDED: ['agent'],
  SOLUTION_PROPOSED: ['agent'],
  SELLER_ACCEPTED_CLAIM: ['agent'],
  BUYER_ACCEPTED: ['integration'],
  BUYER_REJECTED: ['integration'],
  BUYER_WITHDREW: ['integration'],
  TRACKING_UPDATED: ['integration'],
  ESCALATED: ['agent', 'integration'],
  ARBITRATION_DECIDED: ['arbitrator'],
};

/** The party a role speaks for (ESCALATED's `by` comes from here, never from the body). */
const PARTY: Partial<Record<Role, Party>> = { agent: 'seller', integration: 'buyer' };

export const can = (c: Caller, what: Capability): boolean => c.unrestricted === true || CAPABILITIES[c.role].has(what);

export const maySend = (c: Caller, event: ClientEvent['type']): boolean => c.unrestricted === true || EVENT_ROLES[event].includes(c.role);

export const partyOf = (c: Caller): Party | undefined => PARTY[c.role];

/** May this caller see a dispute (or evidence, order) of `sellerId`? A scoped key sees only its seller's. */
export const sees = (c: Caller, sellerId: string): boolean => c.sellerId === null || c.sellerId === sellerId;
