/** Days of the outbreak are Vietnam days (UTC+7, no daylight saving); day 0 is the start date. */
const OFFSET_MS = 7 * 3_600_000;

function parts(startDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate);
  if (!m) throw new RangeError(`startDate must be YYYY-MM-DD, not "${startDate}"`);
  return [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
}

/** Epoch milliseconds of day d's midnight in Vietnam. */
export function dayStartMs(startDate: string, d: number): number {
  const [y, m, day] = parts(startDate);
  return Date.UTC(y, m, day + d) - OFFSET_MS;
}

/** The calendar date (YYYY-MM-DD) of day d. */
export function dateOfDay(startDate: string, d: number): string {
  const [y, m, day] = parts(startDate);
  return new Date(Date.UTC(y, m, day + d)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(startDate: string, d: number): number {
  const [y, m, day] = parts(startDate);
  return new Date(Date.UTC(y, m, day + d)).getUTCDay();
}
