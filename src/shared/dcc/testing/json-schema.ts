// A JSON Schema (2020-12) checker for the keywords DCC.combined-schema.json uses, for tests only:
// type, required, properties, items, minItems, maxItems, minimum, maxLength, pattern, format
// (date, date-time), $ref to #/$defs, anyOf, oneOf. Annotations (title, examples …) are ignored.
type Schema = { [k: string]: unknown };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// RFC 3339 date-time: a time zone is required.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function realDate(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function typeOk(type: string, v: unknown): boolean {
  if (type === 'object') return !!v && typeof v === 'object' && !Array.isArray(v);
  if (type === 'array') return Array.isArray(v);
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'number') return typeof v === 'number';
  if (type === 'null') return v === null;
  return typeof v === type;
}

/** Problems of `value` against `schema`, as "path: reason"; empty when it validates. */
export function validateSchema(root: Schema, value: unknown): string[] {
  const problemsOf = (s: Schema, v: unknown, path: string): string[] => {
    const problems: string[] = [];
    check(s, v, path, problems);
    return problems;
  };
  const check = (s: Schema, v: unknown, path: string, problems: string[]): void => {
    const add = (why: string) => problems.push(`${path || '/'}: ${why}`);
    if (typeof s.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
      if (!name) throw new Error(`unsupported $ref ${s.$ref}`);
      check((root.$defs as Record<string, Schema>)[name], v, path, problems);
    }
    if (typeof s.type === 'string' && !typeOk(s.type, v)) {
      add(`not of type ${s.type}`);
      return;
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      const options = s[key] as Schema[] | undefined;
      if (!options) continue;
      const passing = options.filter((o) => problemsOf(o, v, path).length === 0).length;
      if (key === 'anyOf' ? passing === 0 : passing !== 1) add(`${passing} of the ${key} options match`);
    }
    if (Array.isArray(s.required) && typeOk('object', v)) {
      for (const k of s.required as string[]) if (!(k in (v as object))) add(`misses ${k}`);
    }
    if (s.properties && typeOk('object', v)) {
      for (const [k, sub] of Object.entries(s.properties as Record<string, Schema>)) {
        if (k in (v as object)) check(sub, (v as Record<string, unknown>)[k], `${path}/${k}`, problems);
      }
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) add(`fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) add(`more than ${s.maxItems} items`);
      if (s.items) v.forEach((x, i) => check(s.items as Schema, x, `${path}/${i}`, problems));
    }
    if (typeof v === 'number' && typeof s.minimum === 'number' && v < s.minimum) add(`below ${s.minimum}`);
    if (typeof v === 'string') {
      if (typeof s.maxLength === 'number' && [...v].length > s.maxLength) add(`longer than ${s.maxLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) add(`does not match ${s.pattern}`);
      if (s.format === 'date' && !(DATE.test(v) && realDate(v))) add('not a date');
      if (s.format === 'date-time' && !(DATE_TIME.test(v) && realDate(v))) add('not a date-time');
    }
  };
  return problemsOf(root, value, '');
}
