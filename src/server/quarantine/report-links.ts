// The self-report link of a home stay: a random token in a link handed to the person (by SMS, or
// as a QR on paper), of which only the SHA-256 is kept, so neither a leaked database nor a guess
// opens anyone's report page. A new link replaces the old one. The public routes answer a bad,
// replaced or finished link with the same 404, and are rate-limited per address.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { getProfile } from '../profiles/service.js';
import { parseInput } from '../people/validate.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { publicReportBody, publicReportFormBody, type PublicReportBody } from '../../shared/api/quarantine-monitoring.js';
import type { z } from 'zod';
import { homeReportsTokens, stays } from './schema.js';
import { E, requireActive, watchedStay, type WatchedStay } from './monitoring-access.js';
import { birthOf, checkSymptoms, missingMeasures, storeHealthCheck } from './health-checks.js';
import { requiredMeasures, symptomChoices } from './warning-signs.js';

const tokenHash = (token: string) => createHash('sha256').update(token.trim()).digest('hex');
/** More reports than this in a day from one link is not a person reporting their health. */
export const MAX_SELF_REPORTS_PER_DAY = 24;

export async function createReportLink(db: Db, actor: Actor, stayId: number, now = new Date()): Promise<{ stayId: number; token: string; createdAt: string }> {
  const w = await watchedStay(db, actor, stayId);
  requireActive(w.stay);
  if (w.stay.place !== 'home') throw new AppError('conflict', E('not_home_stay'));
  const token = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx
      .insert(homeReportsTokens)
      .values({ stayId, tokenHash: tokenHash(token), createdAt: now })
      .onConflictDoUpdate({ target: homeReportsTokens.stayId, set: { tokenHash: tokenHash(token), createdAt: now } });
    await audit.record(tx, actor, { action: 'update', entity: 'home_report_link', entityId: stayId, personId: w.stay.personId });
  });
  return { stayId, token, createdAt: now.toISOString() };
}

/** The live home stay a link belongs to; anything else is the same "link not valid". */
async function stayOfToken(db: DbOrTx, token: string): Promise<WatchedStay & { rules: ProfileRules }> {
  const [row] = await db
    .select({ stay: stays })
    .from(homeReportsTokens)
    .innerJoin(stays, eq(stays.id, homeReportsTokens.stayId))
    .where(and(eq(homeReportsTokens.tokenHash, tokenHash(token)), eq(stays.status, 'active'), eq(stays.place, 'home')));
  if (!row) throw new AppError('not_found', E('report_link_invalid'));
  return { stay: row.stay, facility: null, rules: (await getProfile(db, row.stay.profileId)).rules };
}

async function reportsOn(db: DbOrTx, stayId: number, day: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from health_checks where stay_id = ${stayId} and (at at time zone 'Asia/Ho_Chi_Minh')::date = ${day}::date`,
  );
  return n;
}

const givenName = (fullName: string) => fullName.trim().split(/\s+/).pop() ?? '';
const dayNumber = (admissionDay: string, day: string) => Math.round((Date.parse(day) - Date.parse(admissionDay)) / 86_400_000) + 1;

/** What the self-report page asks; it names the person by the given name only. */
export async function publicReportForm(db: Db, raw: z.input<typeof publicReportFormBody>, now = new Date()) {
  const { token } = parseInput(publicReportFormBody, raw);
  const w = await stayOfToken(db, token);
  const person = await birthOf(db, w.stay);
  const day = todayInVietnam(now);
  return {
    givenName: givenName(person.fullName),
    dayNumber: dayNumber(w.stay.admissionDay, day),
    measures: requiredMeasures(w.rules, w.stay),
    required: ['temperature' as const],
    symptoms: symptomChoices(w.rules),
    timesPerDay: w.rules.treatment.monitoring.timesPerDay,
    reportsToday: await reportsOn(db, w.stay.id, day),
  };
}

/**
 * A report by the person (or someone at home for them). Only the temperature is required: not
 * every household has an oximeter or a blood-pressure cuff; what is measured is judged.
 */
export async function submitPublicReport(db: Db, raw: PublicReportBody, ctx: { ip: string }, now = new Date()) {
  const { token, symptoms, ...vitals } = parseInput(publicReportBody, raw);
  const w = await stayOfToken(db, token);
  if (missingMeasures(['temperature'], vitals).length) throw invalid('temperature', E('measure_required'));
  checkSymptoms(w.rules, symptoms);
  const day = todayInVietnam(now);
  if ((await reportsOn(db, w.stay.id, day)) >= MAX_SELF_REPORTS_PER_DAY) throw new AppError('conflict', E('too_many_reports'));
  const person = await birthOf(db, w.stay);
  const stored = await db.transaction(async (tx) => {
    const s = await storeHealthCheck(tx, w, w.rules, person, vitals, symptoms, { at: now, accountId: null, selfReport: true });
    await audit.record(tx, null, { action: 'create', entity: 'health_check', entityId: s.id, personId: w.stay.personId, details: { stayId: w.stay.id, selfReport: true, ip: ctx.ip } });
    return s;
  });
  return { at: now.toISOString(), reportsToday: await reportsOn(db, w.stay.id, day), warnings: stored.warnings.map((s) => s.code) };
}

/** When the stay's current link was made, or null. */
export async function reportLinkCreatedAt(db: DbOrTx, stayIds: number[]): Promise<Map<number, Date>> {
  if (stayIds.length === 0) return new Map();
  const rows = await queryRows<{ stay_id: number; created_at: Date | string }>(
    db,
    sql`select stay_id::int, created_at from home_reports_tokens where stay_id = any(${`{${stayIds.join(',')}}`}::bigint[])`,
  );
  return new Map(rows.map((r) => [r.stay_id, new Date(r.created_at)]));
}
