// What a stay costs the budget, from the disease profile: the per-day support item for F0 and F1
// (code f0_f1_daily, e.g. 80,000 VND a day under Resolution 68/NQ-CP) times the days of the stay,
// paid for at most the item's maxDays for the stay's risk (45 days treated, 21 quarantined).
// Pure; the costs service applies it in SQL to many stays at once.
import type { ProfileRules } from '../../shared/profiles/rules.js';

/** The support item the daily amount of a stay comes from. */
export const DAILY_SUPPORT_CODE = 'f0_f1_daily';
/** Risks the daily support is paid for: cases treated (F0) and close contacts quarantined (F1). */
export const SUPPORTED_RISKS = ['f0', 'f1'] as const;

const dailyItem = (rules: ProfileRules) => rules.support.items.find((i) => i.code === DAILY_SUPPORT_CODE && i.per === 'per_day');
const supported = (risk: string): risk is (typeof SUPPORTED_RISKS)[number] => (SUPPORTED_RISKS as readonly string[]).includes(risk);

/** The profile's daily amount for a stay of this risk; 0 when the profile has no per-day item for it. */
export function dailyAmount(rules: ProfileRules, risk: string): number {
  return supported(risk) ? (dailyItem(rules)?.amountVnd ?? 0) : 0;
}

/** The most days paid for one stay of this risk; null: no cap. */
export function maxPaidDays(rules: ProfileRules, risk: string): number | null {
  return supported(risk) ? (dailyItem(rules)?.maxDays?.[risk] ?? null) : null;
}

/** The days of a stay that are paid for. */
export const paidDays = (days: number, cap: number | null) => (cap === null ? days : Math.min(days, cap));

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * Days of a stay: each day begun in it counts, the admission day included. A stay still active
 * counts through today; a finished one counts to its discharge day, which is not a day of the
 * stay (14 days of quarantine from 01/09 end on 15/09: 14 days), and at least one.
 */
export function stayDays(admissionDay: string, endDay: string | null, today: string): number {
  if (endDay === null) return Math.max(1, dayNumber(today) - dayNumber(admissionDay) + 1);
  return Math.max(1, dayNumber(endDay) - dayNumber(admissionDay));
}
