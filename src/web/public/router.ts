import { useSyncExternalStore } from 'react';

// The citizen pages are four screens; a pathname switch keeps react-router out of the bundle.
const NAV_EVENT = 'phongdich:navigate';

function subscribe(fn: () => void): () => void {
  window.addEventListener('popstate', fn);
  window.addEventListener(NAV_EVENT, fn);
  return () => {
    window.removeEventListener('popstate', fn);
    window.removeEventListener(NAV_EVENT, fn);
  };
}

export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAV_EVENT));
  window.scrollTo(0, 0);
}

/** Where to come back to after a detour (e.g. declaring before a check-in); only paths of this site. */
export function returnTarget(): string | null {
  const to = new URLSearchParams(window.location.search).get('quay-lai');
  return to && to.startsWith('/p/') && !to.startsWith('//') ? to : null;
}
