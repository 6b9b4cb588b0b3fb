import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from '../../shared/i18n/messages/quarantine-web.vi.json';
import en from '../../shared/i18n/messages/quarantine-web.en.json';
import { hasMessage } from '../../shared/i18n/index.js';
import {
  ADMISSION_SOURCES,
  ADMISSION_VACCINATION,
  BED_KINDS,
  CAMERA_STATUSES,
  FACILITY_KINDS,
  FACILITY_STATUSES,
  facilityInput,
  FUNDING_SOURCES,
  ROOM_SEXES,
  STAY_CATEGORIES,
  STAY_EVENT_KINDS,
  STAY_KINDS,
  STAY_PLACES,
  STAY_RISKS,
  STAY_SOURCES,
  STAY_STATUSES,
  STAY_TEST_RESULTS,
} from '../../shared/api/quarantine.js';
import { addRooms, admitBody, admitField, cohortKeys, mixesCohorts, draftsOf, eventDetail, fieldPath, kindsOfParam, roomRange, sameAdmission, staysQueryOf, structureOf, structureSpot, totalsOf, type ZoneDraft } from './model';
import { QUARANTINE_TABS, quarantineTabOf } from './tabs';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

/** Every literal t('…') key of the screens (plural ones are looked up by their _other form). */
function literalKeys(): string[] {
  const dir = import.meta.dirname;
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) found.add(m[1]);
  }
  return [...found];
}

const zone = (rooms: string[], name = 'Khu A'): ZoneDraft => ({ key: name, name, rooms: rooms.map((code) => ({ key: code, code, capacity: 4, sex: 'any', beds: [], occupied: 0 })) });

describe('quarantine screens: words', () => {
  it('have the same strings in Vietnamese and English, and a name for everything the server sends', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    const wanted = [
      ...FACILITY_KINDS.map((k) => `quarantineUi.kind.${k}`),
      ...FACILITY_STATUSES.flatMap((s) => [`quarantineUi.facilityStatus.${s}`, `quarantineUi.facility.statusAction.${s}`]),
      ...FUNDING_SOURCES.map((f) => `quarantineUi.funding.${f}`),
      ...ROOM_SEXES.map((s) => `quarantineUi.roomSex.${s}`),
      ...BED_KINDS.flatMap((b) => [`quarantineUi.bedKind.${b}`, `quarantineUi.bedKindShort.${b}`]),
      ...CAMERA_STATUSES.map((c) => `quarantineUi.cameraStatus.${c}`),
      ...STAY_KINDS.map((k) => `quarantineUi.stayKind.${k}`),
      ...STAY_PLACES.map((p) => `quarantineUi.place.${p}`),
      ...STAY_CATEGORIES.map((c) => `quarantineUi.category.${c}`),
      ...STAY_RISKS.map((r) => `quarantineUi.risk.${r}`),
      ...STAY_SOURCES.map((s) => `quarantineUi.source.${s}`),
      ...ADMISSION_SOURCES.map((s) => `quarantineUi.admit.sourceHint.${s}`),
      ...STAY_STATUSES.map((s) => `quarantineUi.stayStatus.${s}`),
      ...STAY_EVENT_KINDS.map((k) => `quarantineUi.event.${k}`),
      ...STAY_TEST_RESULTS.map((r) => `quarantineUi.testResult.${r}`),
      ...ADMISSION_VACCINATION.map((v) => `quarantineUi.vaccination.${v}`),
      ...QUARANTINE_TABS.map((tab) => `quarantineUi.tabs.${tab.key}`),
      ...(['range_format', 'range_prefix', 'range_order', 'range_too_long'] as const).map((e) => `quarantineUi.bulk.${e}`),
      ...(['move', 'transfer', 'discharge'] as const).flatMap((a) => [`quarantineUi.stay.${a}`, `quarantineUi.stay.${a}Title`, `quarantineUi.stay.done.${a}`]),
    ];
    expect(wanted.filter((k) => !hasMessage(k))).toEqual([]);
    const used = literalKeys();
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((k) => !hasMessage(k) && !hasMessage(`${k}_other`))).toEqual([]);
  });

  it('name every detail an event can show', () => {
    const samples: [string, Record<string, unknown>][] = [
      ['admitted', { source: 'f1_list' }],
      ['admitted', { source: 'transfer', fromStayId: 3 }],
      ['moved_room', { toRoomCode: '102', reason: 'Gia đình', mixesCohort: true }],
      ['moved_room', { toRoomCode: '102', reason: 'Gia đình', mixesCohort: false }],
      ['test_recorded', { dayNumber: 7, result: 'negative' }],
      ['test_recorded', { dayNumber: 7, result: null, sampleCode: 'S1' }],
      ['extended', { reason: 'own_positive_test', from: '2021-08-14', to: '2021-08-28' }],
      ['extended', { reason: 'roommate_positive_test', from: '2021-08-14', to: '2021-08-28' }],
      ['transfer_proposed', { fromTier: 1, toTier: 2 }],
      ['transferred', { toStayId: 9, reason: 'Chuyển tầng' }],
      ['discharged', { certificateNumber: '1/GXN-A', note: '' }],
      ['discharged', { certificateNumber: '1/GXN-A', note: 'Khỏe' }],
      ['handed_over', { monitoringDays: 7, monitorUntil: '2021-09-01' }],
    ];
    const missing = samples.map(([k, p]) => eventDetail(k, p)!.key).filter((key) => !hasMessage(`quarantineUi.eventDetail.${key}`));
    expect(missing).toEqual([]);
  });
});

describe('quarantine screens: facility structure', () => {
  it('turns a range of room numbers into codes, keeping prefix and width', () => {
    expect(roomRange('101', '120')).toEqual({ codes: Array.from({ length: 20 }, (_, i) => String(101 + i)) });
    expect(roomRange('a01', 'A12')).toEqual({ codes: Array.from({ length: 12 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`) });
    expect(roomRange('B-8', 'B-11')).toEqual({ codes: ['B-8', 'B-9', 'B-10', 'B-11'] });
    expect(roomRange('201', '201')).toEqual({ codes: ['201'] });
    expect(roomRange('A1', 'B3')).toEqual({ error: 'range_prefix' });
    expect(roomRange('120', '101')).toEqual({ error: 'range_order' });
    expect(roomRange('P', 'Q')).toEqual({ error: 'range_format' });
    expect(roomRange('1', '501')).toEqual({ error: 'range_too_long' });
    expect(roomRange('1', '500')).toMatchObject({ codes: expect.arrayContaining(['1', '500']) });
    expect(roomRange('Phòng 1', 'Phòng 2')).toEqual({ error: 'range_format' });
  });

  it('adds rooms to the zone chosen, skipping codes the facility has anywhere, with beds when asked', () => {
    const zones = [zone(['101', '102']), zone(['201'], 'Khu B')];
    const range = roomRange('200', '203');
    if ('error' in range) throw new Error(range.error);
    const out = addRooms(zones, { zoneIndex: 1, codes: range.codes, capacity: 2, sex: 'female', bedKind: 'oxygen' });
    expect(out.added).toBe(3);
    expect(out.skipped).toEqual(['201']);
    expect(out.zones[0]).toBe(zones[0]);
    expect(out.zones[1].rooms.map((r) => r.code)).toEqual(['201', '200', '202', '203']);
    expect(out.zones[1].rooms[1]).toMatchObject({ capacity: 2, sex: 'female', beds: [{ code: '1', kind: 'oxygen' }, { code: '2', kind: 'oxygen' }] });
    expect(totalsOf(out.zones)).toEqual({ rooms: 6, capacity: 4 * 3 + 2 * 3, beds: 6, oxygen: 6, icu: 0 });
  });

  it('builds a structure the shared contract accepts, and reads a stored one back', () => {
    const range = roomRange('101', '120');
    if ('error' in range) throw new Error(range.error);
    const { zones } = addRooms([zone([])], { zoneIndex: 0, codes: range.codes, capacity: 4, sex: 'any', bedKind: null });
    const input = { code: 'KCL-BC1', name: 'Khu cách ly Bãi Cháy', kind: 'quarantine_centralized', tier: null, communeId: 5, zones: structureOf(zones) };
    const parsed = facilityInput.safeParse(input);
    expect(parsed.success).toBe(true);
    const stored = [{ id: 1, name: 'Khu A', rooms: [{ id: 7, code: '101', capacity: 4, sex: 'male' as const, occupied: 3, cohorts: [], beds: [{ id: 1, code: '1', kind: 'icu' as const, occupied: true }] }] }];
    const drafts = draftsOf(stored);
    expect(drafts[0].rooms[0]).toMatchObject({ code: '101', capacity: 4, sex: 'male', occupied: 3, beds: [{ code: '1', kind: 'icu' }] });
    expect(structureOf(drafts)).toEqual([{ name: 'Khu A', rooms: [{ code: '101', capacity: 4, sex: 'male', beds: [{ code: '1', kind: 'icu' }] }] }]);
  });

  it('finds the room or bed a structure error names, from the server or the shared contract', () => {
    expect(structureSpot('zones[1].rooms[42].code')).toEqual({ zone: 1, room: 42, bed: null, prop: 'code' });
    expect(structureSpot('zones[0].rooms[3].beds[2].code')).toEqual({ zone: 0, room: 3, bed: 2, prop: 'code' });
    expect(structureSpot('zones[0].rooms[3].beds')).toEqual({ zone: 0, room: 3, bed: null, prop: 'beds' });
    expect(structureSpot('zones[2].name')).toEqual({ zone: 2, room: null, bed: null, prop: 'name' });
    expect(structureSpot('code')).toBeNull();
    const dup = facilityInput.safeParse({ code: 'A', name: 'Khu A1', kind: 'quarantine_centralized', communeId: 5, zones: [{ name: 'A', rooms: [{ code: '1', capacity: 2 }, { code: '1', capacity: 2 }] }] });
    expect(dup.success).toBe(false);
    if (!dup.success) expect(structureSpot(fieldPath(dup.error.issues[0].path))).toEqual({ zone: 0, room: 1, bed: null, prop: 'code' });
  });

  it('reads the kinds a list shows from ?kind=', () => {
    expect(kindsOfParam('treatment')).toEqual(['treatment_field', 'treatment_district', 'treatment_provincial']);
    expect(kindsOfParam('quarantine')).toEqual(['quarantine_centralized', 'quarantine_hotel']);
    expect(kindsOfParam('quarantine_hotel')).toEqual(['quarantine_hotel']);
    expect(kindsOfParam(null)).toEqual([...FACILITY_KINDS]);
    expect(cohortKeys([{ admissionDay: '2021-08-01', risk: 'f1' }, { admissionDay: '2021-08-02', risk: 'f1' }])).toBe('2021-08-01:f1 2021-08-02:f1');
    // F1s of two days mix; confirmed cases of two days share a ward as allocation lets them.
    expect(mixesCohorts([{ admissionDay: '2021-08-01', risk: 'f1' }, { admissionDay: '2021-08-02', risk: 'f1' }])).toBe(true);
    expect(mixesCohorts([{ admissionDay: '2021-08-01', risk: 'f0' }, { admissionDay: '2021-08-02', risk: 'f0' }])).toBe(false);
    expect(mixesCohorts([{ admissionDay: '2021-08-01', risk: 'f1' }])).toBe(false);
  });
});

describe('quarantine screens: admission and stays', () => {
  const at = '2021-08-01T02:00:00.000Z';
  it('asks for what each source needs, and nothing else', () => {
    expect(admitBody({ facility: 4, source: 'f1_list', caseId: 9, category: 'arrival_abroad', risk: 'f2', admittedAt: at }, [1, 2], true)).toEqual({
      facilityId: 4,
      source: 'f1_list',
      personIds: [1, 2],
      caseId: 9,
      category: null,
      risk: null,
      vaccination: null,
      admittedAt: at,
      dryRun: true,
      placeReason: null,
    });
    // A reason only as typed, blank as none.
    expect(admitBody({ facility: 4, source: 'f1_list', admittedAt: null, placeReason: '  Nhà không đủ điều kiện ' }, [1], true).placeReason).toBe('Nhà không đủ điều kiện');
    expect(admitBody({ facility: 4, source: 'f1_list', admittedAt: null, placeReason: '   ' }, [1], true).placeReason).toBeNull();
    expect(admitBody({ facility: 'home', source: 'case', caseId: 9, admittedAt: null }, [1, 2], false)).toMatchObject({ facilityId: null, personIds: [], caseId: 9 });
    expect(admitBody({ facility: 4, source: 'checkpoint', caseId: 9, category: 'arrival_abroad', admittedAt: null }, [3], false)).toMatchObject({ caseId: null, category: 'arrival_abroad', risk: null });
    expect(admitBody({ facility: 4, source: 'manual', category: 'close_contact', risk: 'f2', vaccination: 'fully_vaccinated', admittedAt: null }, [3], false)).toMatchObject({
      category: 'close_contact',
      risk: 'f2',
      vaccination: 'fully_vaccinated',
    });
  });

  it('confirms only what the dry run proposed', () => {
    const choice = { facility: 4, source: 'f1_list' as const, admittedAt: at };
    const dry = admitBody(choice, [1, 2], true);
    expect(sameAdmission(dry, admitBody(choice, [1, 2], false))).toBe(true);
    expect(sameAdmission(dry, admitBody(choice, [1, 2, 3], false))).toBe(false);
    expect(sameAdmission(dry, admitBody({ ...choice, admittedAt: '2021-08-02T02:00:00.000Z' }, [1, 2], false))).toBe(false);
    expect(sameAdmission(null, dry)).toBe(false);
  });

  it('puts a server error on the admission field and row it names', () => {
    expect(admitField('personIds[3]')).toEqual({ name: 'personIds', index: 3 });
    expect(admitField('facilityId')).toEqual({ name: 'facilityId', index: null });
    expect(admitField('placeReason')).toEqual({ name: 'placeReason', index: null });
    expect(admitField('stayId')).toBeNull();
  });

  it('reads the stays filters from the address: active stays unless asked', () => {
    expect(staysQueryOf(new URLSearchParams('facilityId=3&roomId=x&page=2'))).toEqual({
      facilityId: 3,
      roomId: undefined,
      status: 'active',
      kind: undefined,
      place: undefined,
      admissionDay: undefined,
      limit: 50,
      offset: 50,
      page: 2,
    });
    expect(staysQueryOf(new URLSearchParams('status=all&kind=treatment&place=home&admissionDay=2021-08-01'))).toMatchObject({ status: undefined, kind: 'treatment', place: 'home', admissionDay: '2021-08-01' });
    expect(staysQueryOf(new URLSearchParams('status=discharged&admissionDay=1/8/2021'))).toMatchObject({ status: 'discharged', admissionDay: undefined });
  });

  it('keeps facility pages under the facilities tab', () => {
    expect(quarantineTabOf('/quarantine')).toBe('facilities');
    expect(quarantineTabOf('/quarantine/facilities/3/edit')).toBe('facilities');
    expect(quarantineTabOf('/quarantine/stays/12')).toBe('stays');
    expect(quarantineTabOf('/quarantine/admit')).toBe('admit');
  });
});
