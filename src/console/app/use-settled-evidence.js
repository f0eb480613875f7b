// Follows one piece of evidence until its checks settle: GET /api/evidence/:id about once a
// second while it is `checking`, then stops. Unmounting clears the pending timer.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

/** Between polls (ms): a photo's checks take about a second, a video's a few. */
export const POLL_MS = 1000;

/** `[evidence, error, replace]`; `onSettled(evidence)` once when it leaves `checking`. */
export function useSettledEvidence(initial, onSettled) {
  const [evidence, setEvidence] = useState(initial);
  const [error, setError] = useState(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (evidence.status !== 'checking') return undefined;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const next = await api(`/api/evidence/${evidence.id}`);
        if (!live) return;
        setError(null);
        setEvidence(next);
        if (next.status !== 'checking' && onSettled) onSettled(next);
      } catch (err) {
        if (!live) return;
        setError(err.message);
        setAttempt((n) => n + 1); // try again after the next interval
      }
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [evidence, attempt]);
  return [evidence, error, setEvidence];
}
