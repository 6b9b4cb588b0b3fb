import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from '../../../shared/i18n/messages/quarantine-monitoring-web.vi.json';
import en from '../../../shared/i18n/messages/quarantine-monitoring-web.en.json';
import { hasMessage, translate } from '../../../shared/i18n/index.js';
import { MEASURES, WARNING_CODES, type HomeStayView } from '../../../shared/api/quarantine-monitoring.js';
import { PROPOSAL_STATUSES, STAY_KINDS, type FacilitySummary } from '../../../shared/api/quarantine.js';
import { covid19Profile2021 } from '../../../shared/profiles/covid19-2021.js';
import { covid19Profile2022 } from '../../../shared/profiles/covid19-2022.js';
import { symptomChoices } from '../../../server/quarantine/warning-signs.js';
import {
  bloodPressure,
  checkBody,
  facilitiesForTier,
  historyMeasures,
  homeQueryOf,
  measureOfSign,
  missingRequired,
  proposalsQueryOf,
  reportLinkUrl,
  reportState,
  shownMeasures,
  signParams,
  signState,
  symptomChoicesOf,
} from './model';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

/** Every literal t('…') key of the monitoring, capacity and costs screens. */
function literalKeys(): string[] {
  const found = new Set<string>();
  for (const sub of ['.', '../capacity', '../costs']) {
    const dir = join(import.meta.dirname, sub);
    for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) found.add(m[1]);
    }
  }
  return [...found];
}

const symptoms = [
  { code: 'cough', name: { vi: 'Ho', en: 'Cough' }, warning: false },
  { code: 'chest_pain', name: { vi: 'Đau tức ngực', en: 'Chest pain' }, warning: true },
];

describe('monitoring screens: words', () => {
  it('have the same keys in Vietnamese and English, and a word for every code shown', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    const wanted = [
      ...MEASURES.flatMap((m) => [`quarantineMonitoringUi.measure.${m}`, `quarantineMonitoringUi.measureShort.${m}`, `quarantineMonitoringUi.unit.${m}`]),
      ...PROPOSAL_STATUSES.map((s) => `quarantineMonitoringUi.proposalStatus.${s}`),
      ...STAY_KINDS.flatMap((k) => [`quarantineMonitoringUi.home.kinds.${k}`, `quarantineMonitoringUi.capacity.kind.${k}`, `quarantineMonitoringUi.capacity.totalTitle.${k}`]),
      ...(['not_required', 'missing', 'posted', 'removed', 'post', 'remove', 'postTitle', 'removeTitle'] as const).map((s) => `quarantineMonitoringUi.home.sign.${s}`),
      ...WARNING_CODES.map((c) => `quarantineMonitoring.sign.${c}`),
    ];
    expect(wanted.filter((k) => !hasMessage(k))).toEqual([]);
    const used = literalKeys();
    expect(used.length).toBeGreaterThan(150);
    expect(used.filter((k) => !hasMessage(k) && !hasMessage(`${k}_other`))).toEqual([]);
  });

  it('word a sign with its value against the threshold, and a symptom by its name', () => {
    const spo2 = { code: 'spo2_low' as const, value: 93, threshold: 96 };
    expect(translate('vi', `quarantineMonitoring.sign.${spo2.code}`, signParams(spo2, symptoms, 'vi'))).toBe('SpO2 93% (dưới 96%)');
    const pain = { code: 'symptom' as const, value: 'chest_pain', threshold: null };
    expect(signParams(pain, symptoms, 'en')).toEqual({ value: 'chest_pain', threshold: '', name: 'Chest pain' });
    expect(signParams({ ...pain, value: 'gone' }, symptoms, 'vi').name).toBe('gone');
  });
});

describe('monitoring screens: health checks', () => {
  it('shows the required measures, or all of them when asked, in the order they are taken', () => {
    expect(shownMeasures(['temperature'], false)).toEqual(['temperature']);
    expect(shownMeasures(['diastolic', 'temperature', 'spo2'], false)).toEqual(['temperature', 'spo2', 'diastolic']);
    expect(shownMeasures(['temperature'], true)).toEqual([...MEASURES]);
  });

  it('sends measures not shown or left empty as not taken, and the time only when given', () => {
    const body = checkBody({ temperature: 38.2, spo2: 95, pulse: null, symptoms: ['cough'] }, ['temperature', 'pulse']);
    expect(body).toEqual({ temperature: 38.2, spo2: null, respiratoryRate: null, pulse: null, systolic: null, diastolic: null, symptoms: ['cough'] });
    expect(checkBody({ temperature: 37, at: '2021-08-01T01:00:00.000Z' }, ['temperature'])).toMatchObject({ symptoms: [], at: '2021-08-01T01:00:00.000Z' });
    expect(missingRequired({ temperature: 37, spo2: null }, ['temperature', 'spo2', 'pulse'])).toEqual(['spo2', 'pulse']);
  });

  it('lists the symptoms exactly as the server does (declaration ones, then warning ones, each once)', () => {
    for (const p of [covid19Profile2021, covid19Profile2022]) {
      const choices = symptomChoicesOf(p.rules);
      expect(choices).toEqual(symptomChoices(p.rules));
      expect(new Set(choices.map((c) => c.code)).size).toBe(choices.length);
      expect(choices.some((c) => c.warning)).toBe(true);
    }
  });

  it('puts in the history the required measures and any other recorded, and marks the value a sign came from', () => {
    expect(historyMeasures(['temperature'], [{ temperature: 37, spo2: null }, { temperature: 37.5, pulse: 90 }])).toEqual(['temperature', 'pulse']);
    expect(measureOfSign('diastolic_low')).toBe('systolic');
    expect(measureOfSign('respiratory_rate')).toBe('respiratoryRate');
    expect(measureOfSign('symptom')).toBeNull();
    expect(bloodPressure(120, 80)).toBe('120/80');
    expect(bloodPressure(null, null)).toBe('');
    expect(bloodPressure(90, null)).toBe('90/—');
  });
});

describe('monitoring screens: transfers', () => {
  const f = (id: number, kind: FacilitySummary['kind'], tier: number | null, free: number, status: FacilitySummary['status'] = 'active') => ({ id, kind, tier, free, status, name: `F${id}` }) as FacilitySummary;

  it('offers treatment facilities of the proposed tier or higher, open, the proposed tier and most places first', () => {
    const list = [f(1, 'quarantine_centralized', null, 90), f(2, 'treatment_field', 1, 50), f(3, 'treatment_provincial', 3, 80), f(4, 'treatment_district', 2, 5), f(5, 'treatment_district', 2, 20), f(6, 'treatment_district', 2, 99, 'closed')];
    expect(facilitiesForTier(list, 2).map((x) => x.id)).toEqual([5, 4, 3]);
    expect(facilitiesForTier(list, 2, 5).map((x) => x.id)).toEqual([4, 3]);
  });

  it('reads the list from the address: pending unless asked otherwise', () => {
    expect(proposalsQueryOf(new URLSearchParams(''))).toEqual({ status: 'pending', facilityId: undefined, stayId: undefined, limit: 50, offset: 0, page: 1 });
    expect(proposalsQueryOf(new URLSearchParams('status=all&stayId=12&page=3'))).toMatchObject({ status: undefined, stayId: 12, offset: 100 });
    expect(proposalsQueryOf(new URLSearchParams('status=rejected&facilityId=x')).status).toBe('rejected');
    expect(proposalsQueryOf(new URLSearchParams('status=bogus')).status).toBe('pending');
  });
});

describe('monitoring screens: home stays', () => {
  const reports = (today: number, expectedPerDay: number) => ({ today, expectedPerDay, lastAt: null, lastWarnings: [] });
  it('tells how today stands against the reports the profile asks', () => {
    expect(reportState(reports(0, 2))).toBe('none');
    expect(reportState(reports(1, 2))).toBe('partial');
    expect(reportState(reports(3, 2))).toBe('done');
  });

  it('knows the sign on the house and what comes next', () => {
    const sign = (s: Partial<HomeStayView['sign']>): HomeStayView['sign'] => ({ required: true, postedOn: null, removedOn: null, ...s });
    expect(signState(sign({ required: false }))).toEqual({ state: 'not_required', next: null });
    expect(signState(sign({}))).toEqual({ state: 'missing', next: 'post' });
    expect(signState(sign({ postedOn: '2021-08-01' }))).toEqual({ state: 'posted', next: 'remove' });
    expect(signState(sign({ postedOn: '2021-08-01', removedOn: '2021-08-03' }))).toEqual({ state: 'removed', next: 'post' });
  });

  it('reads the filters from the address and builds the self-report link', () => {
    expect(homeQueryOf(new URLSearchParams('communeId=3255&kind=treatment&missingToday=true'))).toMatchObject({ communeId: 3255, kind: 'treatment', missingToday: true, offset: 0 });
    expect(homeQueryOf(new URLSearchParams('kind=x&missingToday=1'))).toMatchObject({ kind: undefined, missingToday: undefined });
    expect(reportLinkUrl('https://phongdich.example.vn/', 'ab-_c+d')).toBe('https://phongdich.example.vn/p/tu-bao-suc-khoe?token=ab-_c%2Bd');
  });
});
