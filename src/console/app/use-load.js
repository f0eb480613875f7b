// Loads data for a component: `{ data, error, loading, reload }`; a failed load keeps the last
// data and says why (ApiError's message), so a refusal never leaves a blank region.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export function useLoad(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const latest = useRef(0);
  const run = useCallback(async () => {
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await load();
      if (mine === latest.current) setState({ data, error: null, loading: false });
      return data;
    } catch (error) {
      if (mine === latest.current) setState((s) => ({ ...s, error, loading: false }));
      return undefined;
    }
  }, deps);
  useEffect(() => {
    run();
  }, [run]);
  return { ...state, reload: run };
}
