/**
 * `capture.time`: a packing video is filmed while packing, so its own capture time (container
 * `creation_time`, QuickTime `com.apple.quicktime.creationdate`) should fall before the order
 * shipped and not long before (policy.evidence.maxHoursCapturedBeforeShipping). Either miss is
 * a `warn` naming both times: clocks drift and re-encoders rewrite tags, so a person looks.
 * No ship time in the facts: not checked; no capture time in the file: nothing to compare.
 */
import { HOUR_MS } from '../../policy/policy.schema.ts';
import { result, type Check } from '../check.ts';
import { captureTime } from '../media/capture-time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export const captureTimeCheck: Check<'capture.time'> = {
  id: 'capture.time',
  appliesTo: (kind, ctx) => kind === 'packing_video' && ctx.shippedAt !== undefined,
  async run(file, ctx) {
    const shippedAt = ctx.shippedAt!;
    const maxHoursBefore = ctx.policy.evidence.maxHoursCapturedBeforeShipping;
    const capturedAt = (await captureTime(file)) ?? null;
    const details = { capturedAt, shippedAt, maxHoursBefore };
    if (capturedAt === null) {
      return result(this.id, 'skip', 'CAPTURE.TIME_UNKNOWN', 'The video does not say when it was captured, so it cannot be compared with the ship time.', { details });
    }
    if (capturedAt > shippedAt) {
      return result(this.id, 'warn', 'CAPTURE.AFTER_SHIPPING', `The video says it was captured at ${iso(capturedAt)}, after the order shipped at ${iso(shippedAt)}: a packing video is filmed before shipping.`, { details });
    }
    if (shippedAt - capturedAt > maxHoursBefore * HOUR_MS) {
      return result(this.id, 'warn', 'CAPTURE.LONG_BEFORE_SHIPPING', `The video says it was captured at ${iso(capturedAt)}, more than ${maxHoursBefore} h before the order shipped at ${iso(shippedAt)}.`, { details });
    }
    return result(this.id, 'pass', 'CAPTURE.BEFORE_SHIPPING', `Captured at ${iso(capturedAt)}, before the order shipped at ${iso(shippedAt)}.`, { details });
  },
};
