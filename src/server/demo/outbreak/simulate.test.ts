import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { PopulationCommune } from '../population.js';
import { buildPopulation, populationRows, type SimPopulation } from './population.js';
import { generateVenues, type SimVenue } from './venues.js';
import { simulate, type Outbreak, type OutbreakOptions } from './simulate.js';
import { completedInfectors, summarize } from './stats.js';

const COMMUNES: PopulationCommune[] = Array.from({ length: 8 }, (_, i) => ({
  id: 101 + i,
  code: String(6650 + i).padStart(5, '0'),
  districtId: i < 4 ? 11 : 12,
  provinceId: 1,
  urban: i % 2 === 0,
  population: 5000 + 1000 * i,
}));
const START = '2021-09-06';

const worlds = new Map<number, { population: SimPopulation; venues: SimVenue[] }>();
function world(count: number) {
  let w = worlds.get(count);
  if (!w) {
    const population = buildPopulation({ seed: 11, count, communes: COMMUNES, provinceCode: '22', asOf: START });
    worlds.set(count, (w = { population, venues: generateVenues(population, 11) }));
  }
  return w;
}

function run(count: number, opts: Partial<OutbreakOptions> = {}): Outbreak {
  return simulate({ ...world(count), startDate: START, days: 21, seed: 5, ...opts });
}

function fingerprint(o: Outbreak): string {
  const h = createHash('sha256');
  for (const f of o.infections) {
    const { exposures, ...rest } = f;
    h.update(JSON.stringify(rest));
    if (exposures) for (const a of [exposures.person, exposures.venue, exposures.firstAt, exposures.venueSeconds]) h.update(new Uint8Array(a.buffer));
  }
  for (const b of o.checkins()) for (const a of [b.person, b.venue, b.checkedIn, b.checkedOut]) h.update(new Uint8Array(a.buffer, 0, b.length * 4));
  return h.digest('hex');
}

describe('outbreak population', () => {
  it('gives every household its own address in its commune and marks the generator near-duplicates inactive', () => {
    const { population } = world(20_000);
    const addressOf = new Map<number, string>();
    const households = new Map<string, number>();
    let i = 0;
    for (const batch of populationRows(population.options!)) {
      for (const row of batch) {
        const h = population.household[i];
        if (population.active[i]) {
          const key = `${row.communeId}|${row.addressLine}`;
          expect(households.get(key) ?? h).toBe(h);
          households.set(key, h);
          expect(addressOf.get(h) ?? key).toBe(key);
          addressOf.set(h, key);
        }
        i++;
      }
    }
    expect(i).toBe(20_000);
    const sizes = population.count / (population.householdStart.length - 1);
    expect(sizes).toBeGreaterThan(3);
    expect(sizes).toBeLessThan(4);
    const inactive = population.active.reduce((s, a) => s + (1 - a), 0) / population.count;
    expect(inactive).toBeGreaterThan(0.002);
    expect(inactive).toBeLessThan(0.01);
  });
});

describe('simulate', () => {
  it('is deterministic: the same seed gives the same infections, exposures and check-ins, another seed others', () => {
    const a = fingerprint(run(5000));
    expect(fingerprint(run(5000))).toBe(a);
    expect(fingerprint(run(5000, { seed: 6 }))).not.toBe(a);
  });

  it('realises a mean offspring close to R among infectors whose infectious window ended in the run', () => {
    const o = run(60_000, { days: 30, indexCases: 20, groundTruth: false });
    const done = completedInfectors(o);
    expect(done.length).toBeGreaterThan(1500);
    const mean = done.reduce((s, f) => s + f.offspring, 0) / done.length;
    expect(Math.abs(mean - 2.5)).toBeLessThan(0.25);
    // Within the run, generations follow one another.
    expect(summarize(o).perGeneration.slice(0, 4).every((n, g, all) => g === 0 || n > all[g - 1])).toBe(true);
  });

  it('draws every infectee from people with the infector: same household, or check-ins overlapping at the venue at infection time', () => {
    const o = run(20_000, { days: 24, checkinCompliance: 1, routine: { checkoutShare: 1 } });
    const secondary = o.infections.filter((f) => f.infectorIndex !== null);
    expect(secondary.length).toBeGreaterThan(200);
    expect(secondary.some((f) => f.setting === 'household') && secondary.some((f) => f.setting === 'venue')).toBe(true);
    const involved = new Set(secondary.flatMap((f) => [f.personIndex, f.infectorIndex!]));
    const visits = new Map<string, [number, number][]>();
    for (const b of o.checkins()) {
      for (let k = 0; k < b.length; k++) {
        if (!involved.has(b.person[k])) continue;
        const key = `${b.person[k]}:${b.venue[k]}`;
        const list = visits.get(key) ?? [];
        list.push([b.dayStart + b.checkedIn[k] * 1000, b.dayStart + b.checkedOut[k] * 1000]);
        visits.set(key, list);
      }
    }
    for (const f of secondary) {
      const infector = o.infections[f.infectorInfection!];
      expect(f.infectedDay).toBeGreaterThanOrEqual(infector.infectiousFrom);
      expect(f.infectedDay).toBeLessThanOrEqual(infector.infectiousTo);
      expect(o.isolatedFrom[f.infectorIndex!]).toBeGreaterThan(f.infectedDay);
      if (f.setting === 'household') {
        expect(o.population.household[f.personIndex]).toBe(o.population.household[f.infectorIndex!]);
        continue;
      }
      const at = f.infectedAt.getTime();
      const covering = (person: number) => (visits.get(`${person}:${f.venueIndex}`) ?? []).filter(([i, out]) => i <= at && at <= out);
      const overlap = covering(f.infectorIndex!).some(([a, b]) =>
        covering(f.personIndex).some(([c, d]) => Math.min(b, d) - Math.max(a, c) >= o.params.minOverlapMinutes * 60_000),
      );
      expect(overlap).toBe(true);
    }
  });

  it('lists as exposed exactly the household and the people whose check-ins overlap by the minimum in the infectious window, when every visit is recorded', () => {
    const o = run(20_000, { days: 14, checkinCompliance: 1, routine: { checkoutShare: 1 } });
    const sample = o.infections.filter((f) => f.exposures && f.infectiousTo < o.days).slice(0, 15);
    expect(sample.length).toBe(15);
    const rows = [...o.checkinRows()];
    for (const f of sample) {
      const from = o.at(f.infectiousFrom * 86_400).getTime();
      const to = o.at((f.infectiousTo + 1) * 86_400).getTime();
      const own = rows.filter((r) => r.personIndex === f.personIndex && r.checkedInAt.getTime() >= from && r.checkedInAt.getTime() < to);
      const expected = new Set<number>();
      for (const r of rows) {
        if (r.personIndex === f.personIndex) continue;
        for (const v of own) {
          const overlap = Math.min(v.checkedOutAt!.getTime(), r.checkedOutAt!.getTime()) - Math.max(v.checkedInAt.getTime(), r.checkedInAt.getTime());
          if (r.venueIndex === v.venueIndex && overlap >= o.params.minOverlapMinutes * 60_000) expected.add(r.personIndex);
        }
      }
      const h = o.population.household[f.personIndex];
      for (let m = o.population.householdStart[h]; m < o.population.householdStart[h + 1]; m++) {
        if (m !== f.personIndex && o.population.active[m] && o.isolatedFrom[m] > f.infectiousFrom) expected.add(m);
      }
      expect(new Set(f.exposures!.person)).toEqual(expected);
      for (const k of o.infections.filter((x) => x.infectorInfection === o.infections.indexOf(f))) expect(expected.has(k.personIndex)).toBe(true);
    }
  });

  it('follows the configured serial interval (onset to onset of symptomatic pairs)', () => {
    const o = run(60_000, { days: 30, indexCases: 20, groundTruth: false, serialInterval: { mean: 5, sd: 2.5 } });
    const si = summarize(o).serialInterval;
    expect(si.pairs).toBeGreaterThan(800);
    expect(Math.abs(si.mean - 5)).toBeLessThan(0.3);
    expect(Math.abs(si.sd - 2.5)).toBeLessThan(0.4);
  });

  it('records the configured share of visits as check-ins, and streams exactly those', () => {
    const o = run(20_000, { days: 7, checkinCompliance: 0.7, groundTruth: false });
    expect(o.visits.recorded / o.visits.total).toBeCloseTo(0.7, 2);
    let rows = 0;
    let checkedOut = 0;
    let last = -Infinity;
    let ordered = true;
    for (const b of o.checkins()) {
      rows += b.length;
      for (let k = 0; k < b.length; k++) {
        if (b.checkedOut[k] >= 0) checkedOut++;
        const minute = b.dayStart + Math.floor(b.checkedIn[k] / 60) * 60_000;
        if (minute < last) ordered = false;
        last = minute;
      }
    }
    expect(rows).toBe(o.visits.recorded);
    expect(checkedOut / rows).toBeCloseTo(o.routine.checkoutShare, 2);
    expect(ordered).toBe(true);
  });
});
