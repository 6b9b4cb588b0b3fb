/**
 * The places of the simulated province: workplaces (offices everywhere, factories in a few
 * industrial communes, as in Quảng Ninh's industrial zones), schools, markets, supermarkets and
 * restaurants, each in a commune and sized from the commune's people. Homes are implicit.
 */
import { Random, hashString, mix32 } from '../random.js';
import type { SimPopulation } from './population.js';

export const VENUE_KINDS = ['factory', 'office', 'school', 'market', 'supermarket', 'restaurant'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
/** Places people go on errands (everything but work and school). */
export const ERRAND_KINDS = ['market', 'supermarket', 'restaurant'] as const;

export interface SimVenue {
  kind: VenueKind;
  /** Index into the population's communes. */
  commune: number;
  /** Expected daily head count for workplaces and schools, a size hint for the others. */
  capacity: number;
}

export interface VenueOptions {
  /** Share of people aged 18–60 working at a workplace venue (the rest farm, fish, work at home or not at all). */
  workerShare: number;
  /** Share of those workers employed by factories rather than offices. */
  factoryShare: number;
  /** Share of communes with factories. */
  industrialCommuneShare: number;
  peoplePerMarket: number;
  peoplePerSupermarket: { urban: number; rural: number };
  peoplePerRestaurant: number;
  studentsPerSchool: number;
}

export const DEFAULT_VENUE_OPTIONS: VenueOptions = {
  workerShare: 0.6,
  factoryShare: 0.5,
  industrialCommuneShare: 0.15,
  peoplePerMarket: 2500,
  peoplePerSupermarket: { urban: 2500, rural: 10000 },
  peoplePerRestaurant: 350,
  studentsPerSchool: 700,
};

export const isWorkingAge = (age: number) => age >= 18 && age <= 60;
export const isSchoolAge = (age: number) => age >= 6 && age <= 17;

/** Is the commune urban? Unknown: decided by its code, as the population generator does. */
export function isUrban(pop: SimPopulation, commune: number): boolean {
  const c = pop.communes[commune];
  return c.urban ?? (hashString(c.code) & 1) === 0;
}

export function generateVenues(pop: SimPopulation, seed: number, options: Partial<VenueOptions> = {}): SimVenue[] {
  const o = { ...DEFAULT_VENUE_OPTIONS, ...options };
  const rng = new Random(mix32(seed ^ hashString('outbreak-venues')));
  const nc = pop.communes.length;
  const people = new Float64Array(nc);
  const working = new Float64Array(nc);
  const students = new Float64Array(nc);
  for (let i = 0; i < pop.count; i++) {
    if (!pop.active[i]) continue;
    const c = pop.commune[i];
    people[c]++;
    if (isWorkingAge(pop.age[i])) working[c]++;
    else if (isSchoolAge(pop.age[i])) students[c]++;
  }
  const venues: SimVenue[] = [];
  const add = (kind: VenueKind, commune: number, count: number, capacity: (k: number) => number) => {
    for (let k = 0; k < count; k++) venues.push({ kind, commune, capacity: Math.max(1, Math.round(capacity(k))) });
  };
  const totalWorkers = working.reduce((s, w) => s + w, 0) * o.workerShare;
  // Industrial communes: the most populous ones are likelier, as zones sit by the towns.
  const score = Array.from({ length: nc }, (_, c) => people[c] * (0.5 + rng.float()));
  const order = Array.from({ length: nc }, (_, c) => c).sort((a, b) => score[b] - score[a] || a - b);
  const industrial = order.filter((c) => people[c] > 0).slice(0, Math.max(1, Math.round(nc * o.industrialCommuneShare)));
  const industrialPeople = industrial.reduce((s, c) => s + people[c], 0);
  for (let c = 0; c < nc; c++) {
    if (people[c] === 0) continue;
    const urban = isUrban(pop, c);
    const officeWorkers = working[c] * o.workerShare * (1 - o.factoryShare);
    // Offices: many small ones (5–65 staff, mean 25).
    add('office', c, Math.max(1, Math.round(officeWorkers / 25)), () => 5 + 60 * rng.float() ** 2);
    add('school', c, students[c] > 0 ? Math.max(1, Math.round(students[c] / o.studentsPerSchool)) : 0, () => o.studentsPerSchool);
    add('market', c, Math.max(1, Math.round(people[c] / o.peoplePerMarket)), () => o.peoplePerMarket / 4);
    add('supermarket', c, Math.round(people[c] / (urban ? o.peoplePerSupermarket.urban : o.peoplePerSupermarket.rural)), () => 150);
    add('restaurant', c, Math.max(1, Math.round(people[c] / o.peoplePerRestaurant)), () => 40);
  }
  for (const c of industrial) {
    // Factories: 100–3,000 workers, heavy-tailed, together employing the factory share of the province's workers.
    let staff = (totalWorkers * o.factoryShare * people[c]) / industrialPeople;
    while (staff > 50) {
      const size = Math.min(staff, 100 + 2900 * Math.pow(rng.float(), 3));
      venues.push({ kind: 'factory', commune: c, capacity: Math.round(size) });
      staff -= size;
    }
  }
  return venues;
}

export interface CapacityPicker {
  total: number;
  /** The venue at u ∈ [0, 1) of the cumulative capacity, or -1 when there is none. */
  pick(u: number): number;
}

export function capacityPicker(entries: readonly (readonly [SimVenue, number])[]): CapacityPicker {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([v], i) => (cumulative[i] = total += v.capacity));
  return {
    total,
    pick(u) {
      if (entries.length === 0) return -1;
      const x = u * total;
      let lo = 0;
      let hi = entries.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return entries[lo][1];
    },
  };
}
