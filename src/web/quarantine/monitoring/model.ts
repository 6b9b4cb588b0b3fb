// What the monitoring screens work out without the server: the measures a check form shows, the
// check request from the form, a warning sign's words, the facilities a transfer may go to, how a
// home stay stands with today's reports and its house sign, the self-report link, and the filters
// read from the address.
import { isTreatmentKind, PROPOSAL_STATUSES, STAY_KINDS, type FacilitySummary } from '../../../shared/api/quarantine.js';
import type { ProfileRules } from '../../../shared/profiles/rules.js';
import { MEASURES, type HealthCheckInput, type HomeStayView, type Measure, type WarningSign } from '../../../shared/api/quarantine-monitoring.js';

export type SymptomChoice = { code: string; name: { vi: string; en: string }; warning: boolean };

/** The symptoms a check may name, as the server lists them: the declaration's, then the warning ones, each once. */
export function symptomChoicesOf(rules: Pick<ProfileRules, 'declaration' | 'treatment'>): SymptomChoice[] {
  const warning = new Set(rules.treatment.warningSigns.symptoms.map((s) => s.code));
  const seen = new Set<string>();
  return [...rules.declaration.symptoms, ...rules.treatment.warningSigns.symptoms]
    .filter((s) => !seen.has(s.code) && seen.add(s.code))
    .map((s) => ({ code: s.code, name: s.name, warning: warning.has(s.code) }));
}

/**
 * The measures a check form shows, in the order nurses take them: the required ones, or every
 * measure when staff choose to record more than the stay requires.
 */
export function shownMeasures(required: readonly Measure[], all: boolean): Measure[] {
  return MEASURES.filter((m) => all || required.includes(m));
}

export type CheckValues = Partial<Record<Measure, number | null>> & { symptoms?: string[]; at?: string | null };

/** The request for a staff check: measures not shown or left empty are sent as not taken. */
export function checkBody(values: CheckValues, shown: readonly Measure[]): HealthCheckInput {
  const body: HealthCheckInput = { symptoms: values.symptoms ?? [] };
  for (const m of MEASURES) body[m] = shown.includes(m) ? (values[m] ?? null) : null;
  if (values.at) body.at = values.at;
  return body;
}

/** Measures left empty among the required ones (the server refuses the first; the form marks them all). */
export function missingRequired(values: CheckValues, required: readonly Measure[]): Measure[] {
  return required.filter((m) => values[m] === undefined || values[m] === null);
}

/**
 * The values of a sign's message (quarantineMonitoring.sign.<code>): the measured value and the
 * threshold, or the symptom's name in the language shown.
 */
export function signParams(sign: WarningSign, symptoms: readonly SymptomChoice[], lang: 'vi' | 'en'): { value: string | number; threshold: string | number; name: string } {
  const name = sign.code === 'symptom' ? (symptoms.find((s) => s.code === sign.value)?.name[lang] ?? String(sign.value)) : '';
  return { value: sign.value, threshold: sign.threshold ?? '', name };
}

/** A symptom code's name, the code itself when the profile no longer lists it. */
export function symptomName(code: string, symptoms: readonly SymptomChoice[], lang: 'vi' | 'en'): string {
  return symptoms.find((s) => s.code === code)?.name[lang] ?? code;
}

/** Columns of a stay's check history: the measures it requires and any other a check recorded. */
export function historyMeasures(required: readonly Measure[], rows: readonly Partial<Record<Measure, number | null>>[]): Measure[] {
  return MEASURES.filter((m) => required.includes(m) || rows.some((r) => r[m] !== null && r[m] !== undefined));
}

/** The measure a sign was read from (blood pressure under systolic), to mark the value in a history. */
export function measureOfSign(code: WarningSign['code']): Measure | null {
  if (code === 'respiratory_rate') return 'respiratoryRate';
  if (code === 'spo2_low') return 'spo2';
  if (code === 'pulse_high' || code === 'pulse_low') return 'pulse';
  if (code === 'systolic_low' || code === 'diastolic_low') return 'systolic';
  return null;
}

/** "120/80": blood pressure as it is written, or '' when not measured. */
export function bloodPressure(systolic: number | null, diastolic: number | null): string {
  if (systolic === null && diastolic === null) return '';
  return `${systolic ?? '—'}/${diastolic ?? '—'}`;
}

// ---- transfer proposals -------------------------------------------------------------------------

/**
 * Facilities a proposal may be accepted into: treatment facilities, not closed, of the proposed
 * tier or higher; the proposed tier first, then the most free places.
 */
export function facilitiesForTier(facilities: readonly FacilitySummary[], toTier: number, exceptId: number | null = null): FacilitySummary[] {
  return facilities
    .filter((f) => isTreatmentKind(f.kind) && f.status !== 'closed' && f.tier !== null && f.tier >= toTier && f.id !== exceptId)
    .sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0) || b.free - a.free || a.name.localeCompare(b.name, 'vi'));
}

export interface ProposalsFilter {
  status?: (typeof PROPOSAL_STATUSES)[number];
  facilityId?: number;
  stayId?: number;
  limit: number;
  offset: number;
  page: number;
}

const PAGE = 50;
const positive = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The proposals list's query from the address: pending ones unless ?status=all or another status. */
export function proposalsQueryOf(params: URLSearchParams): ProposalsFilter {
  const raw = params.get('status');
  const status = raw === 'all' ? undefined : (PROPOSAL_STATUSES.find((s) => s === raw) ?? 'pending');
  const page = positive(params.get('page')) ?? 1;
  return { status, facilityId: positive(params.get('facilityId')), stayId: positive(params.get('stayId')), limit: PAGE, offset: (page - 1) * PAGE, page };
}

// ---- home stays -------------------------------------------------------------------------------

export interface HomeFilter {
  communeId?: number;
  kind?: (typeof STAY_KINDS)[number];
  missingToday?: boolean;
  limit: number;
  offset: number;
  page: number;
}

export function homeQueryOf(params: URLSearchParams): HomeFilter {
  const page = positive(params.get('page')) ?? 1;
  return {
    communeId: positive(params.get('communeId')),
    kind: STAY_KINDS.find((k) => k === params.get('kind')),
    missingToday: params.get('missingToday') === 'true' ? true : undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
    page,
  };
}

/** How today's reports stand: none yet, fewer than the profile asks, or all of them. */
export function reportState(r: HomeStayView['reports']): 'none' | 'partial' | 'done' {
  if (r.today >= r.expectedPerDay) return 'done';
  return r.today === 0 ? 'none' : 'partial';
}

/** The house sign: not asked by the stay's rule, to be posted, up, or taken down; and what staff can do next. */
export function signState(sign: HomeStayView['sign']): { state: 'not_required' | 'missing' | 'posted' | 'removed'; next: 'post' | 'remove' | null } {
  if (!sign.required) return { state: 'not_required', next: null };
  if (!sign.postedOn) return { state: 'missing', next: 'post' };
  if (!sign.removedOn) return { state: 'posted', next: 'remove' };
  // Taken down by mistake while the stay goes on: it can be posted again.
  return { state: 'removed', next: 'post' };
}

/** The address of the self-report page for a link's token. */
export const REPORT_PATH = '/p/tu-bao-suc-khoe';
export function reportLinkUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}${REPORT_PATH}?token=${encodeURIComponent(token)}`;
}
