import { createHash } from 'node:crypto';
import type { DisputeContext, DisputeStatus } from '../../machines/dispute.machine.ts';
import type { PolicyBook } from '../policy/policies.ts';
import type { DisputeRow, StoredPreview } from '../store/store.port.ts';
import { preview, type Preview } from '../verdict/preview.ts';

/**
 * The verdict preview after a change, for the dispute's timeline: an entry when what the
 * rules say changed (compared by digest, time left out), and the preview at the moment the
 * dispute entered arbitration, kept for the arbitrator.
 */
export function previewEntries(
  policies: PolicyBook,
  row: Pick<DisputeRow, 'id' | 'status' | 'version' | 'previewDigest'>,
  ctx: DisputeContext,
  previousStatus: string | null,
  at: number,
): { digest: string; entries: StoredPreview[]; preview: Preview } {
  const policy = policies.byVersion(ctx.policyVersion);
  if (!policy) throw new Error(`dispute ${row.id} is pinned to policy ${ctx.policyVersion}, which is not in the book`);
  const p = preview({ status: row.status as DisputeStatus, context: ctx }, policy, at);
  const digest = createHash('sha256').update(JSON.stringify({ ...p, at: 0 })).digest('hex');
  const entries: StoredPreview[] = [];
  if (digest !== row.previewDigest) entries.push({ seq: row.version, kind: 'change', preview: p, at });
  if (row.status === 'in_arbitration' && previousStatus !== 'in_arbitration') {
    entries.push({ seq: row.version, kind: 'pre_arbitration', preview: p, at });
  }
  return { digest, entries, preview: p };
}
