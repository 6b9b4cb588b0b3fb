// Tracing quality: the F1s proposed for each sampled F0 against the simulation's ground truth,
// everyone truly exposed during the F0's infectious window (at home, or at a venue with an
// overlap of at least the minimum), whether or not check-ins recorded it.
//
// Candidates are compared as humans: the population keeps some people registered twice (a near
// duplicate row just after the first), who live one routine; a proposal of either row is that
// human. "Recordable" venue exposures are those where both people's visits were recorded as
// check-ins, the most check-in tracing can see.
import type { Outbreak } from '../../src/server/demo/outbreak/simulate.js';
import { dayStartMs } from '../../src/server/demo/outbreak/time.js';
import type { ProposedSet } from './latency.js';
import type { Picked } from './sample.js';

const VENUE = 1;
const HOUSEHOLD = 2;

export interface Ratio {
  hits: number;
  of: number;
  value: number | null;
}
const ratio = (hits: number, of: number): Ratio => ({ hits, of, value: of ? Math.round((hits / of) * 10000) / 10000 : null });

export interface QualityResult {
  f0s: number;
  symptomatic: number;
  venue: {
    precision: Ratio;
    recall: Ratio;
    recallRecordable: Ratio;
    recallRecordableSymptomatic: Ratio;
    recallRecordableAsymptomatic: Ratio;
    /** Truly exposed at a venue, not proposed: why. */
    missed: { notRecorded: number; firstBeforeWindow: number; notVisibleFromRecordedTimes: number };
    /** Proposed at a venue, not truly exposed: why. */
    falsePositives: { outsideTrueWindow: number; assumedStay: number; other: number };
  };
  household: {
    precision: Ratio;
    recall: Ratio;
    missed: number;
    falsePositives: { sameHumanAsF0: number; notExposedAtHome: number };
  };
  overall: { precision: Ratio; recall: Ratio; recallRecordable: Ratio };
  /** Per F0, mean of the F0's own ratios (F0s with none to count are left out). */
  perF0Mean: { venueRecallRecordable: number | null; venuePrecision: number | null };
  /** Second registrations (same human) among the proposed candidates. */
  duplicateRegistrations: number;
}

export function measureQuality(outbreak: Outbreak, personIds: Float64Array, picked: readonly Picked[], proposed: readonly ProposedSet[]): QualityResult {
  const lo = personIds[0];
  const active = outbreak.population.active;
  const day0 = dayStartMs(outbreak.startDate, 0);
  const human = (personId: number): number => {
    let i = personId - lo;
    while (i > 0 && !active[i]) i--;
    return i;
  };
  const c = {
    vProposed: 0, vTp: 0, vTruth: 0, vFound: 0, vRec: 0, vRecFound: 0, vRecSym: 0, vRecSymFound: 0, vRecAsym: 0, vRecAsymFound: 0,
    missNotRecorded: 0, missBefore: 0, missOther: 0, fpOutside: 0, fpAssumed: 0, fpOther: 0,
    hProposed: 0, hTp: 0, hTruth: 0, hFound: 0, hFpSelf: 0, hFpOther: 0,
    aProposed: 0, aTp: 0, aTruth: 0, aFound: 0, aRec: 0, aRecFound: 0, duplicates: 0, symptomatic: 0,
  };
  const perVenueRecall: number[] = [];
  const perVenuePrecision: number[] = [];
  const byPerson = new Map(proposed.map((p) => [p.personId, p]));
  for (const { infection: f } of picked) {
    const set = byPerson.get(f.personId);
    const ex = f.exposures;
    if (!set || !ex) continue;
    if (f.symptomatic) c.symptomatic++;
    const self = f.personIndex;
    const windowStart = (dayStartMs(set.infectiousFrom, 0) - day0) / 1000;
    const trueFrom = f.infectiousFrom * 86_400;
    const trueTo = (Math.min(f.infectiousTo, outbreak.days - 1) + 1) * 86_400;
    // Proposed humans: settings seen, and whether any venue overlap lay in the true window / rested on recorded times only.
    const got = new Map<number, { settings: number; inWindow: boolean; recordedTimes: boolean }>();
    for (let k = 0; k < set.candidate.length; k++) {
      const idx = set.candidate[k] - lo;
      const h = human(set.candidate[k]);
      if (idx !== h) c.duplicates++;
      const g = got.get(h) ?? { settings: 0, inWindow: false, recordedTimes: false };
      g.settings |= set.setting[k] === HOUSEHOLD ? HOUSEHOLD : set.setting[k] === VENUE ? VENUE : 0;
      if (set.setting[k] === VENUE) {
        const at = (set.overlapStart[k] - day0) / 1000;
        if (at >= trueFrom && at < trueTo) g.inWindow = true;
        if (!set.assumedStay[k]) g.recordedTimes = true;
      }
      got.set(h, g);
    }
    const truth = new Map<number, number>();
    for (let k = 0; k < ex.size; k++) truth.set(ex.person[k], k);

    let fVRec = 0;
    let fVRecFound = 0;
    let fVProposed = 0;
    let fVTp = 0;
    for (const [h, g] of got) {
      const k = truth.get(h);
      const isTrue = k !== undefined;
      c.aProposed++;
      if (isTrue) c.aTp++;
      if (g.settings & VENUE) {
        c.vProposed++;
        fVProposed++;
        if (isTrue) {
          c.vTp++;
          fVTp++;
        } else if (!g.inWindow) c.fpOutside++;
        else if (!g.recordedTimes) c.fpAssumed++;
        else c.fpOther++;
      }
      if (g.settings & HOUSEHOLD) {
        c.hProposed++;
        if (isTrue) c.hTp++;
        else if (h === self) c.hFpSelf++;
        else c.hFpOther++;
      }
    }
    for (let k = 0; k < ex.size; k++) {
      const found = got.has(ex.person[k]);
      const atVenue = ex.venue[k] >= 0;
      const recordable = ex.household[k] === 1 || ex.checkedIn[k] === 1;
      c.aTruth++;
      if (found) c.aFound++;
      if (recordable) {
        c.aRec++;
        if (found) c.aRecFound++;
      }
      if (ex.household[k]) {
        c.hTruth++;
        if (found) c.hFound++;
      }
      if (atVenue) {
        c.vTruth++;
        if (found) c.vFound++;
        if (ex.checkedIn[k]) {
          c.vRec++;
          fVRec++;
          if (f.symptomatic) c.vRecSym++;
          else c.vRecAsym++;
          if (found) {
            c.vRecFound++;
            fVRecFound++;
            if (f.symptomatic) c.vRecSymFound++;
            else c.vRecAsymFound++;
          }
        }
        if (!found && !ex.household[k]) {
          if (!ex.checkedIn[k]) c.missNotRecorded++;
          else if (ex.firstAt[k] < windowStart) c.missBefore++;
          else c.missOther++;
        }
      }
    }
    if (fVRec) perVenueRecall.push(fVRecFound / fVRec);
    if (fVProposed) perVenuePrecision.push(fVTp / fVProposed);
  }
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10000) / 10000 : null);
  return {
    f0s: proposed.length,
    symptomatic: c.symptomatic,
    venue: {
      precision: ratio(c.vTp, c.vProposed),
      recall: ratio(c.vFound, c.vTruth),
      recallRecordable: ratio(c.vRecFound, c.vRec),
      recallRecordableSymptomatic: ratio(c.vRecSymFound, c.vRecSym),
      recallRecordableAsymptomatic: ratio(c.vRecAsymFound, c.vRecAsym),
      missed: { notRecorded: c.missNotRecorded, firstBeforeWindow: c.missBefore, notVisibleFromRecordedTimes: c.missOther },
      falsePositives: { outsideTrueWindow: c.fpOutside, assumedStay: c.fpAssumed, other: c.fpOther },
    },
    household: {
      precision: ratio(c.hTp, c.hProposed),
      recall: ratio(c.hFound, c.hTruth),
      missed: c.hTruth - c.hFound,
      falsePositives: { sameHumanAsF0: c.hFpSelf, notExposedAtHome: c.hFpOther },
    },
    overall: { precision: ratio(c.aTp, c.aProposed), recall: ratio(c.aFound, c.aTruth), recallRecordable: ratio(c.aRecFound, c.aRec) },
    perF0Mean: { venueRecallRecordable: mean(perVenueRecall), venuePrecision: mean(perVenuePrecision) },
    duplicateRegistrations: c.duplicates,
  };
}
