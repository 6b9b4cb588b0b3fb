// The pages of testing and who may open each.
import type { Permission } from '../../shared/roles.js';

/** Each page of testing with the permissions of which any one opens it. */
export const TESTING_TABS: { key: string; path: string; anyOf: Permission[] }[] = [
  { key: 'campaigns', path: '/testing', anyOf: ['testing.read'] },
  { key: 'sampling', path: '/testing/sampling', anyOf: ['testing.sample'] },
  // Sample takers send, lab staff receive.
  { key: 'custody', path: '/testing/custody', anyOf: ['testing.sample', 'testing.lab'] },
  { key: 'results', path: '/testing/results', anyOf: ['testing.read'] },
  { key: 'import', path: '/testing/import', anyOf: ['testing.lab'] },
  { key: 'resample', path: '/testing/resample', anyOf: ['testing.read'] },
  { key: 'caseProposals', path: '/testing/case-proposals', anyOf: ['testing.read'] },
  { key: 'capacity', path: '/testing/capacity', anyOf: ['testing.capacity'] },
];

export function testingTabOf(pathname: string): string {
  const hit = TESTING_TABS.find((t) => t.path !== '/testing' && (pathname === t.path || pathname.startsWith(`${t.path}/`)));
  return hit?.key ?? 'campaigns';
}
