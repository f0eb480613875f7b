/** What the pool and its threads say to each other (structured-clone safe: no functions). */
import type { EvidenceKind } from '../domain/evidence-summary.ts';
import type { CheckContext, ReuseHit } from './check.ts';
import type { EvidenceReport } from './report.ts';

/** The context fields that cross a thread boundary. */
export type PortableContext = Pick<CheckContext, 'policy' | 'disputeId' | 'skus' | 'trackingNumber' | 'shippedAt' | 'proofDir'>;

export type PoolRequest =
  | { type: 'run'; jobId: number; path: string; kind: EvidenceKind; ctx: PortableContext; hasReuse: boolean; timeoutMs: number }
  | { type: 'abort'; jobId: number }
  | { type: 'reuse'; reqId: number; hits: ReuseHit[] }
  | { type: 'close' };

export type WorkerMessage =
  | { type: 'done'; jobId: number; report: EvidenceReport }
  | { type: 'failed'; jobId: number; message: string }
  | { type: 'findReuse'; jobId: number; reqId: number; sha256: string; phash: string | undefined };
