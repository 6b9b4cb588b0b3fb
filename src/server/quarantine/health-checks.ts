// Daily health checks of a stay, recorded by staff (the facility's, or the community team for a
// person at home) or by the person through the self-report link. Each check is judged against
// the warning signs of the stay's profile; a sign alerts the facility (or, at home, the commune)
// through the outbox and proposes a transfer to the next treatment tier, all in the transaction
// that stores the check.
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { getProfile } from '../profiles/service.js';
import { summariesByIds } from '../people/service.js';
import { communeRecipient, enqueue } from '../cases/outbox.js';
import { parseInput } from '../people/validate.js';
import { translate, type Lang } from '../../shared/i18n/index.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import {
  healthCheckInput,
  type HealthCheckView,
  type HealthChecksResponse,
  type Measure,
  type Vitals,
  type WarningSign,
} from '../../shared/api/quarantine-monitoring.js';
import { healthChecks, stayEvents, type FacilityRow, type StayRow } from './schema.js';
import { ageOn, evaluateWarningSigns, nextTier, requiredMeasures, symptomChoices } from './warning-signs.js';
import { E, requireActive, watchedStay, type WatchedStay } from './monitoring-access.js';

/** Recipient of the messages meant for a facility's medical staff. */
export const facilityRecipient = (facilityId: number) => `facility:${facilityId}`;
export const WARNING_TEMPLATE = 'quarantineMonitoring.notify.warning_signs';
/** A check may be dated a little ahead of the server's clock (a phone's clock), not more. */
const CLOCK_SKEW_MS = 5 * 60_000;

const dayNumberOf = (admissionDay: string, day: string) => Math.round((Date.parse(day) - Date.parse(admissionDay)) / 86_400_000) + 1;

/** A sign in words, with the profile's name for a symptom. */
export function signText(lang: Lang, rules: ProfileRules, s: WarningSign): string {
  const name = s.code === 'symptom' ? (symptomChoices(rules).find((c) => c.code === s.value)?.name[lang] ?? String(s.value)) : '';
  return translate(lang, `quarantineMonitoring.sign.${s.code}`, { value: s.value, threshold: s.threshold ?? '', name });
}

export interface CheckMeta {
  at: Date;
  accountId: number | null;
  selfReport: boolean;
}

/** The check, its warning signs and what they set off; returns the check's id and the proposal it opened. */
export async function storeHealthCheck(
  tx: DbOrTx,
  w: WatchedStay,
  rules: ProfileRules,
  birth: { birthDate: string | null; birthYear: number },
  vitals: Vitals,
  symptoms: string[],
  meta: CheckMeta,
): Promise<{ id: number; warnings: WarningSign[]; proposalId: number | null }> {
  const { stay, facility } = w;
  const day = todayInVietnam(meta.at);
  const warnings = evaluateWarningSigns(rules.treatment.warningSigns, { ...vitals, symptoms }, ageOn(day, birth));
  const [check] = await tx
    .insert(healthChecks)
    .values({ stayId: stay.id, at: meta.at, reportedByAccount: meta.accountId, selfReport: meta.selfReport, ...vitals, symptoms: [...new Set(symptoms)], warnings })
    .returning({ id: healthChecks.id });
  if (warnings.length === 0) return { id: check.id, warnings, proposalId: null };

  const fromTier = facility?.tier ?? null;
  const toTier = nextTier(rules, fromTier ?? 0);
  // One open proposal per stay (unique partial index): a later sign adds to the alert, not to the proposals.
  const [proposal] =
    toTier === null
      ? []
      : await queryRows<{ id: number }>(
          tx,
          sql`insert into transfer_proposals (stay_id, health_check_id, from_tier, to_tier, reasons, created_at)
              values (${stay.id}, ${check.id}, ${fromTier}, ${toTier}, ${JSON.stringify(warnings)}::jsonb, ${meta.at.toISOString()}::timestamptz)
              on conflict (stay_id) where status = 'pending' do nothing returning id::int`,
        );
  await tx.insert(stayEvents).values([
    { stayId: stay.id, kind: 'warning_signs', at: meta.at, by: meta.accountId, params: { healthCheckId: check.id, signs: warnings.map((s) => s.code) } },
    ...(proposal ? [{ stayId: stay.id, kind: 'transfer_proposed' as const, at: meta.at, by: meta.accountId, params: { proposalId: proposal.id, fromTier, toTier } }] : []),
  ]);
  await enqueue(tx, [
    {
      channel: 'log',
      recipient: facility ? facilityRecipient(facility.id) : communeRecipient(stay.communeId),
      template: WARNING_TEMPLATE,
      params: {
        stayId: stay.id,
        personId: stay.personId,
        place: placeName(facility),
        dayNumber: dayNumberOf(stay.admissionDay, day),
        signs: warnings.map((s) => signText('vi', rules, s)).join('; '),
        proposal: proposal ? translate('vi', 'quarantineMonitoring.notify.proposal', { tier: toTier, id: proposal.id }) : '',
        selfReport: meta.selfReport ? translate('vi', 'quarantineMonitoring.notify.self_report') : '',
      },
    },
  ]);
  return { id: check.id, warnings, proposalId: proposal?.id ?? null };
}

const placeName = (facility: FacilityRow | null) => facility?.name ?? translate('vi', 'quarantineMonitoring.notify.at_home');

/** The measures missing from a check, in the order they are asked. */
export function missingMeasures(required: readonly Measure[], vitals: Vitals): Measure[] {
  return required.filter((m) => vitals[m] === null);
}

/** Unknown symptom codes are refused by their index, so a form can point at the box. */
export function checkSymptoms(rules: ProfileRules, symptoms: readonly string[]): void {
  const known = new Set(symptomChoices(rules).map((c) => c.code));
  const bad = symptoms.findIndex((s) => !known.has(s));
  if (bad >= 0) throw invalid(`symptoms[${bad}]`, E('symptom_unknown'));
}

export async function birthOf(db: DbOrTx, stay: StayRow) {
  const person = (await summariesByIds(db, [stay.personId])).get(stay.personId);
  if (!person) throw new AppError('not_found', E('stay_unknown'));
  return person;
}

/** A staff check: every measure the profile monitors for this stay must be there. */
export async function recordHealthCheck(db: Db, actor: Actor, stayId: number, raw: unknown, now = new Date()): Promise<HealthCheckView> {
  const w = await watchedStay(db, actor, stayId);
  requireActive(w.stay);
  const input = parseInput(healthCheckInput, raw);
  const rules = (await getProfile(db, w.stay.profileId)).rules;
  const { symptoms, at: atText, ...vitals } = input;
  const missing = missingMeasures(requiredMeasures(rules, w.stay), vitals);
  if (missing.length) throw invalid(missing[0], E('measure_required'));
  checkSymptoms(rules, symptoms);
  const at = atText ? new Date(atText) : now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('at', E('time_in_future'));
  if (at < w.stay.admittedAt) throw invalid('at', E('time_before_admission'));
  const person = await birthOf(db, w.stay);
  const id = await db.transaction(async (tx) => {
    const stored = await storeHealthCheck(tx, w, rules, person, vitals, symptoms, { at, accountId: actor.accountId, selfReport: false });
    await audit.record(tx, actor, { action: 'create', entity: 'health_check', entityId: stored.id, personId: w.stay.personId, details: { stayId, warnings: stored.warnings.map((s) => s.code) } });
    return stored.id;
  });
  const [view] = await checkViews(db, w.stay.id, id);
  return view;
}

async function checkViews(db: DbOrTx, stayId: number, onlyId?: number): Promise<HealthCheckView[]> {
  const rows = await queryRows<{
    id: number;
    at: Date | string;
    self_report: boolean;
    account_id: number | null;
    account_name: string | null;
    temperature: string | number | null;
    spo2: number | null;
    respiratory_rate: number | null;
    pulse: number | null;
    systolic: number | null;
    diastolic: number | null;
    symptoms: string[];
    warnings: WarningSign[];
    proposal_id: number | null;
  }>(
    db,
    sql`select h.id::int, h.at, h.self_report, a.id as account_id, a.display_name as account_name, h.temperature, h.spo2, h.respiratory_rate, h.pulse,
               h.systolic, h.diastolic, h.symptoms, h.warnings,
               (select p.id::int from transfer_proposals p where p.health_check_id = h.id order by p.id limit 1) as proposal_id
          from health_checks h left join accounts a on a.id = h.reported_by_account
         where h.stay_id = ${stayId} ${onlyId === undefined ? sql`` : sql`and h.id = ${onlyId}`}
         order by h.at desc, h.id desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    stayId,
    at: new Date(r.at).toISOString(),
    selfReport: r.self_report,
    reportedBy: r.account_id === null ? null : { id: r.account_id, name: r.account_name ?? '' },
    temperature: r.temperature === null ? null : Number(r.temperature),
    spo2: r.spo2,
    respiratoryRate: r.respiratory_rate,
    pulse: r.pulse,
    systolic: r.systolic,
    diastolic: r.diastolic,
    symptoms: r.symptoms,
    warnings: r.warnings,
    transferProposalId: r.proposal_id,
  }));
}

/** The checks of a stay, newest first, with what the next check must carry. Reading them is audited. */
export async function listHealthChecks(db: Db, actor: Actor, stayId: number): Promise<HealthChecksResponse> {
  const w = await watchedStay(db, actor, stayId);
  const rules = (await getProfile(db, w.stay.profileId)).rules;
  const person = await birthOf(db, w.stay);
  const rows = await checkViews(db, stayId);
  await audit.record(db, actor, { action: 'read', entity: 'health_checks', entityId: stayId, personId: w.stay.personId });
  return {
    stayId,
    person,
    required: requiredMeasures(rules, w.stay),
    symptoms: symptomChoices(rules),
    timesPerDay: rules.treatment.monitoring.timesPerDay,
    rows,
  };
}
