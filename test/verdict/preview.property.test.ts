import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEADLINES, type DeadlineName, type DisputeEvent } from '../../machines/dispute.machine.ts';
import { DISPUTE_REASONS } from '../../src/domain/reasons.ts';
import type { EvidenceSummary } from '../../src/domain/evidence-summary.ts';
import { TRACKING_STATUSES } from '../../src/domain/order.schema.ts';
import { preview, PreviewSchema, type Preview } from '../../src/verdict/preview.ts';
import { HOUR_MS, MIN_MS, OPENED_AT, checkUploads, iso, makeOrder, policy, proofPhoto, run, startDispute, statusOf, video, viewOf, type Snapshot } from './helpers.ts';

/**
 * Random event sequences through the real machine. An intent is turned into an event at
 * run time so DEADLINE_PASSED can land exactly on, just before or just after the deadline
 * in force (the 23 h 59 m / 24 h 01 m boundary) as well as at random times.
 */
type Intent =
  | { k: 'deadline'; deadline: DeadlineName; jitter: number }
  | { k: 'event'; dt: number; make: (at: number) => DisputeEvent };

/**
 * Evidence from real files through the real checks (helpers.ts): a packing video or a
 * delivery-proof photo of every status the pipeline gives, the photo's signer sent or not.
 * Checked once in `before`; the arbitraries only pick among the summaries.
 */
const VIDEOS = ['video', 'video15', 'video14_9', 'noSku', 'editedVideo', 'reusedVideo', 'nearDuplicateVideo'] as const;
const PROOFS = ['proof', 'blurredProof', 'screenshotProof', 'unverifiableProof'] as const;
before(() => checkUploads([...VIDEOS, ...PROOFS]));

const evidenceArb: fc.Arbitrary<EvidenceSummary> = fc.oneof(
  fc.record({ upload: fc.constantFrom(...VIDEOS), n: fc.nat(2) }).map((o) => video({ upload: o.upload, id: `v-${o.upload}-${o.n}` })),
  fc.record({ upload: fc.constantFrom(...PROOFS), signer: fc.boolean() }).map((o) => proofPhoto({ upload: o.upload, id: `p-${o.upload}-${o.signer}`, signer: o.signer ? 'A. Buyer' : null })),
);

const money = fc.integer({ min: 1, max: 9_999 }).map((c) => ({ value: (c / 100).toFixed(2), currency: 'USD' }));

const eventIntent: fc.Arbitrary<Intent> = fc
  .tuple(
    fc.integer({ min: 0, max: 60 * HOUR_MS }),
    fc.oneof(
      fc.constant((at: number): DisputeEvent => ({ type: 'SELLER_RESPONDED', at })),
      fc.constantFrom('refund' as const, 'resend' as const).map((solution) => (at: number): DisputeEvent => ({ type: 'SOLUTION_PROPOSED', solution, at })),
      money.map((amount) => (at: number): DisputeEvent => ({ type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount, at })),
      fc.constant((at: number): DisputeEvent => ({ type: 'SELLER_ACCEPTED_CLAIM', at })),
      fc.constant((at: number): DisputeEvent => ({ type: 'BUYER_ACCEPTED', at })),
      fc.constant((at: number): DisputeEvent => ({ type: 'BUYER_REJECTED', at })),
      fc.constantFrom('buyer' as const, 'seller' as const).map((by) => (at: number): DisputeEvent => ({ type: 'ESCALATED', by, at })),
      fc.constant((at: number): DisputeEvent => ({ type: 'BUYER_WITHDREW', at })),
      fc.constantFrom(...TRACKING_STATUSES).map((status) => (at: number): DisputeEvent => ({ type: 'TRACKING_UPDATED', tracking: { status, lastUpdateAt: iso(at) }, at })),
      evidenceArb.map((evidence) => (at: number): DisputeEvent => ({ type: 'EVIDENCE_REPORTED', evidence, at })),
      fc
        .tuple(fc.constantFrom('buyer' as const, 'seller' as const, 'split' as const), fc.constantFrom('full_refund' as const, 'partial_refund' as const, 'resend' as const, 'none' as const))
        .map(([favour, remedy]) => (at: number): DisputeEvent => ({ type: 'ARBITRATION_DECIDED', favour, remedy, at })),
    ),
  )
  .map(([dt, make]) => ({ k: 'event', dt, make }));

const deadlineIntent: fc.Arbitrary<Intent> = fc
  .tuple(fc.constantFrom(...DEADLINES), fc.constantFrom(-2 * MIN_MS, -MIN_MS, 0, MIN_MS, 2 * MIN_MS))
  .map(([deadline, jitter]) => ({ k: 'deadline', deadline, jitter }));

const orderArb = fc
  .record({
    cents: fc.constantFrom(4_000, 5_000, 5_001, 12_000),
    category: fc.constantFrom('home', 'jewellery', 'watches', 'phone_accessories'),
    official: fc.boolean(),
    signaturePhoto: fc.boolean(),
    status: fc.constantFrom(...TRACKING_STATUSES),
    warehouse: fc.boolean(),
    silentHours: fc.integer({ min: 0, max: 200 }),
  })
  .map((o) =>
    makeOrder({
      amount: { value: (o.cents / 100).toFixed(2), currency: 'USD' },
      category: o.category,
      shipment: { status: o.status, lastUpdateAt: iso(OPENED_AT - o.silentHours * HOUR_MS), line: { official: o.official, signaturePhoto: o.signaturePhoto }, fulfilledBy: o.warehouse ? 'platform_warehouse' : 'seller' },
    }),
  );

/** Replays intents; returns every snapshot along the way with the time it was reached. */
function replay(start: Snapshot, intents: readonly Intent[]): Array<{ snapshot: Snapshot; at: number }> {
  let snapshot = start;
  let clock = OPENED_AT;
  const seen = [{ snapshot, at: clock }];
  for (const i of intents) {
    let event: DisputeEvent;
    if (i.k === 'deadline') {
      const due = snapshot.context.deadlines[i.deadline];
      clock = due === undefined ? clock + HOUR_MS : Math.max(clock, due + i.jitter);
      event = { type: 'DEADLINE_PASSED', deadline: i.deadline, at: clock };
    } else {
      clock += i.dt;
      event = i.make(clock);
    }
    snapshot = run(snapshot, [event]);
    seen.push({ snapshot, at: clock });
  }
  return seen;
}

function sameVerdict(p: Preview, o: { favours: string; remedy: string; amount?: unknown }, why: string): void {
  assert.equal(p.favours, o.favours, `${why}: favours`);
  assert.equal(p.remedy, o.remedy, `${why}: remedy`);
  assert.deepEqual(p.amount, o.amount, `${why}: amount`);
}

const DEADLINE_RULES = new Set(['deadline.first_response', 'deadline.solution', 'deadline.buyer_answer']);

describe('preview: properties over random machine runs', () => {
  it('never contradicts an outcome decided by a deadline (or any resolved outcome), and predicts the auto-judgment before the timer fires', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISPUTE_REASONS),
        orderArb,
        fc.array(fc.oneof({ arbitrary: eventIntent, weight: 3 }, { arbitrary: deadlineIntent, weight: 2 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 100 * HOUR_MS }),
        (reason, order, intents, later) => {
          for (const { snapshot, at } of replay(startDispute(reason, order), intents)) {
            const now = at + later;
            const p = preview(viewOf(snapshot), policy, now);
            PreviewSchema.parse(p);
            assert.ok(p.confidence >= 0 && p.confidence <= 1);
            const o = snapshot.context.outcome;
            if (statusOf(snapshot) === 'resolved') {
              assert.ok(o, 'a resolved dispute has an outcome');
              sameVerdict(p, o, `resolved (${o.basis})`);
              assert.equal(p.confidence, 1);
              assert.deepEqual(p.missing, []);
              if (o.basis.startsWith('deadline:')) assert.ok(p.decidedBy.some((r) => `deadline:${r.slice("deadline.".length)}` === o.basis), `cites ${o.basis}`);
              continue;
            }
            // Unresolved: fire every deadline already due at `now`; whatever auto-judgment the
            // machine reaches, the preview must already have said it — and only then.
            let judged = false;
            for (const [name, due] of Object.entries(snapshot.context.deadlines)) {
              if (due === undefined || due > now) continue;
              const next = run(snapshot, [{ type: 'DEADLINE_PASSED', deadline: name as DeadlineName, at: now }]);
              const out = next.context.outcome;
              if (statusOf(next) === 'resolved' && out?.basis.startsWith('deadline:')) {
                judged = true;
                sameVerdict(p, out, `pending ${out.basis}`);
              }
            }
            assert.equal(p.decidedBy.some((r) => DEADLINE_RULES.has(r)), judged, 'a deadline rule decides exactly when the machine would auto-judge');
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
