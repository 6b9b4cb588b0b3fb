// The rules a case or a contact is judged by: the disease profile in force on the day, and the
// infectious window it gives a case.
import type { DbOrTx } from '../db/handle.js';
import { profileInForce, type Profile } from '../profiles/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';

export const DISEASE = 'covid-19';

export async function rulesOn(db: DbOrTx, on: string = todayInVietnam()): Promise<Profile> {
  return profileInForce(db, DISEASE, on);
}

const DAY_MS = 86_400_000;
function minusDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

export interface WindowFacts {
  symptomOnset: string | null;
  positiveSampleDate: string | null;
  /** the negative test that ended the infection (recovered), when the profile ends the window there */
  negativeTestDate?: string | null;
}

/**
 * From (onset − infectiousDaysBeforeOnset), or for an asymptomatic case (positive sample −
 * infectiousDaysBeforePositiveSample); until the negative test, else still open.
 */
export function infectiousWindow(rules: Profile['rules'], f: WindowFacts): { from: string | null; until: string | null } {
  const c = rules.contacts;
  const from = f.symptomOnset
    ? minusDays(f.symptomOnset, c.infectiousDaysBeforeOnset)
    : f.positiveSampleDate
      ? minusDays(f.positiveSampleDate, c.infectiousDaysBeforePositiveSample)
      : null;
  const until = c.infectiousUntil === 'negative_test' ? (f.negativeTestDate ?? null) : null;
  return { from, until };
}
