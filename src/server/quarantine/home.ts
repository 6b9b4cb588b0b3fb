// Home quarantine and home treatment, as the commune and its community team follow it: who is at
// home, the household living at the same address, the sign on the house when the stay's rule asks
// for one, and whether today's self-reports have come in as often as the profile asks.
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { getProfile } from '../profiles/service.js';
import { summariesByIds } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { inUnit, type UnitScope } from './access.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { homeStaysQuery, houseSignBody, type HomeStayView, type HomeStaysQuery, type WarningSign } from '../../shared/api/quarantine-monitoring.js';
import { homeSigns } from './monitoring-schema.js';
import { E, requireActive, scopeFor, watchedStay } from './monitoring-access.js';
import { reportLinkCreatedAt } from './report-links.js';

const DAY_START = (day: string) => sql`(${day}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`;

/** The profiles of the given ids, loaded once each. */
export async function rulesByProfile(db: DbOrTx, ids: Iterable<number>): Promise<Map<number, ProfileRules>> {
  const out = new Map<number, ProfileRules>();
  for (const id of new Set(ids)) out.set(id, (await getProfile(db, id)).rules);
  return out;
}

/** Whether the stay's quarantine rule puts a sign on the house; a stay without such a rule (treatment) does not. */
export const signRequired = (rules: ProfileRules | undefined, ruleId: string) => rules?.quarantine.rules.find((r) => r.id === ruleId)?.signAtHome ?? false;

interface HomeRow {
  total: number;
  id: number;
  person_id: number;
  kind: HomeStayView['kind'];
  risk: HomeStayView['risk'];
  profile_id: number;
  rule_id: string;
  admission_day: string;
  planned_until: string;
  commune_id: number;
  address_line: string;
  reports_today: number;
  last_at: Date | string | null;
  last_warnings: WarningSign[] | null;
  posted_on: string | null;
  removed_on: string | null;
}

async function homeRows(db: DbOrTx, where: ReturnType<typeof sql>, today: string, expected: Map<number, number>, missingOnly: boolean, limit: number, offset: number) {
  const perDay = JSON.stringify(Object.fromEntries(expected));
  return queryRows<HomeRow>(
    db,
    sql`select count(*) over ()::int as total, s.id::int, s.person_id::int, s.kind, s.risk, s.profile_id, s.rule_id,
               to_char(s.admission_day, 'YYYY-MM-DD') as admission_day, to_char(s.planned_until, 'YYYY-MM-DD') as planned_until,
               s.commune_id, p.address_line, r.n as reports_today, l.at as last_at, l.warnings as last_warnings,
               to_char(g.posted_on, 'YYYY-MM-DD') as posted_on, to_char(g.removed_on, 'YYYY-MM-DD') as removed_on
          from stays s join people p on p.id = s.person_id
          cross join lateral (select count(*)::int as n from health_checks h
                               where h.stay_id = s.id and h.at >= ${DAY_START(today)} and h.at < ${DAY_START(today)} + interval '1 day') r
          left join lateral (select h.at, h.warnings from health_checks h where h.stay_id = s.id order by h.at desc, h.id desc limit 1) l on true
          left join home_signs g on g.stay_id = s.id
         where s.place = 'home' and ${where}
           ${missingOnly ? sql`and r.n < coalesce((${perDay}::jsonb ->> s.profile_id::text)::int, 1)` : sql``}
         order by r.n, s.admission_day, s.id limit ${limit} offset ${offset}`,
  );
}

/** The people registered at the same address of the same commune as each given person. */
async function households(db: DbOrTx, rows: HomeRow[]) {
  const byAddress = new Map<string, { id: number; fullName: string; birthYear: number; sex: string; atHomeStay: boolean }[]>();
  const withAddress = rows.filter((r) => r.address_line.trim() !== '');
  if (withAddress.length === 0) return byAddress;
  const members = await queryRows<{ id: number; full_name: string; birth_year: number; sex: string; commune_id: number; address_line: string; at_home: boolean }>(
    db,
    sql`select p.id::int, p.full_name, p.birth_year, p.sex, p.commune_id, p.address_line,
               exists (select 1 from stays s where s.person_id = p.id and s.status = 'active' and s.place = 'home') as at_home
          from people p
          join (select * from jsonb_to_recordset(${JSON.stringify(withAddress.map((r) => ({ c: r.commune_id, a: r.address_line })))}::jsonb) as x(c int, a text)) x
            on p.commune_id = x.c and p.address_line = x.a
         where p.merged_into is null order by p.birth_year, p.id`,
  );
  for (const m of members) {
    const key = `${m.commune_id}\n${m.address_line}`;
    const list = byAddress.get(key) ?? [];
    if (!list.some((x) => x.id === m.id)) list.push({ id: m.id, fullName: m.full_name, birthYear: m.birth_year, sex: m.sex, atHomeStay: m.at_home });
    byAddress.set(key, list);
  }
  return byAddress;
}

async function homeViews(db: DbOrTx, rows: HomeRow[], rules: Map<number, ProfileRules>, today: string): Promise<HomeStayView[]> {
  const [people, house, links] = await Promise.all([
    summariesByIds(db, rows.map((r) => r.person_id)),
    households(db, rows),
    reportLinkCreatedAt(db, rows.map((r) => r.id)),
  ]);
  return rows.map((r) => ({
    stayId: r.id,
    person: people.get(r.person_id)!,
    kind: r.kind,
    risk: r.risk,
    admissionDay: r.admission_day,
    plannedUntil: r.planned_until,
    dayNumber: Math.round((Date.parse(today) - Date.parse(r.admission_day)) / 86_400_000) + 1,
    household: r.address_line.trim() === '' ? [] : (house.get(`${r.commune_id}\n${r.address_line}`) ?? []).filter((m) => m.id !== r.person_id),
    sign: { required: signRequired(rules.get(r.profile_id), r.rule_id), postedOn: r.posted_on, removedOn: r.removed_on },
    reports: {
      expectedPerDay: rules.get(r.profile_id)?.treatment.monitoring.timesPerDay ?? 1,
      today: r.reports_today,
      lastAt: r.last_at === null ? null : new Date(r.last_at).toISOString(),
      lastWarnings: r.last_warnings ?? [],
    },
    reportLinkCreatedAt: links.get(r.id)?.toISOString() ?? null,
  }));
}

async function profilesOfHomeStays(db: DbOrTx, where: ReturnType<typeof sql>) {
  const ids = await queryRows<{ profile_id: number }>(db, sql`select distinct s.profile_id from stays s where s.place = 'home' and ${where}`);
  return rulesByProfile(db, ids.map((r) => r.profile_id));
}

/** Active home stays of the jurisdiction (or of one commune in it), those with the fewest reports today first. */
export async function listHomeStays(db: Db, actor: Actor, raw: HomeStaysQuery, now = new Date()): Promise<{ total: number; rows: HomeStayView[] }> {
  requirePermission(actor, 'quarantine.monitor');
  const q = parseInput(homeStaysQuery, raw);
  const scope: UnitScope = await scopeFor(db, actor, q.communeId, 'communeId');
  const where = sql`s.status = 'active' and ${inUnit(scope, 's')} ${q.kind ? sql`and s.kind = ${q.kind}` : sql``}`;
  const today = todayInVietnam(now);
  const rules = await profilesOfHomeStays(db, where);
  const expected = new Map([...rules].map(([id, r]) => [id, r.treatment.monitoring.timesPerDay]));
  const rows = await homeRows(db, where, today, expected, q.missingToday ?? false, q.limit, q.offset);
  const views = await homeViews(db, rows, rules, today);
  await audit.recordMany(db, actor, [
    { action: 'search', entity: 'home_stays', details: { ...q, total: rows[0]?.total ?? 0 } },
    ...views.map((v) => ({ action: 'read' as const, entity: 'home_stay', entityId: v.stayId, personId: v.person.id })),
  ]);
  return { total: rows[0]?.total ?? 0, rows: views };
}

/** One home stay (active or ended) as the list shows it. */
export async function homeStay(db: DbOrTx, stayId: number, now = new Date()): Promise<HomeStayView> {
  const where = sql`s.id = ${stayId}`;
  const today = todayInVietnam(now);
  const rules = await profilesOfHomeStays(db, where);
  const rows = await homeRows(db, where, today, new Map(), false, 1, 0);
  if (!rows.length) throw new AppError('not_found', E('stay_unknown'));
  return (await homeViews(db, rows, rules, today))[0];
}

/** Posts or removes the sign on the house, on a given day (not ahead of today, not before the stay). */
export async function setHouseSign(db: Db, actor: Actor, stayId: number, raw: unknown, now = new Date()): Promise<HomeStayView> {
  const w = await watchedStay(db, actor, stayId);
  if (w.stay.place !== 'home') throw new AppError('conflict', E('not_home_stay'));
  const body = parseInput(houseSignBody, raw);
  // A sign goes up during the stay; it may come down after the stay has ended.
  if (body.action === 'post') requireActive(w.stay);
  const rules = (await getProfile(db, w.stay.profileId)).rules;
  if (!signRequired(rules, w.stay.ruleId)) throw new AppError('conflict', E('sign_not_required'));
  if (body.on > todayInVietnam(now)) throw invalid('on', E('date_in_future'));
  if (body.on < w.stay.admissionDay) throw invalid('on', E('date_before_admission'));
  await db.transaction(async (tx) => {
    const [sign] = await tx.select().from(homeSigns).where(eq(homeSigns.stayId, stayId)).for('update');
    if (body.action === 'post') {
      await tx
        .insert(homeSigns)
        .values({ stayId, postedOn: body.on, postedBy: actor.accountId })
        .onConflictDoUpdate({ target: homeSigns.stayId, set: { postedOn: body.on, postedBy: actor.accountId, removedOn: null, removedBy: null } });
    } else {
      if (!sign) throw new AppError('conflict', E('sign_not_posted'));
      if (body.on < sign.postedOn) throw invalid('on', E('sign_removed_before_posted'));
      await tx.update(homeSigns).set({ removedOn: body.on, removedBy: actor.accountId }).where(eq(homeSigns.stayId, stayId));
    }
    await audit.record(tx, actor, { action: 'update', entity: 'home_sign', entityId: stayId, personId: w.stay.personId, details: body });
  });
  return homeStay(db, stayId, now);
}
