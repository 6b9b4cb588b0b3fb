import type { UnitTreeNode } from '../../shared/api/geo.js';
import { foldKey } from '../../shared/vn/text.js';

export interface TreeRow extends UnitTreeNode {
  /** The unit's own population, or the sum of its sub-units' when it has none recorded. */
  shownPopulation: number | null;
  populationIsSum: boolean;
  children?: TreeRow[];
}

/** Links the flat list the API sends into a tree; roots are the nodes whose parent is outside the list. */
export function buildTree(nodes: UnitTreeNode[]): TreeRow[] {
  const byId = new Map<number, TreeRow>();
  for (const n of nodes) byId.set(n.id, { ...n, shownPopulation: n.population, populationIsSum: false });
  const roots: TreeRow[] = [];
  for (const row of byId.values()) {
    const parent = row.parentId == null ? undefined : byId.get(row.parentId);
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  roots.forEach(fillPopulation);
  return roots;
}

function fillPopulation(row: TreeRow): number | null {
  if (!row.children) return row.shownPopulation;
  const sums = row.children.map(fillPopulation);
  if (row.population == null && sums.some((s) => s != null)) {
    row.shownPopulation = sums.reduce<number>((a, b) => a + (b ?? 0), 0);
    row.populationIsSum = true;
  }
  return row.shownPopulation;
}

/** Keeps the units whose name matches (accents and case ignored) and the ancestors that lead to them. */
export function filterTree(rows: TreeRow[], query: string): TreeRow[] {
  const key = foldKey(query);
  if (!key) return rows;
  const walk = (list: TreeRow[]): TreeRow[] =>
    list.flatMap((r) => {
      if (foldKey(`${r.fullName} ${r.code}`).includes(key)) return [r];
      const kids = r.children ? walk(r.children) : [];
      return kids.length ? [{ ...r, children: kids }] : [];
    });
  return walk(rows);
}

export function allKeys(rows: TreeRow[]): number[] {
  return rows.flatMap((r) => [r.id, ...(r.children ? allKeys(r.children) : [])]);
}

export function share(people: number, population: number | null): number | null {
  return population ? people / population : null;
}
