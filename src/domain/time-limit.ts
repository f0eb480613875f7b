/**
 * A signal that aborts with a `TimeoutError` after `ms`, or when `parent` aborts, or when the
 * holder calls `stop()` (the work is no longer wanted: the parent is not touched); `release()`
 * clears the timer once the work is done.
 *
 * Not `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: on Node 20 the timeout signal inside
 * a composite can be garbage-collected before it fires (nodejs/node#57736), and the composite
 * then never aborts. Seen here: a webhook attempt to a receiver that never answered hung a full
 * test run, because a GC ran while it waited. This timer holds its controller strongly.
 *
 *   const limit = timeLimit(15_000, job.signal);
 *   try { await fetch(url, { signal: limit.signal }); } finally { limit.release(); }
 */
export function timeLimit(ms: number, parent?: AbortSignal): { signal: AbortSignal; stop: (why: string) => void; release: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
  const onParentAbort = () => controller.abort(parent!.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    stop: (why) => controller.abort(new DOMException(why, 'AbortError')),
    release: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
