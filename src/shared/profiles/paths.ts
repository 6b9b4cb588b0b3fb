// Rule paths are written the way error messages name fields: "quarantine.rules[2].testDays[1]".

export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] | null {
  if (!/^[A-Za-z]\w*(\[\d+\]|\.[A-Za-z]\w*)*$/.test(path)) return null;
  return [...path.matchAll(/([A-Za-z]\w*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** The value at a path, or undefined when the path does not lead anywhere. */
export function valueAt(root: unknown, path: string): unknown {
  const segments = parsePath(path);
  if (!segments) return undefined;
  let cur: unknown = root;
  for (const s of segments) {
    if (typeof s === 'number' ? !Array.isArray(cur) : cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.hasOwn(cur as object, s)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[s];
  }
  return cur;
}

/** Whether a rule, or a part of it, is flagged unverified: "riskLevels.matrix" flags every cell. */
export function isUnverified(unverified: readonly string[], path: string): boolean {
  return unverified.some((u) => path === u || path.startsWith(`${u}.`) || path.startsWith(`${u}[`));
}
