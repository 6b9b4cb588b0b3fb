// The one statement that finds and stores a subject's candidate contacts. It is set-based so a
// case with two weeks of check-ins costs a handful of index range scans, whatever the size of
// the check-in table:
// - the subject's visits come from checkins (person_id, checked_in_at);
// - each visit's co-visitors from checkins (venue_id, checked_in_at), bounded below by the
//   longest a visit can last (a check-out closes a visit begun within the day, see
//   checkins/checkin.ts) and above by the subject's leaving;
// - household members from people (commune_id, address_line) (index people_household);
// - fellow travellers from domestic-travel declarations with the same vehicle and departure day
//   (declarations has no index on the vehicle yet: an expression index on vehicleKey and the
//   departure day would make this branch a look-up instead of a scan of the travel declarations).
// Same facility room: the facilities capability (issue 6) adds a fourth branch here, reading its
// room stays over the same window, with setting 'facility' and the room in the evidence.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import type { ExposureSetting } from '../../shared/api/cases.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import type { SubjectWindow, TracingRules } from './proposals-window.js';

/** The longest a visit can last: check-outs are accepted within a day of the check-in. */
export const MAX_VISIT_HOURS = 24;

export interface StoredProposal {
  id: number;
  subject_id: number;
  candidate_id: number;
  setting: ExposureSetting;
}

/** Vehicle numbers as citizens type them ("29B-123.45", "29b 12345") compared on letters and digits. */
const vehicleKey = (col: SQL) => sql`upper(regexp_replace(${col}, '[^A-Za-z0-9]', '', 'g'))`;

/**
 * Stores the proposals of one subject over their window and returns the new ones. Skipped:
 * candidates already exposed to the subject (either way), a contact subject's candidates already
 * traced at the level the subject would give them or nearer, pairs proposed before in either
 * direction for the same setting, and proposals made before (the unique index).
 */
export async function storeProposals(db: DbOrTx, w: SubjectWindow, rules: TracingRules): Promise<StoredProposal[]> {
  return queryRows<StoredProposal>(db, proposalsStatement(w, rules));
}

/** The statement itself, for storeProposals and for reading its plan (EXPLAIN) in benchmarks. */
export function proposalsStatement(w: SubjectWindow, rules: TracingRules): SQL {
  const subject = w.personId;
  const from = w.from.toISOString();
  const to = w.to.toISOString();
  const stay = sql`make_interval(mins => ${rules.tracing.assumedStayMinutes}::int)`;
  const overlap = sql`make_interval(mins => ${rules.tracing.venueOverlapMinutes}::int)`;
  const longest = sql`make_interval(hours => ${MAX_VISIT_HOURS}::int)`;
  // A contact's candidate already traced as near a source as the contact would make them adds
  // nothing (fifty F1s of one market visit are not proposed to each other as F2s). A case's
  // candidates are all kept: shared contacts are what link cases into chains and clusters.
  const nearerAlready =
    w.level === 0 ? sql`` : sql`and not exists (select 1 from contact_levels cl where cl.person_id = f.candidate_id and cl.level <= ${w.level + 1}::int)`;
  return sql`
    with subject_visits as materialized (
      select c.id, c.venue_id, c.checked_in_at as raw_in, c.checked_out_at as raw_out,
             greatest(c.checked_in_at, ${from}::timestamptz) as s_in,
             least(coalesce(c.checked_out_at, c.checked_in_at + ${stay}), ${to}::timestamptz) as s_out
        from checkins c
       where c.person_id = ${subject}::int8
         and c.checked_in_at >= ${from}::timestamptz - ${longest}
         and c.checked_in_at < ${to}::timestamptz
    ),
    venue_pairs as (
      select distinct on (s.id, o.person_id)
             o.person_id as candidate_id, s.venue_id, s.id as visit_id, s.raw_in, s.raw_out,
             o.id as other_visit_id, o.checked_in_at as other_in, o.checked_out_at as other_out,
             greatest(s.s_in, o.checked_in_at) as ov_start,
             least(s.s_out, coalesce(o.checked_out_at, o.checked_in_at + ${stay})) as ov_end
        from subject_visits s
        cross join lateral (
          select o.id, o.person_id, o.checked_in_at, o.checked_out_at
            from checkins o
           where o.venue_id = s.venue_id
             and o.checked_in_at > s.s_in - ${longest}
             and o.checked_in_at <= s.s_out - ${overlap}
             and o.person_id <> ${subject}::int8
        ) o
       where s.s_out > s.s_in
         and least(s.s_out, coalesce(o.checked_out_at, o.checked_in_at + ${stay})) - greatest(s.s_in, o.checked_in_at) >= ${overlap}
       order by s.id, o.person_id, least(s.s_out, coalesce(o.checked_out_at, o.checked_in_at + ${stay})) - greatest(s.s_in, o.checked_in_at) desc
    ),
    subject_person as (
      select id, commune_id, address_line from people where id = ${subject}::int8 and address_line <> ''
    ),
    subject_trips as (
      select distinct on (${vehicleKey(sql`d.travel->>'vehicleNumber'`)}, d.travel->>'departureDate')
             d.id, ${vehicleKey(sql`d.travel->>'vehicleNumber'`)} as vehicle, d.travel->>'vehicleNumber' as vehicle_number,
             d.travel->>'vehicleType' as vehicle_type, d.travel->>'departureDate' as departure, d.travel->>'seat' as seat
        from declarations d
       where d.person_id = ${subject}::int8 and d.kind = 'domestic_travel'
         and coalesce(d.travel->>'vehicleNumber', '') <> ''
         and d.travel->>'departureDate' between ${todayInVietnam(w.from)} and ${todayInVietnam(w.to)}
       order by ${vehicleKey(sql`d.travel->>'vehicleNumber'`)}, d.travel->>'departureDate', d.id
    ),
    vehicle_pairs as (
      select distinct on (t.id, d.person_id)
             d.person_id as candidate_id, t.id as trip_id,
             greatest((t.departure || ' 00:00:00+07')::timestamptz, ${from}::timestamptz) as at,
             jsonb_build_object('vehicleNumber', t.vehicle_number, 'vehicleType', t.vehicle_type, 'departureDate', t.departure,
                                'subjectSeat', t.seat, 'candidateSeat', d.travel->>'seat',
                                'subjectDeclarationId', t.id, 'candidateDeclarationId', d.id) as evidence
        from subject_trips t
        join declarations d on d.kind = 'domestic_travel'
             and ${vehicleKey(sql`d.travel->>'vehicleNumber'`)} = t.vehicle and d.travel->>'departureDate' = t.departure
       where d.person_id <> ${subject}::int8
       order by t.id, d.person_id, d.id
    ),
    found as (
      select v.candidate_id, 'venue'::text as setting, v.venue_id, v.visit_id as subject_visit_id, v.ov_start as overlap_start,
             (extract(epoch from v.ov_end - v.ov_start) / 60)::int as overlap_minutes,
             jsonb_build_object(
               'venueName', vn.name, 'venueAddress', vn.address_line,
               'subjectIn', v.raw_in, 'subjectOut', v.raw_out,
               'candidateVisitId', v.other_visit_id, 'candidateIn', v.other_in, 'candidateOut', v.other_out,
               'assumedStayMinutes', ${rules.tracing.assumedStayMinutes}::int,
               'overlapEnd', v.ov_end) as evidence
        from venue_pairs v join venues vn on vn.id = v.venue_id
      union all
      select p.id, 'household', null, null, ${from}::timestamptz, null,
             jsonb_build_object('addressLine', s.address_line, 'communeId', s.commune_id)
        from subject_person s
        join people p on p.commune_id = s.commune_id and p.address_line = s.address_line
       where p.address_line <> '' and p.id <> s.id and p.merged_into is null
      union all
      select candidate_id, 'vehicle', null, trip_id, at, null, evidence from vehicle_pairs
      -- issue 6 (facilities): union all the people who shared a room with the subject during the
      -- window, setting 'facility', subject_visit_id = the subject's stay, room and dates in evidence
    )
    insert into tracing_proposals (subject_id, candidate_id, setting, venue_id, subject_visit_id, overlap_start, overlap_minutes, evidence)
    select ${subject}::int8, f.candidate_id, f.setting, f.venue_id, f.subject_visit_id, f.overlap_start, f.overlap_minutes, f.evidence
      from found f
      join people cp on cp.id = f.candidate_id and cp.merged_into is null
     where not exists (
             select 1 from exposures e
              where e.removed_at is null
                and ((e.source_id = ${subject}::int8 and e.contact_id = f.candidate_id) or (e.source_id = f.candidate_id and e.contact_id = ${subject}::int8)))
       ${nearerAlready}
       -- the same pair proposed the other way round (two subjects who met each other)
       and not exists (
             select 1 from tracing_proposals r
              where r.subject_id = f.candidate_id and r.candidate_id = ${subject}::int8 and r.setting = f.setting)
    on conflict do nothing
    returning id::int, subject_id::int, candidate_id::int, setting`;
}
