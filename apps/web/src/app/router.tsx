import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/**
 * A small history-API router: the app has a dozen flat pages, so a path and its query string
 * are all the state there is. The api answers every page address with index.html.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

let cached: { key: string; location: Location } | undefined;

function snapshot(): Location {
  const key = window.location.pathname + window.location.search;
  if (cached?.key !== key) {
    cached = {
      key,
      location: {
        path: window.location.pathname,
        query: new URLSearchParams(window.location.search),
      },
    };
  }
  return cached.location;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot);
}

/** `/hospitals/:id` against `/hospitals/basra-teaching` → `{ id: 'basra-teaching' }`. */
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

export function Link({
  to,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      href={to}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
      {...rest}
    />
  );
}
