/** Where the service reads time. Tests inject a fixed or stepping clock; nothing else calls Date.now(). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told: `const c = manualClock(t0); c.advance(24 * HOUR_MS)`. */
export function manualClock(start: number) {
  let t = start;
  return {
    now: () => t,
    set: (ms: number) => void (t = ms),
    advance: (ms: number) => void (t += ms),
  };
}
