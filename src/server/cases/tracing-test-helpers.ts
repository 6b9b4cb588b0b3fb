// Set-up for the tracing tests: venues and check-ins, travel declarations, recent cases.
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { registerVenue } from '../checkins/service.js';
import { venueIn } from '../checkins/test-helpers.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { createCase } from './service.js';
import { confirmedInput, type CasesFixture } from './test-helpers.js';

const HOUR = 3_600_000;
/** A time `days` days before today's 00:00 in Vietnam, plus hh:mm. */
export function at(days: number, hh: number, mm = 0): Date {
  const today = new Date(`${todayInVietnam()}T00:00:00+07:00`).getTime();
  return new Date(today - days * 24 * HOUR + hh * HOUR + mm * 60_000);
}
export const dayBefore = (days: number) => todayInVietnam(new Date(Date.now() - days * 24 * HOUR));

export async function venue(f: CasesFixture, name = 'Chợ Hạ Long 1', communeId = f.units.hongHa): Promise<number> {
  return (await registerVenue(f.h.db, f.commune, venueIn(communeId, { name }))).id;
}

/** A check-in as the writer stores it; out null: never checked out. */
export async function visit(f: CasesFixture, personId: number, venueId: number, inAt: Date, outAt: Date | null = null): Promise<number> {
  const [r] = await queryRows<{ id: number }>(
    f.h.db,
    sql`insert into checkins (person_id, venue_id, commune_id, checked_in_at, checked_out_at, source)
        select ${personId}::int8, v.id, v.commune_id, ${inAt.toISOString()}::timestamptz, ${outAt?.toISOString() ?? null}::timestamptz, 1 from venues v where v.id = ${venueId}
        returning id::int`,
  );
  return r.id;
}

/** A domestic-travel declaration with a vehicle, as the citizen page stores it. */
export async function trip(f: CasesFixture, personId: number, vehicleNumber: string, departureDate: string, seat: string): Promise<number> {
  const travel = { vehicleType: 'coach', vehicleNumber, seat, fromUnitId: null, toUnitId: null, departureDate, arrivalDate: departureDate };
  const [r] = await queryRows<{ id: number }>(
    f.h.db,
    sql`insert into declarations (person_id, kind, profile_id, province_id, district_id, commune_id, answers, travel, triage_status)
        select p.id, 'domestic_travel', (select max(id) from disease_profiles), p.province_id, p.district_id, p.commune_id, '{}'::jsonb, ${JSON.stringify(travel)}::jsonb, 'not_needed'
          from people p where p.id = ${personId}::int8
        returning id::int`,
  );
  return r.id;
}

/** A case confirmed with symptoms since `onsetDaysAgo` days (its infectious window opens two days earlier). */
export async function recentCase(f: CasesFixture, personId: number, onsetDaysAgo = 3, actor = f.province) {
  return createCase(f.h.db, actor, confirmedInput(personId, { symptomOnset: dayBefore(onsetDaysAgo) }));
}

export async function proposalsOf(f: CasesFixture, subjectId: number) {
  return queryRows<{ id: number; candidate_id: number; setting: string; subject_visit_id: number | null; overlap_minutes: number | null; status: string; evidence: Record<string, unknown> }>(
    f.h.db,
    sql`select id::int, candidate_id::int, setting, subject_visit_id::int, overlap_minutes, status, evidence from tracing_proposals where subject_id = ${subjectId}::int8 order by candidate_id, id`,
  );
}

export async function tasksOf(f: CasesFixture, personId: number) {
  return queryRows<{ id: number; kind: string; level: number; status: string; due_at: Date; commune_id: number }>(
    f.h.db,
    sql`select id::int, kind, level, status, due_at, commune_id from tracing_tasks where person_id = ${personId}::int8 order by id`,
  );
}
