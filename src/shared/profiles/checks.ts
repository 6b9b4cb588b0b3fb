// Checks across fields of a profile's rules, run after the structure is valid. Each problem names
// the exact path of the value at fault so the admin screen can point at it.
import type { ProfileRules } from './rules.js';
import { valueAt, type PathSegment } from './paths.js';

export interface RuleIssue {
  path: PathSegment[];
  message: string;
}

const E = {
  duplicate: 'profiles.errors.duplicate',
  unknownSource: 'profiles.errors.unknownSource',
  unverifiedPath: 'profiles.errors.unverifiedPath',
  minAboveMax: 'profiles.errors.minAboveMax',
  testDayBeyondQuarantine: 'profiles.errors.testDayBeyondQuarantine',
  notAscending: 'profiles.errors.notAscending',
  placeNone: 'profiles.errors.placeNone',
  dateOrder: 'profiles.errors.dateOrder',
  overlappingRules: 'profiles.errors.overlappingRules',
  firstBandFromZero: 'profiles.errors.firstBandFromZero',
  matrixRows: 'profiles.errors.matrixRows',
  matrixColumns: 'profiles.errors.matrixColumns',
  unknownLevel: 'profiles.errors.unknownLevel',
  sequence: 'profiles.errors.sequence',
  aggregationCondition: 'profiles.errors.aggregationCondition',
  dosesInterval: 'profiles.errors.dosesInterval',
  ageBands: 'profiles.errors.ageBands',
} as const;

/** Message keys of the checks below, for the admin screen and GET /profiles/schema. */
export const CROSS_FIELD_CHECKS: string[] = Object.values(E);

/** Which of four kinds of people (vaccinated?, recovered?) each status covers: two rules clash when they share one. */
const COVERS: Record<string, number> = {
  any: 0b1111,
  fully_vaccinated: 0b0011,
  not_fully_vaccinated: 0b1100,
  fully_vaccinated_or_recovered: 0b0111,
  neither_vaccinated_nor_recovered: 0b1000,
};

export function checkRules(r: ProfileRules): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (message: string, ...path: PathSegment[]) => issues.push({ path, message });

  const sourceIds = new Set<string>();
  r.sources.forEach((s, i) => {
    if (sourceIds.has(s.id)) add(E.duplicate, 'sources', i, 'id');
    sourceIds.add(s.id);
  });
  // Every `source` and `sources[i]` anywhere in the rules must name an entry of r.sources.
  const walkRefs = (node: unknown, path: PathSegment[]) => {
    if (Array.isArray(node)) node.forEach((v, i) => walkRefs(v, [...path, i]));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'source' && typeof v === 'string' && !sourceIds.has(v)) add(E.unknownSource, ...path, k);
        else if (k === 'sources' && path.length > 0 && Array.isArray(v))
          v.forEach((id, i) => typeof id === 'string' && !sourceIds.has(id) && add(E.unknownSource, ...path, k, i));
        else walkRefs(v, [...path, k]);
      }
    }
  };
  walkRefs(r, []);

  r.unverified.forEach((p, i) => {
    if (valueAt(r, p) === undefined) add(E.unverifiedPath, 'unverified', i);
    if (r.unverified.indexOf(p) !== i) add(E.duplicate, 'unverified', i);
  });

  checkQuarantine(r, add);

  const levels = new Set(r.riskLevels.levels.map((l) => l.level));
  const checkLevel = (n: number, ...path: PathSegment[]) => levels.has(n) || add(E.unknownLevel, ...path);

  r.testing.screening.forEach((s, i) => {
    s.levels.forEach((n, j) => checkLevel(n, 'testing', 'screening', i, 'levels', j));
    if (s.minIntervalDays > s.maxIntervalDays) add(E.minAboveMax, 'testing', 'screening', i, 'minIntervalDays');
  });

  checkRiskLevels(r.riskLevels, add, checkLevel);

  r.distancing.regimes.forEach((g, i) => {
    if (r.distancing.regimes.findIndex((o) => o.id === g.id) !== i) add(E.duplicate, 'distancing', 'regimes', i, 'id');
  });

  const v = r.vaccination;
  v.priorityGroups.forEach((g, i) => g.rank === i + 1 || add(E.sequence, 'vaccination', 'priorityGroups', i, 'rank'));
  v.products.forEach((p, i) => {
    const at = ['vaccination', 'products', i] as PathSegment[];
    if (v.products.findIndex((o) => o.id === p.id) !== i) add(E.duplicate, ...at, 'id');
    if ((p.doses > 1) !== (p.interval !== null)) add(E.dosesInterval, ...at, 'interval');
    if (p.interval && p.interval.minDays > p.interval.maxDays) add(E.minAboveMax, ...at, 'interval', 'minDays');
    p.intervalChanges.forEach((c, j) => {
      if (p.doses < 2) add(E.dosesInterval, ...at, 'intervalChanges', j);
      if (c.minDays > c.maxDays) add(E.minAboveMax, ...at, 'intervalChanges', j, 'minDays');
      if (j > 0 && c.from <= p.intervalChanges[j - 1].from) add(E.dateOrder, ...at, 'intervalChanges', j, 'from');
    });
  });

  const t = r.treatment;
  const bands = t.warningSigns.respiratoryRate;
  bands.forEach((b, i) => {
    const at = ['treatment', 'warningSigns', 'respiratoryRate', i] as PathSegment[];
    if (b.toYears !== null && b.toYears <= b.fromYears) add(E.minAboveMax, ...at, 'toYears');
    const overlaps = bands.some((o, j) => j < i && b.fromYears < (o.toYears ?? Infinity) && o.fromYears < (b.toYears ?? Infinity));
    if (overlaps) add(E.ageBands, ...at, 'fromYears');
  });
  if (t.warningSigns.pulseBelow >= t.warningSigns.pulseAbove) add(E.minAboveMax, 'treatment', 'warningSigns', 'pulseBelow');
  t.tiers.forEach((tier, i) => tier.tier === i + 1 || add(E.sequence, 'treatment', 'tiers', i, 'tier'));

  const codes = (list: { code: string }[], ...path: PathSegment[]) =>
    list.forEach((item, i) => list.findIndex((o) => o.code === item.code) !== i && add(E.duplicate, ...path, i, 'code'));
  codes(t.warningSigns.symptoms, 'treatment', 'warningSigns', 'symptoms');
  codes(r.declaration.symptoms, 'declaration', 'symptoms');
  codes(r.declaration.exposureQuestions, 'declaration', 'exposureQuestions');
  codes(r.support.items, 'support', 'items');

  return issues;
}

type Add = (message: string, ...path: PathSegment[]) => void;

function checkQuarantine(r: ProfileRules, add: Add): void {
  const rules = r.quarantine.rules;
  rules.forEach((q, i) => {
    const at = ['quarantine', 'rules', i] as PathSegment[];
    if (rules.findIndex((o) => o.id === q.id) !== i) add(E.duplicate, ...at, 'id');
    const none = q.places.includes('none');
    if (none && (q.places.length > 1 || q.days > 0)) add(E.placeNone, ...at, 'places');
    if (!none && q.days === 0) add(E.placeNone, ...at, 'days');
    q.testDays.forEach((d, j) => {
      if (d > q.days) add(E.testDayBeyondQuarantine, ...at, 'testDays', j);
      else if (j > 0 && d <= q.testDays[j - 1]) add(E.notAscending, ...at, 'testDays', j);
    });
    if (q.from && q.until && q.from >= q.until) add(E.dateOrder, ...at, 'until');
    const clash = rules.some(
      (o, j) =>
        j < i &&
        o.category === q.category &&
        (COVERS[o.vaccination] & COVERS[q.vaccination]) !== 0 &&
        (o.from ?? '') < (q.until ?? '9999') &&
        (q.from ?? '') < (o.until ?? '9999'),
    );
    if (clash) add(E.overlappingRules, ...at, 'vaccination');
  });
}

function checkRiskLevels(m: ProfileRules['riskLevels'], add: Add, checkLevel: (n: number, ...path: PathSegment[]) => void): void {
  m.levels.forEach((l, i) => l.level === i + 1 || add(E.sequence, 'riskLevels', 'levels', i, 'level'));
  if (m.caseBands[0].min !== 0 || !m.caseBands[0].minInclusive) add(E.firstBandFromZero, 'riskLevels', 'caseBands', 0, 'min');
  m.caseBands.forEach((b, i) => i > 0 && b.min <= m.caseBands[i - 1].min && add(E.notAscending, 'riskLevels', 'caseBands', i, 'min'));
  m.coverage.thresholds.forEach(
    (t, i) => i > 0 && t <= m.coverage.thresholds[i - 1] && add(E.notAscending, 'riskLevels', 'coverage', 'thresholds', i),
  );
  if (m.matrix.length !== m.caseBands.length) add(E.matrixRows, 'riskLevels', 'matrix');
  const columns = m.coverage.thresholds.length + 1;
  m.matrix.forEach((row, i) => {
    if (row.length !== columns) add(E.matrixColumns, 'riskLevels', 'matrix', i);
    row.forEach((n, j) => checkLevel(n, 'riskLevels', 'matrix', i, j));
  });
  m.aggregation.forEach((a, i) => {
    const at = ['riskLevels', 'aggregation', i] as PathSegment[];
    checkLevel(a.level, ...at, 'level');
    checkLevel(a.childLevel, ...at, 'childLevel');
    if ((a.minSharePct === null) === (a.minCount === null)) add(E.aggregationCondition, ...at, 'minSharePct');
  });
}
