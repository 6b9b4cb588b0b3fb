/**
 * The simulator's population, taken from the demo generator (generatePeople) so the people the
 * outbreak runs on are the ones the people table would hold. The generator writes a household's
 * members one after another but does not mark where a household ends, and many households of a
 * commune share an address such as "Thôn 2"; tracing finds households by address, so here each
 * household gets an address of its own in its commune ("Số nhà 3, Thôn 2", "Số 12/2, Tổ 3, Khu 5").
 * The generator's near-duplicate rows (a second registration of the person just before) are kept
 * as rows but marked inactive: they are the same human, who lives one routine, not two.
 */
import { generatePeople, type GeneratedPerson, type PopulationCommune, type PopulationOptions } from '../population.js';

export interface SimPopulation {
  count: number;
  communes: readonly PopulationCommune[];
  /** Age in whole years at the population's asOf day. */
  age: Uint8Array;
  /** Index into communes. */
  commune: Uint16Array;
  /** Household number; members of a household are consecutive people. */
  household: Int32Array;
  /** Household h is the people [householdStart[h], householdStart[h + 1]). */
  householdStart: Int32Array;
  /** 0 for a second registration of the previous person: no routine, never infected. */
  active: Uint8Array;
  /** What generated it, so a loader can write the same rows (populationRows); absent for hand-made populations. */
  options?: SimPopulationOptions;
}

/** The options generatePeople gets; asOf is the outbreak's start day, so ages are current then. */
export type SimPopulationOptions = PopulationOptions;

/** Is row a second registration of prev, as the generator makes them (no document; same phone or same name and birth date)? */
function isNearDuplicate(row: GeneratedPerson, prev: GeneratedPerson | null): boolean {
  if (!prev || row.docNumber !== null || row.communeId !== prev.communeId) return false;
  if (row.phone !== null && row.phone === prev.phone && (row.birthDate === null || row.birthDate === prev.birthDate) && row.fullName !== prev.fullName) return true;
  return row.fullName === prev.fullName && row.birthDate === prev.birthDate;
}

/**
 * Splits the generator's rows into households and makes each household's address unique in its
 * commune. Feed it every row in order; it rewrites addressLine in place.
 */
export class Householder {
  household = -1;
  private prev: GeneratedPerson | null = null;
  private prevOriginal = '';
  private address = '';
  private readonly seen = new Map<string, number>();

  /** Returns whether the row is an active person (not a near-duplicate); row.addressLine is rewritten. */
  accept(row: GeneratedPerson): boolean {
    const prev = this.prev;
    this.prev = row;
    if (isNearDuplicate(row, prev)) {
      if (row.addressLine !== '') row.addressLine = this.address;
      return false;
    }
    const original = row.addressLine;
    if (!prev || row.communeId !== prev.communeId || original !== this.prevOriginal) {
      this.household++;
      const key = `${row.communeId}|${original}`;
      const n = (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, n);
      this.address = uniqueAddress(original, n);
    }
    this.prevOriginal = original;
    row.addressLine = this.address;
    return true;
  }
}

/** The n-th household at an address gets a house number; the forms cannot collide with one another. */
export function uniqueAddress(original: string, n: number): string {
  const numbered = /^Số (\d+), (.*)$/.exec(original);
  if (numbered) return n === 1 ? original : `Số ${numbered[1]}/${n}, ${numbered[2]}`;
  return original ? `Số nhà ${n}, ${original}` : `Số nhà ${n}`;
}

/** The people rows with household addresses, in batches; the same rows buildPopulation describes. */
export function* populationRows(opts: SimPopulationOptions): Generator<GeneratedPerson[], void, undefined> {
  const householder = new Householder();
  for (const batch of generatePeople(opts)) {
    for (const row of batch) householder.accept(row);
    yield batch;
  }
}

function ageAt(row: GeneratedPerson, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (!row.birthDate) return Math.max(0, y - row.birthYear);
  const birthdayPassed = row.birthDate.slice(5) <= asOf.slice(5, 10);
  return Math.max(0, y - row.birthYear - (birthdayPassed ? 0 : 1));
}

/** Generates the population once and keeps only what the simulation needs, in typed arrays. */
export function buildPopulation(opts: SimPopulationOptions): SimPopulation {
  const n = opts.count;
  const asOf = opts.asOf ?? '2021-07-01';
  const communeIndex = new Map(opts.communes.map((c, i) => [c.id, i]));
  if (opts.communes.length > 65535) throw new RangeError('at most 65,535 communes');
  const pop: SimPopulation = {
    count: n,
    communes: opts.communes,
    age: new Uint8Array(n),
    commune: new Uint16Array(n),
    household: new Int32Array(n),
    householdStart: new Int32Array(0),
    active: new Uint8Array(n),
    options: opts,
  };
  const householder = new Householder();
  const starts: number[] = [];
  let i = 0;
  for (const batch of generatePeople(opts)) {
    for (const row of batch) {
      const before = householder.household;
      pop.active[i] = householder.accept(row) ? 1 : 0;
      if (householder.household !== before) starts.push(i);
      pop.household[i] = householder.household;
      pop.commune[i] = communeIndex.get(row.communeId)!;
      pop.age[i] = Math.min(255, ageAt(row, asOf));
      i++;
    }
  }
  starts.push(n);
  pop.householdStart = Int32Array.from(starts);
  return pop;
}
