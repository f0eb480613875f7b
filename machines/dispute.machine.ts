/**
 * The dispute lifecycle as a pure statechart: buyer files → seller first-responds (24 h)
 * → seller offers a solution (48 h) → buyer answers → negotiation → arbitration → resolved.
 *
 * Pure by design: no I/O, no `after`, no clock reads. XState v5 drops delayed events on
 * persist/restore (statelyai/xstate#5331), so deadlines are timestamps in context and
 * time enters only as `DEADLINE_PASSED` events fired by the store's timer. Every event
 * carries `at` (epoch ms), stamped by the command path, never by the client.
 */
import { assign, setup } from 'xstate';
import type { Money } from '../src/domain/money.ts';
import type { Order, Tracking } from '../src/domain/order.schema.ts';
import type { DisputeReason } from '../src/domain/reasons.ts';
import type { EvidenceSummary } from '../src/domain/evidence-summary.ts';

export const DEADLINES = ['first_response', 'solution', 'buyer_answer', 'negotiation', 'arbitration_evidence'] as const;
export type DeadlineName = (typeof DEADLINES)[number];

export type Party = 'buyer' | 'seller';
export type Favour = 'buyer' | 'seller' | 'split';
export type Remedy = 'full_refund' | 'partial_refund' | 'resend' | 'none';
export type Solution = 'refund' | 'resend' | 'partial_refund';
export type DecidedBy = 'agreement' | 'auto_judgment' | 'arbitration' | 'withdrawal' | 'seller_accepted';

export interface Outcome {
  favours: Favour;
  remedy: Remedy;
  amount?: Money;
  decidedBy: DecidedBy;
  /** The event or deadline that decided it, e.g. `deadline:first_response`. */
  basis: string;
  at: number;
}

export interface Proposal {
  solution: Solution;
  amount?: Money;
  at: number;
}

/** Durations (ms) copied from the policy the dispute was filed under, so snapshots stand alone. */
export interface Timing {
  firstResponseMs: number;
  solutionMs: number;
  buyerAnswerMs: number;
  negotiationMs: number;
  arbitrationEvidenceMs: number;
}

export interface DisputeInput {
  disputeId: string;
  reason: DisputeReason;
  openedAt: number;
  policyVersion: string;
  timing: Timing;
  order: Order;
  claim?: string;
}

export interface DisputeContext extends DisputeInput {
  /** Deadlines in force now (epoch ms); the store mirrors them into timer rows. */
  deadlines: Partial<Record<DeadlineName, number>>;
  respondedAt?: number;
  proposal?: Proposal;
  proposals: Proposal[];
  rejections: number;
  escalatedBy?: Party | 'system';
  escalatedAt?: number;
  arbitrationEvidenceClosed: boolean;
  evidence: EvidenceSummary[];
  outcome?: Outcome;
}

type At = { at: number };
export type ClientEvent =
  | ({ type: 'SELLER_RESPONDED'; message?: string } & At)
  | ({ type: 'SOLUTION_PROPOSED'; solution: Solution; amount?: Money } & At)
  | ({ type: 'SELLER_ACCEPTED_CLAIM' } & At)
  | ({ type: 'BUYER_ACCEPTED' } & At)
  | ({ type: 'BUYER_REJECTED'; comment?: string } & At)
  | ({ type: 'ESCALATED'; by: Party } & At)
  | ({ type: 'BUYER_WITHDREW' } & At)
  | ({ type: 'TRACKING_UPDATED'; tracking: Tracking } & At)
  | ({ type: 'ARBITRATION_DECIDED'; favour: Favour; remedy: Remedy; amount?: Money; note?: string } & At);

/** Events only the service itself may send. */
export type InternalEvent =
  | ({ type: 'DEADLINE_PASSED'; deadline: DeadlineName } & At)
  | ({ type: 'EVIDENCE_REPORTED'; evidence: EvidenceSummary } & At)
  /** A person settled a `needs_review` item; `by` is who decided (the log entry's actor). */
  | ({ type: 'EVIDENCE_REVIEWED'; evidenceId: string; decision: 'accept' | 'reject'; note?: string; by: string } & At);

export type DisputeEvent = ClientEvent | InternalEvent;
export const INTERNAL_EVENT_TYPES: ReadonlySet<string> = new Set(['DEADLINE_PASSED', 'EVIDENCE_REPORTED', 'EVIDENCE_REVIEWED']);

function outcomeOfAccepted(p: Proposal, order: Order): Pick<Outcome, 'favours' | 'remedy' | 'amount'> {
  if (p.solution === 'refund') return { favours: 'buyer', remedy: 'full_refund', amount: order.amount };
  if (p.solution === 'resend') return { favours: 'buyer', remedy: 'resend' };
  return { favours: 'split', remedy: 'partial_refund', amount: p.amount };
}

/** True when `deadline` is in force and `at` has reached it (a deadline is missed at its exact instant). */
function deadlineReached(ctx: DisputeContext, deadline: DeadlineName, e: DisputeEvent): boolean {
  if (e.type !== 'DEADLINE_PASSED' || e.deadline !== deadline) return false;
  const due = ctx.deadlines[deadline];
  return due !== undefined && e.at >= due;
}

export const disputeMachine = setup({
  types: {
    context: {} as DisputeContext,
    events: {} as DisputeEvent,
    input: {} as DisputeInput,
  },
  guards: {
    /** A party's move counts only before every deadline in force: a late answer is no answer. */
    beforeDeadlines: ({ context, event }) => Object.values(context.deadlines).every((due) => event.at < due),
    validProposal: ({ context, event }) => {
      if (event.type !== 'SOLUTION_PROPOSED' || Object.values(context.deadlines).some((due) => event.at >= due)) return false;
      if (event.solution !== 'partial_refund') return event.amount === undefined;
      const a = event.amount;
      const order = context.order.amount;
      return a !== undefined && a.currency === order.currency && Number(a.value) > 0 && Number(a.value) < Number(order.value);
    },
    /** Only an item the dispute holds as `needs_review` can be settled by a review. */
    awaitsReview: ({ context, event }) =>
      event.type === 'EVIDENCE_REVIEWED' && context.evidence.some((e) => e.id === event.evidenceId && e.status === 'needs_review'),
    firstResponseMissed: ({ context, event }) => deadlineReached(context, 'first_response', event),
    solutionMissed: ({ context, event }) => deadlineReached(context, 'solution', event),
    buyerAnswerMissed: ({ context, event }) => deadlineReached(context, 'buyer_answer', event),
    negotiationExpired: ({ context, event }) => deadlineReached(context, 'negotiation', event),
    arbitrationEvidenceClosed: ({ context, event }) => deadlineReached(context, 'arbitration_evidence', event),
  },
  actions: {
    startSellerDeadlines: assign({
      deadlines: ({ context }) => ({
        first_response: context.openedAt + context.timing.firstResponseMs,
        solution: context.openedAt + context.timing.solutionMs,
      }),
    }),
    recordResponse: assign({
      respondedAt: ({ context, event }) => context.respondedAt ?? event.at,
      deadlines: ({ context }) => {
        const { first_response: _met, ...rest } = context.deadlines;
        return rest;
      },
    }),
    recordProposal: assign(({ context, event }) => {
      if (event.type !== 'SOLUTION_PROPOSED') return {};
      const proposal: Proposal = { solution: event.solution, amount: event.amount, at: event.at };
      return {
        respondedAt: context.respondedAt ?? event.at,
        proposal,
        proposals: [...context.proposals, proposal],
        deadlines: { buyer_answer: event.at + context.timing.buyerAnswerMs },
      };
    }),
    startNegotiation: assign(({ context, event }) => ({
      rejections: context.rejections + 1,
      deadlines: { negotiation: event.at + context.timing.negotiationMs },
    })),
    startArbitration: assign(({ context, event }) => ({
      escalatedBy: event.type === 'ESCALATED' ? event.by : ('system' as const),
      escalatedAt: event.at,
      deadlines: { arbitration_evidence: event.at + context.timing.arbitrationEvidenceMs },
    })),
    closeArbitrationEvidence: assign({ arbitrationEvidenceClosed: true, deadlines: {} }),
    updateTracking: assign({
      order: ({ context, event }) =>
        event.type === 'TRACKING_UPDATED'
          ? { ...context.order, shipment: { ...context.order.shipment, ...event.tracking } }
          : context.order,
    }),
    recordEvidence: assign({
      evidence: ({ context, event }) =>
        event.type === 'EVIDENCE_REPORTED'
          ? [...context.evidence.filter((e) => e.id !== event.evidence.id), event.evidence]
          : context.evidence,
    }),
    recordReview: assign({
      evidence: ({ context, event }) =>
        event.type === 'EVIDENCE_REVIEWED'
          ? context.evidence.map((e) =>
              e.id === event.evidenceId
                ? {
                    ...e,
                    status: event.decision === 'accept' ? ('accepted' as const) : ('rejected' as const),
                    review: { decision: event.decision, by: event.by, at: event.at, ...(event.note ? { note: event.note } : {}) },
                  }
                : e,
            )
          : context.evidence,
    }),
    judgeForBuyerByDeadline: assign(({ context, event }) => ({
      deadlines: {},
      outcome: {
        favours: 'buyer' as const,
        remedy: 'full_refund' as const,
        amount: context.order.amount,
        decidedBy: 'auto_judgment' as const,
        basis: `deadline:${event.type === 'DEADLINE_PASSED' ? event.deadline : 'unknown'}`,
        at: event.at,
      },
    })),
    resolveByAgreement: assign(({ context, event }) => {
      const p = context.proposal;
      if (!p) return {};
      const deemed = event.type === 'DEADLINE_PASSED';
      return {
        deadlines: {},
        outcome: {
          ...outcomeOfAccepted(p, context.order),
          decidedBy: deemed ? ('auto_judgment' as const) : ('agreement' as const),
          basis: deemed ? 'deadline:buyer_answer' : 'BUYER_ACCEPTED',
          at: event.at,
        },
      };
    }),
    resolveSellerAccepted: assign(({ context, event }) => ({
      deadlines: {},
      outcome: {
        favours: 'buyer' as const,
        remedy: 'full_refund' as const,
        amount: context.order.amount,
        decidedBy: 'seller_accepted' as const,
        basis: 'SELLER_ACCEPTED_CLAIM',
        at: event.at,
      },
    })),
    resolveWithdrawn: assign(({ event }) => ({
      deadlines: {},
      outcome: { favours: 'seller' as const, remedy: 'none' as const, decidedBy: 'withdrawal' as const, basis: 'BUYER_WITHDREW', at: event.at },
    })),
    resolveByArbitration: assign(({ context, event }) => {
      if (event.type !== 'ARBITRATION_DECIDED') return {};
      const amount = event.remedy === 'full_refund' ? context.order.amount : event.amount;
      return {
        deadlines: {},
        outcome: { favours: event.favour, remedy: event.remedy, amount, decidedBy: 'arbitration' as const, basis: 'ARBITRATION_DECIDED', at: event.at },
      };
    }),
  },
}).createMachine({
  id: 'dispute',
  // Persisted with every snapshot; bump it when a change makes older snapshots unreadable.
  version: '1',
  context: ({ input }) => ({
    ...input,
    deadlines: {},
    proposals: [],
    rejections: 0,
    arbitrationEvidenceClosed: false,
    evidence: [],
  }),
  initial: 'open',
  states: {
    open: {
      initial: 'awaiting_seller_response',
      // Events any open dispute accepts, whatever its stage.
      on: {
        TRACKING_UPDATED: { actions: 'updateTracking' },
        EVIDENCE_REPORTED: { actions: 'recordEvidence' },
        EVIDENCE_REVIEWED: { guard: 'awaitsReview', actions: 'recordReview' },
        BUYER_WITHDREW: { guard: 'beforeDeadlines', target: 'resolved', actions: 'resolveWithdrawn' },
        SELLER_ACCEPTED_CLAIM: { guard: 'beforeDeadlines', target: 'resolved', actions: 'resolveSellerAccepted' },
      },
      states: {
        awaiting_seller_response: {
          entry: 'startSellerDeadlines',
          on: {
            SELLER_RESPONDED: { guard: 'beforeDeadlines', target: 'awaiting_solution', actions: 'recordResponse' },
            SOLUTION_PROPOSED: { guard: 'validProposal', target: 'awaiting_buyer', actions: 'recordProposal' },
            DEADLINE_PASSED: [
              { guard: 'firstResponseMissed', target: '#dispute.resolved', actions: 'judgeForBuyerByDeadline' },
              { guard: 'solutionMissed', target: '#dispute.resolved', actions: 'judgeForBuyerByDeadline' },
            ],
          },
        },
        awaiting_solution: {
          on: {
            SOLUTION_PROPOSED: { guard: 'validProposal', target: 'awaiting_buyer', actions: 'recordProposal' },
            DEADLINE_PASSED: { guard: 'solutionMissed', target: '#dispute.resolved', actions: 'judgeForBuyerByDeadline' },
          },
        },
        awaiting_buyer: {
          on: {
            BUYER_ACCEPTED: { guard: 'beforeDeadlines', target: '#dispute.resolved', actions: 'resolveByAgreement' },
            BUYER_REJECTED: { guard: 'beforeDeadlines', target: 'negotiating', actions: 'startNegotiation' },
            ESCALATED: { guard: 'beforeDeadlines', target: 'in_arbitration', actions: 'startArbitration' },
            // Our default: a buyer who stays silent past the answer window is deemed to accept.
            DEADLINE_PASSED: { guard: 'buyerAnswerMissed', target: '#dispute.resolved', actions: 'resolveByAgreement' },
          },
        },
        negotiating: {
          on: {
            SOLUTION_PROPOSED: { guard: 'validProposal', target: 'awaiting_buyer', actions: 'recordProposal' },
            ESCALATED: { guard: 'beforeDeadlines', target: 'in_arbitration', actions: 'startArbitration' },
            // Our default: negotiation that runs out goes to the platform.
            DEADLINE_PASSED: { guard: 'negotiationExpired', target: 'in_arbitration', actions: 'startArbitration' },
          },
        },
        in_arbitration: {
          on: {
            ARBITRATION_DECIDED: { target: '#dispute.resolved', actions: 'resolveByArbitration' },
            DEADLINE_PASSED: { guard: 'arbitrationEvidenceClosed', actions: 'closeArbitrationEvidence' },
          },
        },
      },
    },
    resolved: { type: 'final' },
  },
});

export type DisputeMachine = typeof disputeMachine;
export const DISPUTE_STATUSES = ['awaiting_seller_response', 'awaiting_solution', 'awaiting_buyer', 'negotiating', 'in_arbitration', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
