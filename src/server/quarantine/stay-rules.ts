// What the disease profile says about a stay: the quarantine rule of the person's category (and
// vaccination, when known) in force on the admission day, or the treatment release rule, giving
// the planned days, the test days and the self-monitoring days after. Never constants.
import { AppError } from '../http/errors.js';
import type { ProfileRules, QUARANTINE_PLACES } from '../../shared/profiles/rules.js';
import type { StayCategory } from '../../shared/api/quarantine.js';

export const TREATMENT_RULE = 'treatment.release';

export interface StayPlan {
  ruleId: string;
  days: number;
  /** Day numbers (day 1 = admission day) with a test due. */
  testDays: number[];
  monitoringDays: number;
  /** Where the rule lets the stay be (quarantine rules; the first is the default). */
  places?: readonly (typeof QUARANTINE_PLACES)[number][];
}

type Rule = ProfileRules['quarantine']['rules'][number];
type KnownVaccination = Exclude<Rule['vaccination'], 'any'>;

/** The rule vaccinations a known status falls under; an unknown recovery counts as not recovered. */
const FITS: Record<KnownVaccination, Rule['vaccination'][]> = {
  fully_vaccinated: ['fully_vaccinated', 'fully_vaccinated_or_recovered'],
  fully_vaccinated_or_recovered: ['fully_vaccinated_or_recovered'],
  not_fully_vaccinated: ['not_fully_vaccinated', 'neither_vaccinated_nor_recovered'],
  neither_vaccinated_nor_recovered: ['neither_vaccinated_nor_recovered', 'not_fully_vaccinated'],
};

const DAY_MS = 86_400_000;
export const addDays = (isoDate: string, days: number): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** Day of the stay on a date: the admission day is day 1. */
export const dayNumberOn = (admissionDay: string, on: string): number => daysBetween(admissionDay, on) + 1;
/** Last day of a stay of `days` days. */
export const lastDay = (admissionDay: string, days: number): string => addDays(admissionDay, days - 1);

/**
 * The quarantine rule for a category on a day. With the vaccination unknown, or several rules
 * fitting, the longest applies: a shorter quarantine needs the proof it is owed.
 */
export function quarantinePlan(rules: ProfileRules, category: Exclude<StayCategory, 'case'>, vaccination: KnownVaccination | null, day: string): StayPlan {
  const inForce = rules.quarantine.rules.filter((r) => r.category === category && (r.from === null || r.from <= day) && (r.until === null || day < r.until));
  const fitting = inForce.filter((r) => r.vaccination === 'any' || vaccination === null || FITS[vaccination].includes(r.vaccination));
  const rule = fitting.sort((a, b) => b.days - a.days)[0];
  if (!rule) throw new AppError('validation', 'quarantine.errors.no_rule', { category, day }, 'category');
  if (rule.days === 0 || rule.places.includes('none')) throw new AppError('validation', 'quarantine.errors.no_quarantine_rule', { rule: rule.id }, 'category');
  return { ruleId: rule.id, days: rule.days, testDays: rule.testDays.filter((d) => d <= rule.days), monitoringDays: rule.monitoringDays, places: rule.places };
}

/** A treatment stay: released after the profile's days, with its release test on the last day. */
export function treatmentPlan(rules: ProfileRules): StayPlan {
  const r = rules.treatment.release;
  return { ruleId: TREATMENT_RULE, days: r.days, testDays: r.test === 'none' ? [] : [r.days], monitoringDays: 0 };
}

/** The plan a stay was admitted under, read back from its profile (for extension and discharge). */
export function planOfStay(rules: ProfileRules, stay: { ruleId: string; admissionDay: string; plannedUntil: string }): StayPlan {
  if (stay.ruleId === TREATMENT_RULE) return treatmentPlan(rules);
  const rule = rules.quarantine.rules.find((r) => r.id === stay.ruleId);
  if (rule) return { ruleId: rule.id, days: rule.days, testDays: rule.testDays, monitoringDays: rule.monitoringDays };
  // The rule left the profile: keep the period the stay was given, without new tests.
  return { ruleId: stay.ruleId, days: dayNumberOn(stay.admissionDay, stay.plannedUntil), testDays: [], monitoringDays: 0 };
}
