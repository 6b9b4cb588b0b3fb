// How many days until a facility (or a unit's facilities) is full, from the last days' trend:
// admissions follow the least-squares line through the recent daily counts (so a rising wave is
// projected rising, not flat), discharges go on at their recent daily mean, and the free places
// fill by the difference day after day. Pure, so the rule can be read and tested on its own.

export interface Trend {
  capacity: number;
  occupied: number;
  /** Admissions per day, oldest first (the last 7 Vietnam days in the capacity view). */
  admissions: readonly number[];
  /** Discharges and transfers out per day over the same days. */
  discharges: readonly number[];
}

/** Intercept and slope of the least-squares line through (i, y[i]). */
export function linearTrend(y: readonly number[]): { intercept: number; slope: number } {
  const n = y.length;
  if (n === 0) return { intercept: 0, slope: 0 };
  if (n === 1) return { intercept: y[0], slope: 0 };
  const meanX = (n - 1) / 2;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  y.forEach((v, i) => {
    sxy += (i - meanX) * (v - meanY);
    sxx += (i - meanX) ** 2;
  });
  const slope = sxy / sxx;
  return { intercept: meanY - slope * meanX, slope };
}

/**
 * The first day (1 = tomorrow) at whose end the projected occupancy reaches the capacity; 0 when
 * already full; null when it does not within `horizonDays` (no growth, or too slow to matter).
 */
export function daysUntilFull(t: Trend, horizonDays = 90): number | null {
  const free = t.capacity - t.occupied;
  if (free <= 0) return t.capacity > 0 || t.occupied > 0 ? 0 : null;
  const { intercept, slope } = linearTrend(t.admissions);
  const outflow = t.discharges.length ? t.discharges.reduce((a, b) => a + b, 0) / t.discharges.length : 0;
  const last = t.admissions.length - 1;
  let filled = 0;
  for (let day = 1; day <= horizonDays; day++) {
    const admitted = Math.max(0, intercept + slope * (last + day));
    // Occupancy never drops below empty: discharges only free places that are taken.
    filled = Math.max(filled + admitted - outflow, -t.occupied);
    if (filled >= free - 1e-9) return day;
  }
  return null;
}
