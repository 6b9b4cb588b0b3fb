// Quarantine and treatment for the demo, made through the quarantine services as staff would: the
// province's facilities (a centralized area in a university dormitory, a barracks kept ready, a
// paid hotel for arrivals, a tier-1 field hospital, a tier-2 district medical centre and the tier-3
// provincial hospital, with oxygen and ICU beds), the outbreak's F1s admitted day by day (each day
// a cohort in rooms of its own) or kept at home, its cases treated by tier, arrivals from a flight
// in the hotel, the tests already due recorded negative, this morning's health checks (one with
// warning signs, so a transfer to tier 2 waits for a decision), the stays whose period ended
// discharged, and the province's plan targets. Times run back from the seeding moment and the
// periods come from the disease profile in force, so the picture is the same on any day.
//
// The browser tests work on the people of the demo ward's district (Hạ Long) and create their own
// facilities in Hồng Gai; the quarantine test admits the first people named Trần and Lê it finds
// in the province and treats the case confirmed last. None of them is placed here.
import type { DbHandle } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { communesOf } from '../geo/service.js';
import { searchPeople } from '../people/service.js';
import { casesOfPeople, currentLevels, DISEASE, listCases, listContacts } from '../cases/service.js';
import { profileInForce } from '../profiles/service.js';
import { addStaff, admit, createFacility, dischargeStay, dueTests, moveStayRoom, quarantinePlan, recordStayTest, setFacilityStatus, treatmentPlan } from '../quarantine/service.js';
import { recordHealthCheck, setCapacityTarget, setHouseSign } from '../quarantine/monitoring-service.js';
import type { AdmittedStay, FacilityDetail, FacilityInput } from '../../shared/api/quarantine.js';
import type { PersonSummary } from '../../shared/api/people.js';
import type { CaseView } from '../../shared/api/cases.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { foldKey } from '../../shared/vn/text.js';
import { Random, hashString, mix32 } from './random.js';

const CENTRALIZED_BY_DECISION = 'Ban Chỉ đạo tỉnh quyết định cách ly tập trung các F1 của ổ dịch';

const DAY_MS = 86_400_000;
/** Admission days of F1s still in quarantine shown: the last six (a day-7 test falls due today). */
const ACTIVE_DAYS = 6;
/** F1s taken into the centralized area per admission day, and kept at home from the latest day. */
const PER_COHORT = 8;
const AT_HOME = 3;
/** F1s of an older day whose quarantine ended yesterday: admitted, tested and discharged. */
const DISCHARGED_COHORT = 4;
const ARRIVALS = 6;
/** Cases in treatment go, in order of confirmation, to these places; later ones wait for a place. */
const TREATMENT_ORDER = ['provincial', 'district', 'field', 'field', 'home', 'field', 'district', 'field', 'home', 'provincial', 'field', 'field'] as const;
/** Surnames the browser test searches for its own admissions (e2e/quarantine.e2e.ts). */
const E2E_SURNAMES = ['tran', 'le'];
const TREATABLE = new Set(['confirmed', 'isolating', 'in_treatment', 're_positive']);

type Place = 'centralized' | 'reserve' | 'hotel' | 'field' | 'district' | 'provincial';

export interface QuarantineSeedOptions {
  seed: number;
  /** a province health officer: sets up the facilities, admits, tests, checks and discharges */
  officer: Actor;
  provinceId: number;
  /** the district whose people the browser tests use (Hạ Long): nobody of it is admitted */
  avoidDistrictId: number;
  now?: Date;
}

export interface QuarantineSeedResult {
  facilities: number;
  /** active quarantine stays: F1s in the centralized area and at home, arrivals in the hotel */
  centralized: number;
  atHome: number;
  hotel: number;
  /** active treatment stays, and those of them at home */
  treated: number;
  treatedAtHome: number;
  discharged: number;
  healthChecks: number;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** Vietnam wall time (UTC+7) of a day as an instant. */
const vnTime = (day: string, hour: number, minute = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + (hour - 7) * 3_600_000 + minute * 60_000);

function shuffled<T>(items: readonly T[], rng: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Rooms `prefix` + numbers from..to, of `capacity` places; oxygen and ICU rooms list their beds (the capacity view counts them). */
function rooms(prefix: string, from: number, to: number, capacity: number, beds?: 'oxygen' | 'icu') {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    code: `${prefix}${String(from + i).padStart(2, '0')}`,
    capacity,
    beds: beds ? Array.from({ length: capacity }, (_, k) => ({ code: `G${k + 1}`, kind: beds })) : [],
  }));
}

/** The facilities, by the commune (GSO code) they lie in; none in Hồng Gai, where the browser test builds its own. */
const FACILITIES: Record<Place, { commune: string; input: Omit<FacilityInput, 'communeId'>; managedByProvince?: boolean }> = {
  centralized: {
    commune: '06823', // Phường Nam Khê, Uông Bí
    managedByProvince: true,
    input: {
      code: 'KCL-DHHL',
      name: 'Khu cách ly tập trung Ký túc xá Trường Đại học Hạ Long (cơ sở Uông Bí)',
      kind: 'quarantine_centralized',
      addressLine: '258 đường Bạch Đằng',
      zones: [
        { name: 'Nhà K1', rooms: rooms('K1-', 1, 8, 6) },
        { name: 'Nhà K2', rooms: rooms('K2-', 1, 8, 6) },
      ],
    },
  },
  reserve: {
    commune: '07072', // Phường Đông Triều
    input: {
      code: 'KCL-QSDT',
      name: 'Khu cách ly tập trung Ban Chỉ huy Quân sự thị xã Đông Triều',
      kind: 'quarantine_centralized',
      addressLine: 'Doanh trại Ban Chỉ huy Quân sự thị xã',
      zones: [{ name: 'Dãy nhà A', rooms: rooms('A', 1, 4, 10) }],
    },
  },
  hotel: {
    commune: '06994', // Thị trấn Cái Rồng, Vân Đồn (the airport's district)
    input: {
      code: 'KS-HOANGGIA-VD',
      name: 'Khách sạn Hoàng Gia Vân Đồn',
      kind: 'quarantine_hotel',
      paid: true,
      fundingSource: 'self',
      familyRooms: true,
      addressLine: 'Khu 3, thị trấn Cái Rồng',
      zones: [{ name: 'Tầng 2', rooms: rooms('P2', 1, 6, 2) }],
    },
  },
  field: {
    commune: '06784', // Phường Cẩm Thủy, Cẩm Phả
    input: {
      code: 'BVDC-01',
      name: 'Bệnh viện dã chiến số 1 (Nhà thi đấu thành phố Cẩm Phả)',
      kind: 'treatment_field',
      tier: 1,
      oxygenBeds: 8,
      addressLine: 'Đường Trần Phú',
      zones: [
        { name: 'Khu A – điều trị', rooms: rooms('A', 1, 4, 8) },
        { name: 'Khu B – thở oxy', rooms: rooms('B', 1, 2, 4, 'oxygen') },
      ],
    },
  },
  district: {
    commune: '07132', // Phường Quảng Yên
    input: {
      code: 'TTYT-QY',
      name: 'Trung tâm Y tế thị xã Quảng Yên – khu điều trị COVID-19',
      kind: 'treatment_district',
      tier: 2,
      oxygenBeds: 4,
      addressLine: 'Đường Ngô Quyền',
      zones: [
        { name: 'Tầng 1 – Khoa Truyền nhiễm', rooms: rooms('TN', 1, 3, 4) },
        { name: 'Tầng 2 – Hồi sức, thở oxy', rooms: rooms('HS', 1, 1, 4, 'oxygen') },
      ],
    },
  },
  provincial: {
    commune: '06694', // Phường Bạch Đằng, Hạ Long
    managedByProvince: true,
    input: {
      code: 'BVDK-QN',
      name: 'Bệnh viện Đa khoa tỉnh Quảng Ninh',
      kind: 'treatment_provincial',
      tier: 3,
      oxygenBeds: 4,
      icuBeds: 6,
      addressLine: '651 đường Lê Thánh Tông',
      zones: [
        { name: 'Tầng 1 – Khoa Bệnh nhiệt đới', rooms: rooms('ND', 1, 2, 4) },
        { name: 'Tầng 3 – Khoa Hồi sức tích cực', rooms: [...rooms('ICU', 1, 2, 3, 'icu'), ...rooms('OX', 1, 1, 4, 'oxygen')] },
      ],
    },
  },
};

/** Who is on duty at each running facility, since it opened a week ago. */
const STAFF: Partial<Record<Place, [fullName: string, role: string][]>> = {
  centralized: [
    ['Nguyễn Văn Hùng', 'Trưởng khu (Bộ Chỉ huy Quân sự tỉnh)'],
    ['Phạm Thị Thu Hà', 'Bác sĩ phụ trách y tế'],
    ['Đỗ Minh Khoa', 'Công an bảo vệ'],
  ],
  hotel: [
    ['Lưu Thị Mai', 'Quản lý khách sạn'],
    ['Vũ Đức Thắng', 'Nhân viên y tế (Trung tâm Y tế huyện Vân Đồn)'],
  ],
  field: [
    ['Hoàng Minh Tuấn', 'Bác sĩ trưởng khu điều trị'],
    ['Đinh Thị Ngọc', 'Điều dưỡng trưởng'],
  ],
  district: [['Ngô Quang Huy', 'Bác sĩ khoa Truyền nhiễm']],
  provincial: [['Bùi Thị Lan Anh', 'Bác sĩ khoa Hồi sức tích cực']],
};

/** Plan targets: places the province, and the districts that host its facilities, must be able to hold. */
const TARGETS: { unit: 'province' | Place; kind: 'quarantine' | 'treatment'; target: number }[] = [
  { unit: 'province', kind: 'quarantine', target: 2_000 },
  { unit: 'province', kind: 'treatment', target: 1_000 },
  { unit: 'centralized', kind: 'quarantine', target: 300 },
  { unit: 'field', kind: 'treatment', target: 200 },
  { unit: 'district', kind: 'treatment', target: 100 },
];

export async function seedQuarantine(handle: DbHandle, o: QuarantineSeedOptions): Promise<QuarantineSeedResult> {
  const db = handle.db;
  const actor = o.officer;
  const now = o.now ?? new Date();
  const today = todayInVietnam(now);
  const rng = new Random(mix32(o.seed ^ hashString('quarantine')));
  const rules = (await profileInForce(db, DISEASE, today)).rules;
  const f1Days = quarantinePlan(rules, 'close_contact', null, today).days;
  const treatmentDays = treatmentPlan(rules).days;
  /** An instant of a past day, or just before now when that moment is still to come. */
  const past = (day: string, hour: number, minute = 0) => new Date(Math.min(vnTime(day, hour, minute).getTime(), now.getTime() - 60_000)).toISOString();

  // ---- facilities -------------------------------------------------------------------------------
  const communes = new Map((await communesOf(db, o.provinceId)).map((c) => [c.code, c]));
  const facility = {} as Record<Place, FacilityDetail>;
  for (const [place, def] of Object.entries(FACILITIES) as [Place, (typeof FACILITIES)[Place]][]) {
    const commune = communes.get(def.commune);
    if (!commune) throw new Error(`demo quarantine: commune ${def.commune} is missing`);
    facility[place] = await createFacility(db, actor, { ...def.input, communeId: commune.id, managingUnitId: def.managedByProvince ? o.provinceId : null });
    if (place !== 'reserve') facility[place] = await setFacilityStatus(db, actor, facility[place].id, { status: 'active' });
    for (const [fullName, role] of STAFF[place] ?? []) await addStaff(db, actor, facility[place].id, { fullName, role, onDutyFrom: past(addDays(today, -7), 7) });
  }
  for (const t of TARGETS) {
    const unitId = t.unit === 'province' ? o.provinceId : communes.get(FACILITIES[t.unit].commune)!.districtId!;
    await setCapacityTarget(db, actor, { unitId, kind: t.kind, target: t.target }, now);
  }

  // ---- who: the cases and their F1s, read through the cases service -----------------------------
  const outside = (p: PersonSummary | null): p is PersonSummary => p !== null && p.mergedInto === null && p.districtId !== o.avoidDistrictId;
  const clear = (p: PersonSummary | null): p is PersonSummary => outside(p) && !E2E_SURNAMES.some((s) => foldKey(p.fullName).startsWith(`${s} `));
  const confirmed = (await listCases(db, actor, { limit: 500 })).rows
    .filter((c): c is CaseView & { confirmedAt: string } => TREATABLE.has(c.status) && c.confirmedAt !== null)
    .sort((a, b) => a.confirmedAt.localeCompare(b.confirmedAt) || a.id - b.id);
  const dayOf = (c: { confirmedAt: string }) => todayInVietnam(new Date(c.confirmedAt));
  const lastDay = confirmed.length ? dayOf(confirmed[confirmed.length - 1]) : today;

  // F1s are admitted the day after their case was confirmed; each day is a cohort. The last days
  // whose quarantine still runs today, and the day whose quarantine ended yesterday.
  const firstActive = addDays(today, -Math.min(f1Days - 1, ACTIVE_DAYS));
  const endedDay = addDays(today, -f1Days);
  const f1sByDay = new Map<string, PersonSummary[]>();
  for (const c of confirmed) {
    const day = addDays(dayOf(c), 1);
    if ((day !== endedDay && day < firstActive) || day >= today) continue;
    // A day's cases are read until they give the people that day takes.
    const found = f1sByDay.get(day) ?? [];
    if (found.length >= (day === endedDay ? DISCHARGED_COHORT : PER_COHORT + AT_HOME)) continue;
    const rows = (await listContacts(db, actor, { caseId: c.id, level: 1, limit: 30 })).rows;
    f1sByDay.set(day, [...found, ...rows.map((r) => r.person).filter(clear)]);
  }
  const cohorts = [...f1sByDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, people]) => ({ day, people: shuffled([...new Map(people.map((p) => [p.id, p])).values()].sort((a, b) => a.id - b.id), rng) }));

  const result: QuarantineSeedResult = { facilities: Object.keys(facility).length, centralized: 0, atHome: 0, hotel: 0, treated: 0, treatedAtHome: 0, discharged: 0, healthChecks: 0 };
  const toDischarge: { stayId: number; day: string }[] = [];
  const checks: { stayId: number; at: string; patient: boolean; warning: boolean }[] = [];

  // ---- quarantine: F1 cohorts in the centralized area, the latest day's others at home ---------
  // The latest day's first few isolate at home (a household that can keep apart, a sign on the door).
  const latest = cohorts.filter((c) => c.day >= firstActive).at(-1);
  const home = latest && latest.people.length > 1 ? latest.people.slice(0, Math.min(AT_HOME, latest.people.length - 1)) : [];
  for (const [i, cohort] of cohorts.entries()) {
    const ended = cohort.day < firstActive;
    const inFacility = cohort.people.slice(cohort === latest ? home.length : 0).slice(0, ended ? DISCHARGED_COHORT : PER_COHORT);
    if (inFacility.length === 0) continue;
    // The rule in force may send F1s home: the province keeps an outbreak's F1s centralized, as provinces did.
    const admitted = await admit(
      db,
      actor,
      { facilityId: facility.centralized.id, source: 'f1_list', personIds: inFacility.map((p) => p.id), admittedAt: past(cohort.day, 9, 30 + i), placeReason: CENTRALIZED_BY_DECISION },
      now,
    );
    for (const s of admitted.stays) {
      if (ended) toDischarge.push({ stayId: s.stayId!, day: s.plannedUntil });
      else result.centralized++;
    }
    // The newest cohort's temperatures this morning.
    if (cohort === latest) for (const s of admitted.stays.slice(0, 2)) checks.push({ stayId: s.stayId!, at: past(today, 7, 15), patient: false, warning: false });
  }
  if (latest && home.length) {
    const admitted = await admit(db, actor, { facilityId: null, source: 'f1_list', personIds: home.map((p) => p.id), admittedAt: past(latest.day, 15) }, now);
    for (const s of admitted.stays) {
      result.atHome++;
      checks.push({ stayId: s.stayId!, at: past(today, 8), patient: false, warning: false });
      if (rules.quarantine.rules.find((r) => r.id === s.ruleId)?.signAtHome) await setHouseSign(db, actor, s.stayId!, { action: 'post', on: latest.day }, now);
    }
  }

  // ---- arrivals: a flight landed at Vân Đồn two days ago; the travellers are in the paid hotel --
  const searched = (await searchPeople(db, actor, { q: 'Nguyễn', limit: 200 })).rows.filter(clear);
  const ids = searched.map((p) => p.id);
  const [open, traced] = await Promise.all([casesOfPeople(db, ids), currentLevels(db, ids)]);
  const travellers = shuffled(searched.filter((p) => !open.has(p.id) && !traced.has(p.id)), rng).slice(0, ARRIVALS);
  if (travellers.length) {
    const flight = addDays(today, -2);
    const admitted = await admit(
      db,
      actor,
      { facilityId: facility.hotel.id, source: 'checkpoint', category: 'arrival_abroad', vaccination: 'fully_vaccinated', personIds: travellers.map((p) => p.id), admittedAt: past(flight, 14, 20) },
      now,
    );
    result.hotel += admitted.admitted;
  }

  // ---- treatment: the cases confirmed before the last day, by tier -------------------------------
  // The last day's cases wait for a place (and the browser test admits the newest of them).
  const firstTreated = addDays(today, -(treatmentDays - 1));
  const patients = confirmed.filter((c) => dayOf(c) < lastDay && outside(c.person));
  let inTreatment = 0;
  const firsts = new Set<string>();
  const moves: { stay: AdmittedStay; facility: FacilityDetail; kind: 'oxygen' | 'icu'; reason: string }[] = [];
  for (const c of patients) {
    const day = dayOf(c);
    const ended = day < firstTreated;
    // Released within the last week: their discharges show on the capacity view.
    if (ended && addDays(day, treatmentDays - 1) < addDays(today, -7)) continue;
    const place = ended ? 'field' : TREATMENT_ORDER[inTreatment++];
    if (!place) break;
    const [s] = (await admit(db, actor, { facilityId: place === 'home' ? null : facility[place].id, source: 'case', caseId: c.id, admittedAt: past(day, 20, c.id % 60) }, now)).stays;
    if (ended) {
      toDischarge.push({ stayId: s.stayId!, day: s.plannedUntil });
      continue;
    }
    result.treated++;
    if (place === 'home') result.treatedAtHome++;
    // This morning's rounds have reached the first patient of each place and those at home.
    const check = { stayId: s.stayId!, at: past(today, 7, 30 + (c.id % 20)), patient: true, warning: false };
    if (place === 'home' || !firsts.has(place)) checks.push(check);
    // The first patient of each hospital is its sickest: the provincial one in intensive care, the
    // district one on oxygen, the field hospital's worsening this morning, put on oxygen while
    // the transfer to tier 2 is decided. They move once everyone is in, so that allocation, which
    // fills a cohort's open rooms first, does not follow them there.
    if (firsts.has(place)) continue;
    firsts.add(place);
    if (place === 'provincial') moves.push({ stay: s, facility: facility.provincial, kind: 'icu', reason: 'Suy hô hấp, chuyển Hồi sức tích cực' });
    if (place === 'district') moves.push({ stay: s, facility: facility.district, kind: 'oxygen', reason: 'SpO2 giảm, cần thở oxy' });
    if (place === 'field') {
      moves.push({ stay: s, facility: facility.field, kind: 'oxygen', reason: 'SpO2 94%, thở oxy chờ chuyển tầng 2' });
      check.warning = true;
    }
  }
  // Staff move each to a room of beds of the kind (allocation gives normal beds first).
  for (const m of moves) {
    const room = m.facility.zones.flatMap((z) => z.rooms).find((r) => r.beds.length > 0 && r.beds.every((b) => b.kind === m.kind));
    if (room && room.id !== m.stay.room?.id) await moveStayRoom(db, actor, m.stay.stayId!, { roomId: room.id, bedId: null, reason: m.reason });
  }

  // ---- tests already due: read negative on their day; then the stays whose period ended leave ---
  const due = await dueTests(db, actor, { dueOn: addDays(today, -1), limit: 500 });
  for (const [i, t] of due.rows.entries()) {
    await recordStayTest(db, actor, t.stayId, t.id, { result: 'negative', testedAt: past(t.dueOn, 8, i % 60) }, now);
  }
  for (const d of toDischarge) {
    await dischargeStay(db, actor, d.stayId, { at: past(d.day, 16), note: 'Hết thời gian, xét nghiệm âm tính' }, now);
    result.discharged++;
  }

  // ---- this morning's health checks; a field-hospital patient shows warning signs ---------------
  for (const c of checks) {
    const vitals = c.patient
      ? c.warning
        ? { temperature: 38.4, spo2: 94, respiratoryRate: 24, pulse: 104, systolic: 125, diastolic: 80, symptoms: ['cough', 'shortness_of_breath'] }
        : { temperature: 36.5 + rng.int(0, 8) / 10, spo2: rng.int(96, 99), respiratoryRate: rng.int(16, 20), pulse: rng.int(70, 92), systolic: rng.int(110, 130), diastolic: rng.int(68, 84), symptoms: rng.chance(0.4) ? ['cough'] : [] }
      : { temperature: 36.4 + rng.int(0, 7) / 10, symptoms: [] };
    await recordHealthCheck(db, actor, c.stayId, { ...vitals, at: c.at }, now);
    result.healthChecks++;
  }
  return result;
}
