// The one statement that finds and stores the candidate contacts of any number of subjects. It is
// set-based, so the follow-up of a thousand newly traced people is one statement, and a subject
// with two weeks of check-ins costs a handful of index range scans whatever the size of the
// check-in table:
// - the subjects' visits come from checkins (person_id, checked_in_at);
// - each visit's co-visitors from checkins_venue_time (venue_id, checked_in_at) INCLUDE
//   (checked_out_at, person_id), read index-only, looking back only as long as a short visit can
//   last; visits that began earlier and lasted hours (a shift) come from checkins_long_visits;
// - a visit shared with more people than the profile's crowdSize becomes one crowd row
//   (tracing_crowds), not thousands of proposals: a check-in shows who was in the market, not who
//   was within 2 m; a visit is read only until it shows a crowd;
// - household members from people (commune_id, address_line) (index people_household);
// - fellow travellers from domestic-travel declarations with the same vehicle and departure day
//   (index declarations_vehicle).
// - room-mates from quarantine and treatment stays in the same facility room at the same time,
//   over every room a stay was in (stay_rooms, index stay_rooms_room).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import type { ExposureSetting } from '../../shared/api/cases.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { mergedRecordsSql, recordsOfSql } from '../people/service.js';
import type { SubjectWindow, TracingRules } from './proposals-window.js';

/** The longest a visit can last: check-outs are accepted within a day of the check-in. */
export const MAX_VISIT_HOURS = 24;
/** Visits checked out more than this after checking in are in checkins_long_visits (migration 0010). */
export const LONG_VISIT_HOURS = 3;

export interface StoredProposal {
  id: number;
  subject_id: number;
  candidate_id: number;
  setting: ExposureSetting;
}

export interface StoredCrowd {
  id: number;
  subject_id: number;
  /** null when the visit was read only until it showed a crowd (counted when shown) */
  people: number | null;
}

export interface Stored {
  proposals: StoredProposal[];
  crowds: StoredCrowd[];
}

export interface StatementOptions {
  /** Only this visit of the (single) subject, every co-visitor proposed: expanding a crowd. */
  visitId?: number;
}

/** Vehicle numbers as citizens type them ("29B-123.45", "29b 12345") compared on letters and digits. */
const vehicleKey = (col: SQL) => sql`upper(regexp_replace(${col}, '[^A-Za-z0-9]', '', 'g'))`;

/**
 * Stores the proposals and crowds of the subjects over their windows and returns the new ones.
 * Skipped: candidates already exposed to the subject (either way), a contact subject's candidates
 * already traced at the level the subject would give them or nearer, pairs proposed before in
 * either direction for the same setting, and what was stored before (the unique indexes).
 */
export async function storeProposals(db: DbOrTx, windows: readonly SubjectWindow[], rules: TracingRules, options: StatementOptions = {}): Promise<Stored> {
  if (windows.length === 0) return { proposals: [], crowds: [] };
  // Compiling the statement takes longer than running it for a few subjects (PGlite has no JIT and ignores this).
  await db.execute(sql`select set_config('jit', 'off', true)`);
  const rows = await queryRows<{ kind: 'p' | 'c'; id: number; subject_id: number; candidate_id: number | null; setting: ExposureSetting | null; people: number | null }>(
    db,
    proposalsStatement(windows, rules, options),
  );
  const out: Stored = { proposals: [], crowds: [] };
  for (const r of rows) {
    if (r.kind === 'c') out.crowds.push({ id: r.id, subject_id: r.subject_id, people: r.people });
    else out.proposals.push({ id: r.id, subject_id: r.subject_id, candidate_id: r.candidate_id!, setting: r.setting! });
  }
  return out;
}

const arrayOf = (values: readonly (string | number)[], type: 'int8' | 'int4' | 'timestamptz' | 'text') =>
  sql`${`{${values.map((v) => (type === 'timestamptz' || type === 'text' ? `"${v}"` : String(v))).join(',')}}`}::${sql.raw(type)}[]`;

/** How long a visit without a check-out is taken to last. */
const stayOf = (t: TracingRules['tracing']) => sql`make_interval(mins => ${t.assumedStayMinutes}::int)`;
const untilOf = (o: string, t: TracingRules['tracing']) => sql`coalesce(${sql.raw(o)}.checked_out_at, ${sql.raw(o)}.checked_in_at + ${stayOf(t)})`;

/** A visit: its venue and the stretch of it that counts (clipped to the subject's window). */
export interface VisitSql {
  venueId: SQL;
  from: SQL;
  to: SQL;
  subjectId: SQL;
}

/**
 * The people present at a visit for the profile's overlap at least, with when they overlapped
 * (person_id, checked_in_at, checked_out_at, ov_start, ov_end): the main range looks back only as
 * long as a short visit lasts, visits begun earlier that lasted hours come from
 * checkins_long_visits. Both read index-only. Also counts a crowd's head (crowds.ts).
 * With a limit, the latest arrivals are read first: those who came during the visit overlap it,
 * while the look-back's early arrivals have mostly left (a market's hour before the subject came).
 */
export function coVisitorsSql(v: VisitSql, t: TracingRules['tracing'], limit: number | null = null): SQL {
  const overlap = sql`make_interval(mins => ${t.venueOverlapMinutes}::int)`;
  const longVisit = sql`interval '${sql.raw(String(LONG_VISIT_HOURS))} hours'`;
  // Earlier than this before the subject's arrival, only a long visit can still be going on.
  const recent = sql`greatest(${stayOf(t)}, ${longVisit})`;
  const met = sql`o.person_id <> ${v.subjectId} and least(${v.to}, ${untilOf('o', t)}) - greatest(${v.from}, o.checked_in_at) >= ${overlap}`;
  // Each range stops by itself at the limit: under a union the planner sorts both ranges whole.
  const latest = limit === null ? sql`` : sql`order by o.checked_in_at desc limit ${limit}::int`;
  return sql`
          select o.person_id, o.checked_in_at, o.checked_out_at,
                 greatest(${v.from}, o.checked_in_at) as ov_start, least(${v.to}, ${untilOf('o', t)}) as ov_end
            from ((select o.person_id, o.checked_in_at, o.checked_out_at from checkins o
                    where o.venue_id = ${v.venueId} and o.checked_in_at > ${v.from} - ${recent} and o.checked_in_at <= ${v.to} - ${overlap} and ${met}
                    ${latest})
                  union all
                  (select o.person_id, o.checked_in_at, o.checked_out_at from checkins o
                    where o.venue_id = ${v.venueId} and o.checked_in_at > ${v.from} - make_interval(hours => ${MAX_VISIT_HOURS}::int)
                      and o.checked_in_at <= ${v.from} - ${recent} and o.checked_out_at - o.checked_in_at > ${longVisit} and ${met}
                    ${latest})) o
          ${limit === null ? sql`` : sql`limit ${limit}::int`}`;
}

/** The statement itself, for storeProposals and for reading its plan (EXPLAIN) in benchmarks. */
export function proposalsStatement(windows: readonly SubjectWindow[], rules: TracingRules, options: StatementOptions = {}): SQL {
  const t = rules.tracing;
  const longest = sql`make_interval(hours => ${MAX_VISIT_HOURS}::int)`;
  const crowdSize = options.visitId !== undefined ? 0 : t.crowdSize;
  // With crowds on, a visit's co-visitors are read only until they show a crowd.
  const probe = crowdSize > 0 ? crowdSize + 1 : null;
  const coVisitors = (s: SQL, limit: number | null) =>
    coVisitorsSql({ venueId: sql`${s}.venue_id`, from: sql`${s}.s_in`, to: sql`${s}.s_out`, subjectId: sql`${s}.subject_id` }, t, limit);
  const days = windows.map((w) => [todayInVietnam(w.from), todayInVietnam(w.to)]);
  return sql`
    with subjects as materialized (
      select * from unnest(${arrayOf(windows.map((w) => w.personId), 'int8')}, ${arrayOf(windows.map((w) => w.level), 'int4')},
                           ${arrayOf(windows.map((w) => w.from.toISOString()), 'timestamptz')}, ${arrayOf(windows.map((w) => w.to.toISOString()), 'timestamptz')},
                           ${arrayOf(days.map((d) => d[0]), 'text')}, ${arrayOf(days.map((d) => d[1]), 'text')})
             as s(person_id, level, w_from, w_to, day_from, day_to)
    ),
    -- One person, several records (people/records.ts): a subject's visits, trips and stays include
    -- those of the records merged into them, and someone met under a merged record is proposed as
    -- the person kept.
    subject_records as materialized (
      select * from ${recordsOfSql(sql`array(select person_id from subjects)`)} r
    ),
    -- Every merged record, read index-only: merges are few (thousands in a province) next to the
    -- pairs found, so one small hash beats a probe of people for each pair.
    merged as materialized (
      select * from ${mergedRecordsSql()} m
    ),
    subject_visits as materialized (
      select s.person_id as subject_id, c.id, c.venue_id, c.checked_in_at as raw_in, c.checked_out_at as raw_out,
             greatest(c.checked_in_at, s.w_from) as s_in,
             least(${untilOf('c', t)}, s.w_to) as s_out
        from subjects s
        join subject_records sr on sr.person_id = s.person_id
        join checkins c on c.person_id = sr.record_id
         and c.checked_in_at >= s.w_from - ${longest}
         and c.checked_in_at < s.w_to
       where ${options.visitId !== undefined ? sql`c.id = ${options.visitId}::int8` : sql`true`}
    ),
    -- How many people shared each visit. With crowds on, a visit is read only until it shows more
    -- than crowdSize people (with room for a few repeated check-ins) and counted on the spot: a
    -- market's thousands are never read one by one, and the crowd's head count is counted when shown.
    probed as (
      select s.id as visit_id, s.venue_id, s.s_in, s.s_out, s.subject_id, z.people, z.n
        from subject_visits s
        cross join lateral (select count(distinct o.person_id) as people, count(*) as n from (${coVisitors(sql`s`, probe)}) o) z
       where s.s_out > s.s_in ${probe === null ? sql`and false` : sql``}
    ),
    -- Counted to the end: visits whose probe filled up with repeated check-ins of fewer people.
    recounted as (
      select z.visit_id, r.people
        from probed z
        cross join lateral (select count(distinct o.person_id) as people from (${coVisitors(sql`z`, null)}) o) r
       where z.n >= ${probe ?? 0}::int and z.people <= ${crowdSize}::int
    ),
    crowd_visits as (
      select z.visit_id, coalesce(r.people, z.people) as people, (r.visit_id is not null or z.n < ${probe ?? 0}::int) as counted
        from probed z left join recounted r on r.visit_id = z.visit_id
       where ${crowdSize}::int > 0 and coalesce(r.people, z.people) > ${crowdSize}::int
    ),
    new_crowds as (
      insert into tracing_crowds (subject_id, venue_id, subject_visit_id, window_start, window_end, people)
      select s.subject_id, s.venue_id, s.id, s.s_in, s.s_out, case when z.counted then z.people end
        from crowd_visits z join subject_visits s on s.id = z.visit_id
       order by s.id
      on conflict do nothing
      returning id, subject_id, people
    ),
    -- The other visits' co-visitors, read again whole (a few dozen each): cheaper than keeping
    -- every visit's probe, crowds included, for the few visits that are not crowds.
    venue_pairs as (
      select distinct on (s.id, coalesce(m.kept, o.person_id))
             s.subject_id, coalesce(m.kept, o.person_id) as candidate_id, s.venue_id, s.id as visit_id, s.raw_in, s.raw_out, s.s_in, s.s_out,
             o.checked_in_at as other_in, o.checked_out_at as other_out, o.ov_start, o.ov_end
        from subject_visits s
        cross join lateral (${coVisitors(sql`s`, null)}) o
        left join merged m on m.id = o.person_id
       where s.s_out > s.s_in and not exists (select 1 from crowd_visits c where c.visit_id = s.id)
         and coalesce(m.kept, o.person_id) <> s.subject_id
       order by s.id, coalesce(m.kept, o.person_id), o.ov_end - o.ov_start desc
    ),
    subject_people as (
      select p.id, p.commune_id, p.address_line from subjects s join people p on p.id = s.person_id
       where p.address_line <> ''
         and ${options.visitId !== undefined ? sql`false` : sql`true`}
    ),
    subject_trips as (
      select distinct on (s.person_id, ${vehicleKey(sql`d.travel->>'vehicleNumber'`)}, d.travel->>'departureDate')
             s.person_id as subject_id, s.w_from, d.id, ${vehicleKey(sql`d.travel->>'vehicleNumber'`)} as vehicle, d.travel->>'vehicleNumber' as vehicle_number,
             d.travel->>'vehicleType' as vehicle_type, d.travel->>'departureDate' as departure, d.travel->>'seat' as seat
        from subjects s
        join subject_records sr on sr.person_id = s.person_id
        join declarations d on d.person_id = sr.record_id and d.kind = 'domestic_travel'
       where coalesce(d.travel->>'vehicleNumber', '') <> ''
         and d.travel->>'departureDate' between s.day_from and s.day_to
         and ${options.visitId !== undefined ? sql`false` : sql`true`}
       order by s.person_id, ${vehicleKey(sql`d.travel->>'vehicleNumber'`)}, d.travel->>'departureDate', d.id
    ),
    vehicle_pairs as (
      select distinct on (t.id, coalesce(m.kept, d.person_id))
             t.subject_id, coalesce(m.kept, d.person_id) as candidate_id, t.id as trip_id,
             greatest((t.departure || ' 00:00:00+07')::timestamptz, t.w_from) as at,
             jsonb_build_object('vehicleNumber', t.vehicle_number, 'vehicleType', t.vehicle_type, 'departureDate', t.departure,
                                'subjectSeat', t.seat, 'candidateSeat', d.travel->>'seat',
                                'subjectDeclarationId', t.id, 'candidateDeclarationId', d.id) as evidence
        from subject_trips t
        join declarations d on d.kind = 'domestic_travel'
             and ${vehicleKey(sql`d.travel->>'vehicleNumber'`)} = t.vehicle and d.travel->>'departureDate' = t.departure
        left join merged m on m.id = d.person_id
       where coalesce(m.kept, d.person_id) <> t.subject_id
       order by t.id, coalesce(m.kept, d.person_id), d.id
    ),
    -- Room-mates over the rooms each stay was in (stay_rooms: a move starts a new period); a
    -- period without an end lasts as long as its stay, and counts only within the window.
    room_periods as (
      select s.person_id as subject_id, s.w_from, s.w_to, ss.id as stay_id, ss.facility_id, sp.room_id,
             greatest(sp.from_at, s.w_from) as p_from, least(coalesce(sp.until_at, ss.discharged_at, s.w_to), s.w_to) as p_to
        from subjects s
        join subject_records sr on sr.person_id = s.person_id
        join stays ss on ss.person_id = sr.record_id and ss.facility_id is not null
        join stay_rooms sp on sp.stay_id = ss.id
       where ${options.visitId !== undefined ? sql`false` : sql`true`}
    ),
    room_pairs as (
      select distinct on (p.stay_id, coalesce(m.kept, o.person_id))
             p.subject_id, coalesce(m.kept, o.person_id) as candidate_id, p.stay_id,
             greatest(p.p_from, op.from_at) as at,
             jsonb_build_object('facilityName', f.name, 'roomCode', r.code, 'subjectStayId', p.stay_id, 'candidateStayId', o.id,
                                'from', greatest(p.p_from, op.from_at),
                                'until', least(p.p_to, coalesce(op.until_at, o.discharged_at, p.w_to))) as evidence
        from room_periods p
        join stay_rooms op on op.room_id = p.room_id and op.stay_id <> p.stay_id and op.from_at < p.p_to
        join stays o on o.id = op.stay_id and coalesce(op.until_at, o.discharged_at, p.w_to) > p.p_from
        left join merged m on m.id = o.person_id
        join facility_rooms r on r.id = p.room_id
        join facilities f on f.id = p.facility_id
       where p.p_to > p.p_from and coalesce(m.kept, o.person_id) <> p.subject_id
       order by p.stay_id, coalesce(m.kept, o.person_id), greatest(p.p_from, op.from_at)
    ),
    -- A venue pair's evidence is written only for the pairs kept (see proposed).
    found as (
      select v.subject_id, v.candidate_id, 'venue'::text as setting, v.venue_id, v.visit_id as subject_visit_id, v.ov_start as overlap_start,
             (extract(epoch from v.ov_end - v.ov_start) / 60)::int as overlap_minutes, null::jsonb as evidence,
             v.raw_in, v.raw_out, v.other_in, v.other_out, v.ov_end
        from venue_pairs v
      union all
      select s.id, p.id, 'household', null, null, w.w_from, null,
             jsonb_build_object('addressLine', s.address_line, 'communeId', s.commune_id), null, null, null, null, null
        from subject_people s
        join subjects w on w.person_id = s.id
        join people p on p.commune_id = s.commune_id and p.address_line = s.address_line
       where p.address_line <> '' and p.id <> s.id and p.merged_into is null
      union all
      select subject_id, candidate_id, 'vehicle', null, trip_id, at, null, evidence, null, null, null, null, null from vehicle_pairs
      union all
      select subject_id, candidate_id, 'facility', null, stay_id, at, null, evidence, null, null, null, null, null from room_pairs
    ),
    kept as (
      select f.*, s.level as subject_level
        from found f
        join subjects s on s.person_id = f.subject_id
       -- two anti-joins, each on an index: one with an OR compares every pair with every exposure
       where not exists (select 1 from exposures e where e.removed_at is null and e.source_id = f.subject_id and e.contact_id = f.candidate_id)
         and not exists (select 1 from exposures e where e.removed_at is null and e.source_id = f.candidate_id and e.contact_id = f.subject_id)
         -- A contact's candidate already traced as near a source as the contact would make them
         -- adds nothing (fifty F1s of one office are not proposed to each other as F2s). A case's
         -- candidates are all kept: shared contacts are what link cases into chains and clusters.
         and (s.level = 0 or not exists (select 1 from contact_levels cl where cl.person_id = f.candidate_id and cl.level <= s.level + 1))
         -- Nor is a candidate already waiting as the contact of another traced contact: one call
         -- reaches an F2 whichever F1s they met (the four F1s a cluster's F2 meets on average).
         -- A household is always proposed: it is the surest evidence, accepted without a tracer.
         and (s.level = 0 or f.setting = 'household' or not exists (
               select 1 from tracing_proposals r join contact_levels rl on rl.person_id = r.subject_id and rl.level >= 1
                where r.candidate_id = f.candidate_id and r.status = 'pending'))
         -- the same pair proposed the other way round (two subjects who met each other), before
         -- or in this very statement
         and not (f.subject_id > f.candidate_id and exists (
               select 1 from found g where g.subject_id = f.candidate_id and g.candidate_id = f.subject_id and g.setting = f.setting))
         and not exists (
               select 1 from tracing_proposals r
                where r.subject_id = f.candidate_id and r.candidate_id = f.subject_id and r.setting = f.setting)
    ),
    chosen as (
      select * from kept where subject_level = 0
      union all
      -- one per candidate of the contacts: the household first (accepted without a tracer), else the longest time together
      select * from (
        select distinct on (candidate_id) * from kept where subject_level > 0
         order by candidate_id, setting = 'household' desc, overlap_minutes desc nulls last, subject_id) one
    ),
    new_proposals as (
      insert into tracing_proposals (subject_id, candidate_id, setting, venue_id, subject_visit_id, overlap_start, overlap_minutes, evidence)
      select c.subject_id, c.candidate_id, c.setting, c.venue_id, c.subject_visit_id, c.overlap_start, c.overlap_minutes,
             coalesce(c.evidence, jsonb_build_object(
               'venueName', vn.name, 'venueAddress', vn.address_line,
               'subjectIn', c.raw_in, 'subjectOut', c.raw_out,
               'candidateIn', c.other_in, 'candidateOut', c.other_out,
               'assumedStayMinutes', ${t.assumedStayMinutes}::int,
               'overlapEnd', c.ov_end))
        from chosen c
        left join venues vn on vn.id = c.venue_id
       -- ids in a stable order: lists break ties by id
       order by c.setting = 'venue' desc, c.subject_visit_id, c.subject_id, c.candidate_id
      on conflict do nothing
      returning id, subject_id, candidate_id, setting
    )
    select 'p' as kind, id::int, subject_id::int, candidate_id::int, setting, null::int as people from new_proposals
    union all
    select 'c', id::int, subject_id::int, null, null, people::int from new_crowds`;
}
