import { useMemo } from 'react';

import { createStore, useStore } from '../live/store';

/**
 * A tiny history router: the console has a handful of screens and needs no more than the path,
 * the query string and `navigate`. The server answers index.html for every non-API path.
 */
interface Place {
  path: string;
  search: string;
}

const here = (): Place => ({ path: window.location.pathname, search: window.location.search });

const locationStore = createStore<Place>(here());

window.addEventListener('popstate', () => locationStore.set(here()));

/** Goes to `to` (a path with an optional query string) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;

  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  locationStore.set(here());
}

/** The current path, re-rendering on navigation. */
export function usePath(): string {
  return useStore(locationStore, (place) => place.path);
}

/** The current query string parsed; a new object only when the query string changes. */
export function useQuery(): URLSearchParams {
  const search = useStore(locationStore, (place) => place.search);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/**
 * Matches a path against a pattern with `:name` segments.
 *
 * @example matchPath('/units/:id', '/units/U-001') // { id: 'U-001' }
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;

  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}
