// The pages of quarantine and treatment and who may open each.
import type { Permission } from '../../shared/roles.js';

/** Each page with the permissions of which any one opens it. */
export const QUARANTINE_TABS: { key: string; path: string; anyOf: Permission[] }[] = [
  { key: 'facilities', path: '/quarantine', anyOf: ['quarantine.read'] },
  { key: 'admit', path: '/quarantine/admit', anyOf: ['quarantine.admit'] },
  { key: 'stays', path: '/quarantine/stays', anyOf: ['quarantine.read'] },
  { key: 'tests', path: '/quarantine/tests', anyOf: ['quarantine.read'] },
  { key: 'monitoring', path: '/quarantine/monitoring', anyOf: ['quarantine.monitor'] },
  { key: 'transfers', path: '/quarantine/transfers', anyOf: ['quarantine.read'] },
  { key: 'home', path: '/quarantine/home', anyOf: ['quarantine.monitor'] },
  { key: 'capacity', path: '/quarantine/capacity', anyOf: ['quarantine.capacity'] },
  { key: 'costs', path: '/quarantine/costs', anyOf: ['quarantine.read'] },
];

/** The tab a URL belongs to; facility pages (/quarantine/facilities/…) belong to the first. */
export function quarantineTabOf(pathname: string): string {
  const hit = QUARANTINE_TABS.find((t) => t.path !== '/quarantine' && (pathname === t.path || pathname.startsWith(`${t.path}/`)));
  return hit?.key ?? 'facilities';
}
