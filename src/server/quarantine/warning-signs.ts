// Warning signs of a health check, judged by the disease profile's treatment.warningSigns and
// nothing else: the thresholds change with the Ministry's guidance, so none is written here.
// Pure: the health-check service stores what this returns and raises the alert and the transfer
// proposal from it.
import type { ProfileRules } from '../../shared/profiles/rules.js';
import type { Measure, Vitals, WarningSign } from '../../shared/api/quarantine-monitoring.js';

type Signs = ProfileRules['treatment']['warningSigns'];

/** Whole years of age on a Vietnam day, from the birth date when known, else from the birth year. */
export function ageOn(day: string, birth: { birthDate: string | null; birthYear: number }): number {
  const [y, m, d] = day.split('-').map(Number);
  if (!birth.birthDate) return y - birth.birthYear;
  const [by, bm, bd] = birth.birthDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The profile's respiratory-rate band for an age (from inclusive, to exclusive), if any covers it. */
export function respiratoryBand(signs: Signs, ageYears: number) {
  return signs.respiratoryRate.find((b) => ageYears >= b.fromYears && (b.toYears === null || ageYears < b.toYears)) ?? null;
}

/**
 * The signs a check shows. A measure not taken shows nothing; a symptom counts when it is one of
 * the profile's warning symptoms (others, like a cough, are recorded but are not a warning).
 */
export function evaluateWarningSigns(signs: Signs, check: Vitals & { symptoms: readonly string[] }, ageYears: number): WarningSign[] {
  const out: WarningSign[] = [];
  const band = respiratoryBand(signs, ageYears);
  if (check.respiratoryRate != null && band && check.respiratoryRate >= band.minRate) {
    out.push({ code: 'respiratory_rate', value: check.respiratoryRate, threshold: band.minRate });
  }
  if (check.spo2 != null && check.spo2 < signs.spo2Below) out.push({ code: 'spo2_low', value: check.spo2, threshold: signs.spo2Below });
  if (check.pulse != null && check.pulse > signs.pulseAbove) out.push({ code: 'pulse_high', value: check.pulse, threshold: signs.pulseAbove });
  if (check.pulse != null && check.pulse < signs.pulseBelow) out.push({ code: 'pulse_low', value: check.pulse, threshold: signs.pulseBelow });
  if (check.systolic != null && check.systolic < signs.systolicBelow) out.push({ code: 'systolic_low', value: check.systolic, threshold: signs.systolicBelow });
  if (check.diastolic != null && check.diastolic < signs.diastolicBelow) out.push({ code: 'diastolic_low', value: check.diastolic, threshold: signs.diastolicBelow });
  const warning = new Set(signs.symptoms.map((s) => s.code));
  for (const code of new Set(check.symptoms)) if (warning.has(code)) out.push({ code: 'symptom', value: code, threshold: null });
  return out;
}

/** A stay monitored as a patient: a treatment stay, or an F0 wherever they stay. */
export const isPatient = (stay: { kind: string; risk: string | null }) => stay.kind === 'treatment' || stay.risk === 'f0';

/**
 * The measures a check of this stay must carry: temperature always; for a patient also the
 * profile's treatment.monitoring measures (blood pressure as systolic and diastolic).
 */
export function requiredMeasures(rules: ProfileRules, stay: { kind: string; risk: string | null }): Measure[] {
  const out = new Set<Measure>(['temperature']);
  if (isPatient(stay)) {
    for (const m of rules.treatment.monitoring.measures) {
      if (m === 'blood_pressure') {
        out.add('systolic');
        out.add('diastolic');
      } else if (m === 'respiratory_rate') out.add('respiratoryRate');
      else out.add(m);
    }
  }
  return [...out];
}

/** The symptoms a check may name: the declaration's symptoms and the warning symptoms, each once. */
export function symptomChoices(rules: ProfileRules): { code: string; name: { vi: string; en: string }; warning: boolean }[] {
  const warning = new Set(rules.treatment.warningSigns.symptoms.map((s) => s.code));
  const seen = new Set<string>();
  return [...rules.declaration.symptoms, ...rules.treatment.warningSigns.symptoms]
    .filter((s) => !seen.has(s.code) && seen.add(s.code))
    .map((s) => ({ code: s.code, name: s.name, warning: warning.has(s.code) }));
}

/** The next tier above `fromTier` in the profile's treatment tiers, or null at the top. */
export function nextTier(rules: ProfileRules, fromTier: number): number | null {
  const above = rules.treatment.tiers.map((t) => t.tier).filter((t) => t > fromTier);
  return above.length ? Math.min(...above) : null;
}
