import { DomainError } from '../../domain/errors.ts';
import type { UploadLimits } from './upload-limits.ts';

/**
 * Counts the uploads streaming in this process, per caller and in total, so one client cannot
 * hold every socket and file descriptor. `take` throws the refusal (429 for the caller's cap,
 * 503 for the process's) and returns the release, which is safe to call more than once.
 *
 *   const release = slots.take('key_123');
 *   try { await receive(); } finally { release(); }
 */
export class UploadSlots {
  private readonly byCaller = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: Pick<UploadLimits, 'perCaller' | 'total' | 'retryAfterS'>) {}

  /** Uploads streaming now (readiness shows it). */
  get inFlight(): number {
    return this.total;
  }

  take(caller: string): () => void {
    const mine = this.byCaller.get(caller) ?? 0;
    const retryAfter = this.limits.retryAfterS;
    if (mine >= this.limits.perCaller) {
      throw new DomainError('UPLOAD.TOO_MANY_PER_CALLER', `You already have ${mine} uploads in progress; the limit is ${this.limits.perCaller}. Retry when one finishes.`, { limit: this.limits.perCaller, retryAfter });
    }
    if (this.total >= this.limits.total) {
      throw new DomainError('UPLOAD.SERVER_BUSY', `The service is receiving ${this.total} uploads, its limit; retry shortly.`, { retryAfter });
    }
    this.byCaller.set(caller, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byCaller.get(caller) ?? 1) - 1;
      if (left) this.byCaller.set(caller, left);
      else this.byCaller.delete(caller);
    };
  }
}
