import type { UnitLevelName, UnitView } from '../../shared/api/geo';
import { call } from './api';

export interface UnitOption {
  id: number;
  name: string;
  level: UnitLevelName;
  parentId: number | null;
}

const option = ({ id, fullName, level, parentId }: UnitView): UnitOption => ({ id, name: fullName, level, parentId });
const cache = new Map<string, Promise<UnitOption[]>>();

function cached(key: string, load: () => Promise<UnitOption[]>): Promise<UnitOption[]> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The current units right under a unit (the provinces for null): districts, or communes where a province has no districts. */
export function childrenOf(parentId: number | null): Promise<UnitOption[]> {
  return cached(`children:${parentId ?? ''}`, () =>
    call<UnitView[]>('GET', parentId === null ? '/public/units' : `/public/units?parentId=${parentId}`).then((rows) =>
      rows.map(option).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    ),
  );
}

/** A unit and the units above it, province first (to show a prefilled address). */
export function chainOf(id: number | null): Promise<UnitOption[]> {
  if (id === null) return Promise.resolve([]);
  return cached(`chain:${id}`, () => call<UnitView[]>('GET', `/public/units/${id}/chain`).then((rows) => rows.map(option)));
}
