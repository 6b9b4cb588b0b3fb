// Stays as the screens read them: the person (when in the reader's jurisdiction), facility, room
// and bed, the day of the stay and the planned days.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { summariesInJurisdiction } from '../people/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import type { StayTestView, StayView } from '../../shared/api/quarantine.js';
import { stayTests, type StayTestRow } from './schema.js';
import { dayNumberOn } from './stay-rules.js';

interface Row {
  id: number;
  person_id: number;
  kind: StayView['kind'];
  place: StayView['place'];
  facility_id: number | null;
  facility_code: string | null;
  facility_name: string | null;
  facility_kind: NonNullable<StayView['facility']>['kind'] | null;
  room_id: number | null;
  room_code: string | null;
  zone_name: string | null;
  bed_id: number | null;
  bed_code: string | null;
  bed_kind: NonNullable<StayView['bed']>['kind'] | null;
  tier: number | null;
  category: StayView['category'];
  risk: StayView['risk'];
  source: StayView['source'];
  case_id: number | null;
  rule_id: string;
  admitted_at: string | Date;
  admission_day: string;
  planned_until: string;
  status: StayView['status'];
  discharged_at: string | Date | null;
  certificate_number: string | null;
  transferred_to_stay_id: number | null;
  override_reason: string | null;
  place_reason: string | null;
  funding_source: StayView['fundingSource'];
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/** Stays matching `where` (on alias s), in the given order. */
export async function stayViews(tx: DbOrTx, actor: Actor, where: SQL, tail: SQL = sql`order by s.id`, today = todayInVietnam()): Promise<StayView[]> {
  const rows = await queryRows<Row>(
    tx,
    sql`select s.id, s.person_id, s.kind, s.place, s.facility_id, f.code as facility_code, f.name as facility_name, f.kind as facility_kind,
          s.room_id, r.code as room_code, z.name as zone_name, s.bed_id, b.code as bed_code, b.kind as bed_kind, s.tier, s.category, s.risk,
          s.source, s.case_id, s.rule_id, s.admitted_at, s.admission_day::text as admission_day, s.planned_until::text as planned_until,
          s.status, s.discharged_at, s.certificate_number, s.transferred_to_stay_id, s.override_reason, s.place_reason, s.funding_source
        from stays s
        left join facilities f on f.id = s.facility_id
        left join facility_rooms r on r.id = s.room_id
        left join facility_zones z on z.id = r.zone_id
        left join facility_beds b on b.id = s.bed_id
        where ${where} ${tail}`,
  );
  const people = await summariesInJurisdiction(tx, actor, rows.map((r) => Number(r.person_id)));
  return rows.map((r) => ({
    id: Number(r.id),
    personId: Number(r.person_id),
    person: people.get(Number(r.person_id)) ?? null,
    kind: r.kind,
    place: r.place,
    facility: r.facility_id === null ? null : { id: r.facility_id, code: r.facility_code!, name: r.facility_name!, kind: r.facility_kind! },
    room: r.room_id === null ? null : { id: r.room_id, code: r.room_code!, zone: r.zone_name },
    bed: r.bed_id === null ? null : { id: r.bed_id, code: r.bed_code!, kind: r.bed_kind! },
    tier: r.tier,
    category: r.category,
    risk: r.risk,
    source: r.source,
    caseId: r.case_id === null ? null : Number(r.case_id),
    ruleId: r.rule_id,
    admittedAt: iso(r.admitted_at)!,
    admissionDay: r.admission_day,
    plannedUntil: r.planned_until,
    dayNumber: r.status === 'active' ? dayNumberOn(r.admission_day, today) : null,
    plannedDays: dayNumberOn(r.admission_day, r.planned_until),
    status: r.status,
    dischargedAt: iso(r.discharged_at),
    certificateNumber: r.certificate_number,
    transferredToStayId: r.transferred_to_stay_id === null ? null : Number(r.transferred_to_stay_id),
    overrideReason: r.override_reason,
    placeReason: r.place_reason,
    fundingSource: r.funding_source,
  }));
}

export const testView = (t: StayTestRow): StayTestView => ({
  id: t.id,
  dayNumber: t.dayNumber,
  dueOn: t.dueOn,
  status: t.status,
  sampleCode: t.sampleCode,
  result: t.result,
  resultAt: t.resultAt?.toISOString() ?? null,
});

export async function testsOf(tx: DbOrTx, stayId: number): Promise<StayTestRow[]> {
  return tx.select().from(stayTests).where(eq(stayTests.stayId, stayId)).orderBy(stayTests.dayNumber);
}
