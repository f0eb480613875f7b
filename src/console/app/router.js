// Hash routes: `#/` is the queue, `#/disputes/<id>` a dispute. Hash routes need no server route
// per page and survive an iframe (embeds) as they are.
import { useEffect, useState } from 'preact/hooks';

/** The route in `hash`: `{ name: 'queue' }` or `{ name: 'dispute', id }`. */
export function routeOf(hash) {
  const m = /^#\/disputes\/([^/?#]+)/.exec(hash);
  return m ? { name: 'dispute', id: decodeURIComponent(m[1]) } : { name: 'queue' };
}

export const disputeHref = (id) => `#/disputes/${encodeURIComponent(id)}`;

/** The current route, following hash changes. */
export function useRoute() {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return route;
}
