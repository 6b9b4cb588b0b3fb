// The checks and decisions a declaration takes from the disease profile in force: which codes
// exist, how far back places count, and why it needs a health officer's call.
import type { ProfileRules } from '../../shared/profiles/rules.js';
import type { DeclarationData, TriageReasonDetail } from '../../shared/api/declarations.js';
import { invalid } from '../http/errors.js';
import type { UnitCodes } from './units.js';
import type { PlaceToCheck } from './outbreak.js';

/** yyyy-mm-dd plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Refuses, naming the field, codes the profile does not have and places visited before the look-back window. */
export function checkAgainstProfile(d: DeclarationData, rules: ProfileRules, today: string): void {
  const { lookbackDays, symptoms, exposureQuestions } = rules.declaration;
  const symptomCodes = new Set(symptoms.map((s) => s.code));
  d.answers.symptoms.forEach((code, i) => {
    if (!symptomCodes.has(code)) throw invalid(`answers.symptoms[${i}]`, 'declarations.errors.symptom_unknown', { code });
  });
  const exposureCodes = new Set(exposureQuestions.map((q) => q.code));
  d.answers.exposures.forEach((e, i) => {
    if (!exposureCodes.has(e.code)) throw invalid(`answers.exposures[${i}].code`, 'declarations.errors.exposure_unknown', { code: e.code });
  });
  const earliest = addDays(today, -lookbackDays);
  d.answers.placesVisited.forEach((p, i) => {
    if (p.date < earliest) throw invalid(`answers.placesVisited[${i}].date`, 'declarations.errors.outside_lookback', { days: lookbackDays });
  });
  const product = d.answers.vaccination.product;
  if (product && !rules.vaccination.products.some((p) => p.id === product)) {
    throw invalid('answers.vaccination.product', 'declarations.errors.vaccine_unknown', { code: product });
  }
}

/** Every unit id the declaration names (places visited, travel from and to), with the field that names it. */
export function unitRefs(d: DeclarationData): { field: string; unitId: number }[] {
  const refs = d.answers.placesVisited.flatMap((p, i) => (p.unitId === null ? [] : [{ field: `answers.placesVisited[${i}].unitId`, unitId: p.unitId }]));
  if (d.travel?.fromUnitId) refs.push({ field: 'travel.fromUnitId', unitId: d.travel.fromUnitId });
  if (d.travel?.toUnitId) refs.push({ field: 'travel.toUnitId', unitId: d.travel.toUnitId });
  return refs;
}

/** Where the person has been, for the outbreak check: places visited, where a trip started, the country an arrival came from. */
export function placesToCheck(d: DeclarationData, units: Map<number, UnitCodes>, today: string): PlaceToCheck[] {
  const places: PlaceToCheck[] = d.answers.placesVisited.map((p) => ({
    lineage: p.unitId === null ? null : units.get(p.unitId)!.lineage,
    country: p.country,
    date: p.date,
  }));
  if (d.travel?.fromUnitId) places.push({ lineage: units.get(d.travel.fromUnitId)!.lineage, country: null, date: d.travel.departureDate ?? today });
  if (d.arrival?.countryFrom) places.push({ lineage: null, country: d.arrival.countryFrom, date: d.arrival.arrivalDate ?? today });
  return places;
}

export function triageReasons(d: DeclarationData, areas: { id: number; label: string }[]): TriageReasonDetail[] {
  const reasons: TriageReasonDetail[] = [];
  if (d.answers.symptoms.length) reasons.push({ reason: 'symptoms', codes: d.answers.symptoms });
  if (d.answers.exposures.length) reasons.push({ reason: 'exposure', codes: d.answers.exposures.map((e) => e.code) });
  if (areas.length) reasons.push({ reason: 'outbreak_area', areas });
  return reasons;
}
