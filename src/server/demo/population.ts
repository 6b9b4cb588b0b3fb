/**
 * A synthetic, reproducible population for the demo and the benchmark. People come in
 * households (shared commune, address and, except for the spouse, family name) so that shared
 * phones look like real ones: a child registered with a parent's number. Ages follow Vietnam's
 * 2020 age pyramid; CCCD and phone numbers are valid and unique. About 0.5 % of the rows are a
 * second registration of the person just before them (NEAR_DUPLICATE_SHARE): the same phone
 * with the name typed without accents or mistyped, or the same name, birth date and commune.
 * Nothing in the rows marks them: finding them is the duplicate review's job.
 */
import type { DbOrTx } from '../db/handle.js';
import { people } from '../people/schema.js';
import { cccdPrefix } from '../../shared/vn/id-document.js';
import { foldKey, nfc } from '../../shared/vn/text.js';
import { Random, WeightedTable, hashString, mix32, permute } from './random.js';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  MALE_GIVEN,
  MALE_MIDDLE,
  MIGRANT_PROVINCES,
  VILLAGE_NAMES,
} from './vn-names.js';

export interface PopulationCommune {
  id: number;
  districtId: number | null;
  provinceId: number;
  code: string;
  population?: number | null;
  /** Wards and towns get "Số 12, Tổ 3, Khu 5" addresses, rural communes "Thôn 2"; unknown: decided by the code. */
  urban?: boolean;
}

export interface PopulationOptions {
  seed: number;
  count: number;
  communes: readonly PopulationCommune[];
  /** Two-digit province code: the CCCD place of birth registration of most people. */
  provinceCode: string;
  /**
   * Ordinal of the first row (default 0). Phone, CMND and CCCD numbers derive from ordinals, so
   * calls with the same seed over disjoint ranges [startId, startId + count) never share one.
   * A CCCD has 6 free digits per (province, sex, birth year) prefix, numbered from startId:
   * startId plus the people of one prefix must stay under 1,000,000.
   */
  startId?: number;
  /** Rows per yielded batch (default 2,000). */
  batchSize?: number;
  /** The day ages refer to (default 2021-07-01, the year of the 2021 units). */
  asOf?: string;
  /** First digits of the old 9-digit CMND (default "10", Quảng Ninh's). */
  cmndPrefix?: string;
}

/** One row for the people table, in its insert shape. */
export interface GeneratedPerson {
  docType: 'cccd' | 'cmnd' | null;
  docNumber: string | null;
  phone: string | null;
  fullName: string;
  nameKey: string;
  birthDate: string | null;
  birthYear: number;
  sex: 'male' | 'female';
  nationality: 'VN';
  addressLine: string;
  communeId: number;
  districtId: number | null;
  provinceId: number;
}

export const NEAR_DUPLICATE_SHARE = 0.005;
const MAX_ORDINAL = 10_000_000;
const CCCD_SERIALS = 1_000_000;
const DAY_MS = 86_400_000;

/** Vietnam 2020, share of the population (%) by five-year age group (GSO / UN WPP, rounded). */
const AGE_PYRAMID: readonly (readonly [number, number, number])[] = [
  [0, 4, 7.9], [5, 9, 8.4], [10, 14, 7.6], [15, 19, 6.6], [20, 24, 6.9], [25, 29, 8.0], [30, 34, 8.4],
  [35, 39, 7.9], [40, 44, 7.3], [45, 49, 6.9], [50, 54, 6.3], [55, 59, 5.6], [60, 64, 4.6], [65, 69, 3.3],
  [70, 74, 2.0], [75, 79, 1.2], [80, 84, 0.9], [85, 99, 0.9],
];
const yearlyAges = (minAge: number) =>
  AGE_PYRAMID.flatMap(([from, to, share]) => {
    const ages: [number, number][] = [];
    for (let a = Math.max(from, minAge); a <= to; a++) ages.push([a, share / (to - from + 1)]);
    return ages;
  });
const ANY_AGE = new WeightedTable(yearlyAges(0));
const ADULT_AGE = new WeightedTable(yearlyAges(18));

/** Persons per household, Vietnam 2019 census (average ≈ 3.5). */
const HOUSEHOLD_SIZE = new WeightedTable([[1, 11], [2, 20], [3, 22], [4, 25], [5, 12], [6, 7], [7, 3]] as const);

/** Mobile prefixes weighted by approximate market share (Viettel, VinaPhone, MobiFone, Vietnamobile). */
const MOBILE_PREFIXES = new WeightedTable<string>([
  ...['086', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039'].map((p) => [p, 55 / 12] as const),
  ...['088', '091', '094', '081', '082', '083', '084', '085'].map((p) => [p, 25 / 8] as const),
  ...['089', '090', '093', '070', '076', '077', '078', '079'].map((p) => [p, 18 / 8] as const),
  ...['092', '056', '058'].map((p) => [p, 2 / 3] as const),
]);

const FAMILY = new WeightedTable(FAMILY_NAMES);
const byRank = (names: readonly string[]) => new WeightedTable(names.map((n, i) => [n, 1 / (i + 8)] as const));
const GIVEN = { male: byRank(MALE_GIVEN), female: byRank(FEMALE_GIVEN) };
const MIDDLE = { male: byRank(MALE_MIDDLE), female: byRank(FEMALE_MIDDLE) };

type Sex = 'male' | 'female';

function maleShare(age: number): number {
  if (age < 20) return 0.52;
  if (age < 60) return 0.5;
  return 0.43;
}

function ownPhoneChance(age: number): number {
  if (age < 12) return 0;
  if (age < 15) return 0.1;
  if (age < 18) return 0.75;
  if (age < 70) return 0.96;
  if (age < 80) return 0.7;
  return 0.4;
}

/** Chance that someone without a phone of their own is registered with the household's. */
function sharedPhoneChance(age: number): number {
  if (age < 15) return 0.35;
  return age >= 70 ? 0.7 : 0.3;
}

function cmndChance(age: number): number {
  if (age >= 60) return 0.2;
  return age >= 40 ? 0.08 : 0;
}

export function stripAccents(name: string): string {
  return nfc(name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));
}

/** One typing slip in the middle or given name: a lost accent, a doubled, swapped or dropped letter. */
function misspell(fullName: string, rng: Random): string {
  const words = fullName.split(' ');
  for (let attempt = 0; attempt < 8; attempt++) {
    const w = rng.int(1, words.length - 1);
    const chars = Array.from(words[w]);
    const i = rng.int(1, chars.length - 1);
    const op = rng.int(0, 3);
    let typo = words[w];
    if (op === 0) typo = stripAccents(words[w]);
    else if (op === 1) typo = [...chars.slice(0, i), chars[i], ...chars.slice(i)].join('');
    else if (op === 2 && chars.length > 2) typo = [...chars.slice(0, i - 1), chars[i], chars[i - 1], ...chars.slice(i + 1)].join('');
    else if (op === 3 && chars.length > 2) typo = [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
    if (typo !== words[w]) return nfc([...words.slice(0, w), typo, ...words.slice(w + 1)].join(' '));
  }
  return nfc(fullName + words[words.length - 1].slice(-1));
}

function communeTable(communes: readonly PopulationCommune[]): WeightedTable<PopulationCommune> {
  const known = communes.filter((c) => c.population != null && c.population > 0);
  const fallback = known.length ? known.reduce((s, c) => s + (c.population ?? 0), 0) / known.length : 1;
  return new WeightedTable(communes.map((c) => [c, c.population != null && c.population > 0 ? c.population : fallback] as const));
}

interface Member {
  age: number;
  sex: Sex;
  familyName: string;
}

/**
 * Yields the people in batches, so a province-sized population never sits in memory at once.
 * Same options, same rows.
 */
export function* generatePeople(opts: PopulationOptions): Generator<GeneratedPerson[], void, undefined> {
  const startId = opts.startId ?? 0;
  const batchSize = opts.batchSize ?? 2000;
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new RangeError('count must be a whole number ≥ 0');
  if (!Number.isInteger(startId) || startId < 0 || startId + opts.count > MAX_ORDINAL) {
    throw new RangeError(`startId + count must stay within ${MAX_ORDINAL}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be ≥ 1');
  if (opts.communes.length === 0) throw new RangeError('at least one commune is needed');

  const rng = new Random(opts.seed);
  const key = (purpose: string) => mix32(opts.seed ^ hashString(purpose));
  const phoneKey = key('phone');
  const cmndKey = key('cmnd');
  const cmndPrefix = opts.cmndPrefix ?? '10';
  const migrantProvinces = MIGRANT_PROVINCES.filter((p) => p !== opts.provinceCode);
  const communes = communeTable(opts.communes);
  const asOf = new Date(`${opts.asOf ?? '2021-07-01'}T00:00:00Z`);
  const serials = new Map<string, number>();

  // A row's own phone and CMND numbers are keyed bijections of its ordinal, hence unique.
  const phoneAt = (ordinal: number) => MOBILE_PREFIXES.pick(rng) + String(permute(ordinal, MAX_ORDINAL, phoneKey)).padStart(7, '0');

  const birthDate = (age: number): string => {
    const y = asOf.getUTCFullYear();
    const latest = Date.UTC(y - age, asOf.getUTCMonth(), asOf.getUTCDate());
    const earliest = Date.UTC(y - age - 1, asOf.getUTCMonth(), asOf.getUTCDate()) + DAY_MS;
    return new Date(earliest + rng.int(0, Math.round((latest - earliest) / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
  };

  const fullName = (familyName: string, sex: Sex, birthYear: number): string => {
    const oldStyle = birthYear < 1975 ? [0.55, 0.75] : birthYear < 1995 ? [0.4, 0.5] : [0.15, 0.2];
    const middle = rng.chance(sex === 'male' ? oldStyle[0] : oldStyle[1]) ? (sex === 'male' ? 'Văn' : 'Thị') : MIDDLE[sex].pick(rng);
    const middles = [middle];
    if (birthYear >= 1995 && rng.chance(0.05)) {
      const second = MIDDLE[sex].pick(rng);
      if (second !== middle) middles.push(second);
    }
    let given = GIVEN[sex].pick(rng);
    for (let i = 0; i < 3 && middles.includes(given); i++) given = GIVEN[sex].pick(rng);
    return nfc([familyName, ...middles, given].join(' '));
  };

  const document = (age: number, sex: Sex, birthYear: number, ordinal: number): Pick<GeneratedPerson, 'docType' | 'docNumber'> => {
    if (age < 14 || (age < 18 && rng.chance(0.15))) return { docType: null, docNumber: null };
    if (rng.chance(cmndChance(age))) {
      return { docType: 'cmnd', docNumber: cmndPrefix + String(permute(ordinal, MAX_ORDINAL, cmndKey)).padStart(7, '0') };
    }
    const province = rng.chance(0.1) ? rng.pick(migrantProvinces) : opts.provinceCode;
    const prefix = cccdPrefix(province, sex, birthYear);
    // Each prefix numbers its holders from startId, so disjoint ordinal ranges get disjoint serials.
    const serial = startId + (serials.get(prefix) ?? 0);
    if (serial >= CCCD_SERIALS) throw new RangeError(`CCCD serials for ${prefix} run out: startId ${startId} is too large`);
    serials.set(prefix, serial - startId + 1);
    return { docType: 'cccd', docNumber: prefix + String(permute(serial, CCCD_SERIALS, key(prefix))).padStart(6, '0') };
  };

  const address = (commune: PopulationCommune): string => {
    const urban = commune.urban ?? (hashString(commune.code) & 1) === 0;
    const r = rng.float();
    if (urban) {
      if (r < 0.6) return `Số ${rng.int(1, 250)}, Tổ ${rng.int(1, 40)}, Khu ${rng.int(1, 12)}`;
      if (r < 0.9) return `Tổ ${rng.int(1, 40)}, Khu ${rng.int(1, 12)}`;
      return `Khu ${rng.int(1, 12)}`;
    }
    if (r < 0.45) return `Thôn ${rng.int(1, 15)}`;
    if (r < 0.8) return `Thôn ${rng.pick(VILLAGE_NAMES)}`;
    return `Xóm ${rng.int(1, 8)}, Thôn ${rng.int(1, 12)}`;
  };

  const household = (): Member[] => {
    const size = HOUSEHOLD_SIZE.pick(rng);
    const ages = Array.from({ length: size }, () => ANY_AGE.pick(rng));
    if (!ages.some((a) => a >= 18)) ages[0] = ADULT_AGE.pick(rng);
    ages.sort((a, b) => b - a);
    const familyName = FAMILY.pick(rng);
    const members: Member[] = ages.map((age) => ({ age, sex: rng.chance(maleShare(age)) ? 'male' : 'female', familyName }));
    // Vietnamese wives keep their own family name; the children carry the husband's.
    const head = members[0];
    const spouse = members.find((m, i) => i > 0 && m.age >= 18 && m.sex !== head.sex && Math.abs(m.age - head.age) <= 12);
    if (spouse) (head.sex === 'female' ? head : spouse).familyName = FAMILY.pick(rng);
    return members;
  };

  const nearDuplicate = (p: GeneratedPerson, ordinal: number): GeneratedPerson => {
    const r = rng.float();
    const copy: GeneratedPerson = { ...p, docType: null, docNumber: null };
    if (p.phone && r < 0.7) {
      const plain = stripAccents(p.fullName);
      copy.fullName = r < 0.4 && plain !== p.fullName ? plain : misspell(p.fullName, rng);
      copy.nameKey = foldKey(copy.fullName);
      if (rng.chance(0.5)) copy.birthDate = null;
      if (rng.chance(0.3)) copy.addressLine = '';
    } else {
      copy.phone = rng.chance(0.5) ? phoneAt(ordinal) : null;
    }
    return copy;
  };

  const person = (m: Member, commune: PopulationCommune, addressLine: string, ordinal: number): GeneratedPerson => {
    const date = birthDate(m.age);
    const birthYear = Number(date.slice(0, 4));
    const name = fullName(m.familyName, m.sex, birthYear);
    const doc = document(m.age, m.sex, birthYear, ordinal);
    // Listed field by field: an object spread here made generation three times slower.
    return {
      docType: doc.docType,
      docNumber: doc.docNumber,
      phone: rng.chance(ownPhoneChance(m.age)) ? phoneAt(ordinal) : null,
      fullName: name,
      nameKey: foldKey(name),
      birthDate: date,
      birthYear,
      sex: m.sex,
      nationality: 'VN',
      addressLine,
      communeId: commune.id,
      districtId: commune.districtId,
      provinceId: commune.provinceId,
    };
  };

  let batch: GeneratedPerson[] = [];
  let emitted = 0;
  while (emitted < opts.count) {
    const commune = communes.pick(rng);
    const addressLine = address(commune);
    const members = household();
    // The household's rows in output order, a near-duplicate right after its original.
    const plan: { member: number; duplicate: boolean }[] = [];
    for (let i = 0; i < members.length; i++) {
      plan.push({ member: i, duplicate: false });
      if (members[i].age >= 18 && rng.chance(NEAR_DUPLICATE_SHARE / 0.75)) plan.push({ member: i, duplicate: true });
    }
    plan.length = Math.min(plan.length, opts.count - emitted);
    const first = startId + emitted;
    const rows = new Map<number, GeneratedPerson>();
    plan.forEach((e, k) => {
      if (!e.duplicate) rows.set(e.member, person(members[e.member], commune, addressLine, first + k));
    });
    const owners = [...rows].filter(([, r]) => r.phone);
    const householdPhone = (owners.find(([i]) => members[i].age >= 18 && members[i].age < 70) ?? owners[0])?.[1].phone ?? null;
    for (const [i, row] of rows) {
      if (!row.phone && householdPhone && rng.chance(sharedPhoneChance(members[i].age))) row.phone = householdPhone;
    }
    for (const [k, e] of plan.entries()) {
      const original = rows.get(e.member)!;
      batch.push(e.duplicate ? nearDuplicate(original, first + k) : original);
      emitted++;
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/** Rows per INSERT: 13 columns × 2,000 rows stays well under PGlite's 65,535 parameters. */
const INSERT_ROWS = 2000;

/** Inserts generated people with multi-row INSERTs (one per 2,000 rows). */
export async function insertPeople(db: DbOrTx, batch: readonly GeneratedPerson[]): Promise<void> {
  for (let i = 0; i < batch.length; i += INSERT_ROWS) {
    await db.insert(people).values(batch.slice(i, i + INSERT_ROWS));
  }
}
