// The capacity view, in aggregates only (the steering committee reads it): places and people in
// each facility of the jurisdiction, summed by commune, district and province against the plan
// targets; treatment beds free by tier, oxygen and ICU beds among them; the days until full at the
// last 7 days' trend; and the communes with no centralized quarantine facility ready or active.
// Oxygen and ICU beds are the facility's listed beds of that kind, or the count it declares when
// it lists none (their occupancy is then only known from stays on listed beds).
// A facility counts where it lies; people at home count where they live. Closed facilities hold
// no places and are left out.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { inUnit } from './access.js';
import { scopeFor } from './monitoring-access.js';
import { childUnits, communesOf, unitChain } from '../geo/service.js';
import { parseInput } from '../people/validate.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { CAPACITY_KINDS, type FacilityKind } from '../../shared/api/quarantine.js';
import { capacityQuery, type CapacityQuery, type CapacityResponse } from '../../shared/api/quarantine-monitoring.js';
import { daysUntilFull } from './capacity-projection.js';

export const TREND_DAYS = 7;
export const HORIZON_DAYS = 90;
type CapacityKind = (typeof CAPACITY_KINDS)[number];
type UnitLevel = 'province' | 'district' | 'commune';

const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const kindOf = (k: FacilityKind): CapacityKind => (k.startsWith('treatment') ? 'treatment' : 'quarantine');

interface FacilityRow {
  id: number;
  code: string;
  name: string;
  kind: FacilityKind;
  tier: number | null;
  status: 'ready' | 'active' | 'closed';
  commune_id: number;
  district_id: number | null;
  province_id: number;
  capacity: number;
  occupied: number;
  oxygen_beds: number;
  icu_beds: number;
  oxygen_occupied: number;
  icu_occupied: number;
}

interface Tally {
  capacity: number;
  occupied: number;
  admissions: number[];
  discharges: number[];
}
const emptyTally = (): Tally => ({ capacity: 0, occupied: 0, admissions: Array(TREND_DAYS).fill(0), discharges: Array(TREND_DAYS).fill(0) });
function add(into: Tally, t: Tally): void {
  into.capacity += t.capacity;
  into.occupied += t.occupied;
  t.admissions.forEach((n, i) => (into.admissions[i] += n));
  t.discharges.forEach((n, i) => (into.discharges[i] += n));
}
const occupancy = (t: Tally) => ({
  capacity: t.capacity,
  occupied: t.occupied,
  free: Math.max(0, t.capacity - t.occupied),
  admissions7d: t.admissions,
  discharges7d: t.discharges,
  daysUntilFull: daysUntilFull(t, HORIZON_DAYS),
});

export async function capacityView(db: Db, actor: Actor, raw: CapacityQuery, now = new Date()): Promise<CapacityResponse> {
  requirePermission(actor, 'quarantine.capacity');
  const q = parseInput(capacityQuery, raw);
  const scope = await scopeFor(db, actor, q.unitId);
  const today = todayInVietnam(now);
  const first = shiftDay(today, -(TREND_DAYS - 1));
  const firstStart = sql`(${first}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`;
  const inScope = inUnit(scope, 'f');

  const [chain, children, communes, facilities, flows, home, targets] = await Promise.all([
    unitChain(db, scope.unitId),
    childUnits(db, scope.unitId),
    communesOf(db, scope.unitId),
    // Set-based per facility of the view (not a lateral per facility: its estimate set off JIT
    // compilation, which cost more than the query). Oxygen and ICU beds in use are found from the
    // beds through the index of active stays by bed.
    queryRows<FacilityRow>(
      db,
      sql`with fs as materialized (
            select f.id, f.code, f.name, f.kind, f.tier, f.status, f.commune_id, f.district_id, f.province_id, f.oxygen_beds, f.icu_beds
              from facilities f where ${inScope} and f.status <> 'closed'
          )
          select fs.id, fs.code, fs.name, fs.kind, fs.tier, fs.status, fs.commune_id, fs.district_id, fs.province_id,
                 coalesce(r.capacity, 0)::int as capacity, coalesce(o.occupied, 0)::int as occupied,
                 (case when b.oxygen > 0 then b.oxygen else fs.oxygen_beds end)::int as oxygen_beds,
                 (case when b.icu > 0 then b.icu else fs.icu_beds end)::int as icu_beds,
                 coalesce(b.oxygen_used, 0)::int as oxygen_occupied, coalesce(b.icu_used, 0)::int as icu_occupied
            from fs
            left join (select rm.facility_id, sum(rm.capacity) as capacity from facility_rooms rm join fs on fs.id = rm.facility_id group by 1) r on r.facility_id = fs.id
            left join (select s.facility_id, count(*) as occupied from stays s join fs on fs.id = s.facility_id where s.status = 'active' group by 1) o on o.facility_id = fs.id
            left join (select rm.facility_id, count(*) filter (where bd.kind = 'oxygen') as oxygen, count(*) filter (where bd.kind = 'icu') as icu,
                              count(*) filter (where bd.kind = 'oxygen' and u.used) as oxygen_used, count(*) filter (where bd.kind = 'icu' and u.used) as icu_used
                         from facility_beds bd join facility_rooms rm on rm.id = bd.room_id join fs on fs.id = rm.facility_id
                         cross join lateral (select exists (select 1 from stays s where s.bed_id = bd.id and s.status = 'active') as used) u
                        where bd.kind <> 'normal' group by 1) b on b.facility_id = fs.id
           order by fs.province_id, fs.district_id nulls first, fs.commune_id, fs.name, fs.id`,
    ),
    // Days as indexes from the first day. Discharges are bucketed by epoch arithmetic from the first
    // day's start rather than a time-zone conversion per row (costly over tens of thousands of
    // rows); Vietnam keeps UTC+7 all year, so every day is 86,400 s.
    queryRows<{ facility_id: number; i: number; admitted: number; left_: number }>(
      db,
      sql`select x.facility_id, x.i, sum(x.admitted)::int as admitted, sum(x.left_)::int as left_
            from (select s.facility_id, s.admission_day - ${first}::date as i, count(*) as admitted, 0 as left_
                    from stays s where s.facility_id is not null and s.admission_day between ${first}::date and ${today}::date group by 1, 2
                  union all
                  select s.facility_id, floor(extract(epoch from s.discharged_at - ${firstStart}) / 86400)::int, 0, count(*)
                    from stays s where s.discharged_at is not null and s.discharged_at >= ${firstStart} and s.facility_id is not null group by 1, 2) x
            join facilities f on f.id = x.facility_id
           where ${inScope} and x.i < ${TREND_DAYS}
           group by 1, 2`,
    ),
    queryRows<{ commune_id: number; district_id: number | null; province_id: number; kind: CapacityKind; n: number }>(
      db,
      sql`select s.commune_id, s.district_id, s.province_id, s.kind, count(*)::int as n
            from stays s where s.place = 'home' and s.status = 'active' and ${inUnit(scope, 's')}
           group by 1, 2, 3, 4`,
    ),
    queryRows<{ unit_id: number; kind: CapacityKind; target: number }>(db, sql`select unit_id, kind, target from capacity_targets`),
  ]);

  const tallies = new Map<number, Tally>();
  for (const f of facilities) tallies.set(f.id, { ...emptyTally(), capacity: f.capacity, occupied: f.occupied });
  for (const x of flows) {
    const t = tallies.get(x.facility_id);
    if (!t || x.i < 0 || x.i >= TREND_DAYS) continue;
    t.admissions[x.i] += x.admitted;
    t.discharges[x.i] += x.left_;
  }

  // The units of the view, in tree order: the unit itself, then each district followed by its communes.
  const self = chain[chain.length - 1];
  const districts = children.filter((c) => c.level === 'district');
  const units: { id: number; name: string; level: UnitLevel; parentId: number | null }[] = [{ id: self.id, name: self.fullName, level: self.level, parentId: self.parentId }];
  const communeRows = communes.filter((c) => c.id !== self.id).map((c) => ({ id: c.id, name: c.fullName, level: 'commune' as const, parentId: c.districtId ?? c.provinceId }));
  for (const d of districts) units.push({ id: d.id, name: d.fullName, level: 'district', parentId: d.parentId }, ...communeRows.filter((c) => c.parentId === d.id));
  units.push(...communeRows.filter((c) => !districts.some((d) => d.id === c.parentId)));

  // Each facility (and each group of people at home) adds to its commune, district and province.
  const byUnit = new Map<string, { facilities: number; tally: Tally; atHome: number }>();
  const slot = (unitId: number, kind: CapacityKind) => {
    const key = `${unitId}:${kind}`;
    let v = byUnit.get(key);
    if (!v) byUnit.set(key, (v = { facilities: 0, tally: emptyTally(), atHome: 0 }));
    return v;
  };
  const unitsOf = (p: { commune_id: number; district_id: number | null; province_id: number }) => [...new Set([p.commune_id, p.district_id, p.province_id])].filter((id): id is number => id !== null);
  for (const f of facilities) {
    for (const id of unitsOf(f)) {
      const v = slot(id, kindOf(f.kind));
      v.facilities++;
      add(v.tally, tallies.get(f.id)!);
    }
  }
  for (const h of home) for (const id of unitsOf(h)) slot(id, h.kind).atHome += h.n;
  const target = new Map(targets.map((t) => [`${t.unit_id}:${t.kind}`, t.target]));
  const unitRows = units.flatMap((u) =>
    CAPACITY_KINDS.map((kind) => {
      const v = byUnit.get(`${u.id}:${kind}`) ?? { facilities: 0, tally: emptyTally(), atHome: 0 };
      return { unit: u, kind, facilities: v.facilities, ...occupancy(v.tally), target: target.get(`${u.id}:${kind}`) ?? null, atHome: v.atHome };
    }),
  );

  const tiers = new Map<number, { facilities: number; tally: Tally; oxygen: [number, number]; icu: [number, number] }>();
  for (const f of facilities) {
    if (f.tier === null) continue;
    const t = tiers.get(f.tier) ?? { facilities: 0, tally: emptyTally(), oxygen: [0, 0], icu: [0, 0] };
    t.facilities++;
    add(t.tally, tallies.get(f.id)!);
    t.oxygen = [t.oxygen[0] + f.oxygen_beds, t.oxygen[1] + f.oxygen_occupied];
    t.icu = [t.icu[0] + f.icu_beds, t.icu[1] + f.icu_occupied];
    tiers.set(f.tier, t);
  }
  const beds = ([n, used]: [number, number]) => ({ beds: n, occupied: used, free: Math.max(0, n - used) });

  const communeNames = new Map(communes.map((c) => [c.id, c]));
  const districtNames = new Map([...chain, ...districts].filter((d) => d.level === 'district').map((d) => [d.id, d.fullName]));
  const covered = new Set(facilities.filter((f) => f.kind === 'quarantine_centralized').map((f) => f.commune_id));

  return {
    asOf: today,
    horizonDays: HORIZON_DAYS,
    facilities: facilities.map((f) => ({
      id: f.id,
      code: f.code,
      name: f.name,
      kind: f.kind,
      tier: f.tier,
      status: f.status,
      commune: { id: f.commune_id, name: communeNames.get(f.commune_id)?.fullName ?? '' },
      ...occupancy(tallies.get(f.id)!),
    })),
    units: unitRows,
    bedsByTier: [...tiers.entries()]
      .sort(([a], [b]) => a - b)
      .map(([tier, t]) => ({
        tier,
        facilities: t.facilities,
        capacity: t.tally.capacity,
        occupied: t.tally.occupied,
        free: Math.max(0, t.tally.capacity - t.tally.occupied),
        oxygen: beds(t.oxygen),
        icu: beds(t.icu),
      })),
    communesWithoutCentralized: communes
      .filter((c) => !covered.has(c.id))
      .map((c) => ({ id: c.id, name: c.fullName, district: c.districtId === null ? null : { id: c.districtId, name: districtNames.get(c.districtId) ?? '' } })),
  };
}
