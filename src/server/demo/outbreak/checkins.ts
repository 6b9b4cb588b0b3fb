/**
 * The recorded check-ins of an outbreak, replayed day by day from the routines (the same visits
 * the epidemic ran on) in time order, in column batches: a province's 50 million never sit in
 * memory as objects.
 */
import { CHECKED_OUT, DayVisits, RECORDED } from './day-visits.js';
import type { Routine } from './routine.js';
import { dayStartMs, weekdayOf } from './time.js';

/** Check-ins of one day, in check-in order (to the minute). */
export interface CheckinBatch {
  day: number;
  /** Epoch milliseconds of the day's midnight in Vietnam; times below are seconds after it. */
  dayStart: number;
  length: number;
  person: Int32Array;
  venue: Int32Array;
  checkedIn: Int32Array;
  /** -1: the visitor did not check out. */
  checkedOut: Int32Array;
}

export interface CheckinRow {
  personIndex: number;
  venueIndex: number;
  checkedInAt: Date;
  checkedOutAt: Date | null;
}

export interface ReplaySource {
  routine: Routine;
  startDate: string;
  days: number;
  isolatedFrom: Int32Array;
  /** Visits a day, from the epidemic pass: the buffers start at that size. */
  visitsPerDay: readonly number[];
}

export function* replayCheckins(src: ReplaySource, batchSize = 50_000): Generator<CheckinBatch, void, undefined> {
  const visits = new DayVisits();
  const minuteStart = new Int32Array(1441);
  for (let d = 0; d < src.days; d++) {
    visits.reset(Math.ceil((src.visitsPerDay[d] ?? 0) * 1.05));
    src.routine.generateDay(d, weekdayOf(src.startDate, d), src.isolatedFrom, visits);
    // Counting sort of the recorded visits by their minute of check-in.
    minuteStart.fill(0);
    let recorded = 0;
    for (let i = 0; i < visits.length; i++) {
      if (visits.flags[i] & RECORDED) {
        minuteStart[Math.floor(visits.start[i] / 60) + 1]++;
        recorded++;
      }
    }
    for (let m = 1; m < minuteStart.length; m++) minuteStart[m] += minuteStart[m - 1];
    const order = new Int32Array(recorded);
    for (let i = 0; i < visits.length; i++) if (visits.flags[i] & RECORDED) order[minuteStart[Math.floor(visits.start[i] / 60)]++] = i;
    const dayStart = dayStartMs(src.startDate, d);
    for (let from = 0; from < recorded; from += batchSize) {
      const n = Math.min(batchSize, recorded - from);
      const batch: CheckinBatch = {
        day: d,
        dayStart,
        length: n,
        person: new Int32Array(n),
        venue: new Int32Array(n),
        checkedIn: new Int32Array(n),
        checkedOut: new Int32Array(n),
      };
      for (let k = 0; k < n; k++) {
        const i = order[from + k];
        batch.person[k] = visits.person[i];
        batch.venue[k] = visits.venue[i];
        batch.checkedIn[k] = visits.start[i];
        batch.checkedOut[k] = visits.flags[i] & CHECKED_OUT ? visits.end[i] : -1;
      }
      yield batch;
    }
  }
}

/** The rows of a batch as objects (for small outbreaks and tests). */
export function* batchRows(batch: CheckinBatch): Generator<CheckinRow> {
  for (let k = 0; k < batch.length; k++) {
    yield {
      personIndex: batch.person[k],
      venueIndex: batch.venue[k],
      checkedInAt: new Date(batch.dayStart + batch.checkedIn[k] * 1000),
      checkedOutAt: batch.checkedOut[k] < 0 ? null : new Date(batch.dayStart + batch.checkedOut[k] * 1000),
    };
  }
}
