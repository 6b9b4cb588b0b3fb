// The pure rules of monitoring, on the shipped COVID-19 profile (no database).
import { describe, expect, it } from 'vitest';
import { covid19Profile2021 } from '../../shared/profiles/covid19-2021.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { ageOn, evaluateWarningSigns, nextTier, requiredMeasures, respiratoryBand, symptomChoices } from './warning-signs.js';
import { daysUntilFull, linearTrend } from './capacity-projection.js';
import { dailyAmount, maxPaidDays, paidDays, stayDays } from './cost-rules.js';

const rules = covid19Profile2021.rules;
const signs = rules.treatment.warningSigns;
const none = { temperature: null, spo2: null, respiratoryRate: null, pulse: null, systolic: null, diastolic: null, symptoms: [] as string[] };

describe('warning signs from the profile', () => {
  it('counts age in whole years from the birth date, else from the year', () => {
    expect(ageOn('2021-09-10', { birthDate: '2016-09-11', birthYear: 2016 })).toBe(4);
    expect(ageOn('2021-09-11', { birthDate: '2016-09-11', birthYear: 2016 })).toBe(5);
    expect(ageOn('2021-01-01', { birthDate: null, birthYear: 1980 })).toBe(41);
  });

  it('picks the respiratory band of the age, bounds inclusive from, exclusive to', () => {
    expect(respiratoryBand(signs, 4)?.minRate).toBe(40);
    expect(respiratoryBand(signs, 5)?.minRate).toBe(30);
    expect(respiratoryBand(signs, 12)?.minRate).toBe(21);
    expect(respiratoryBand(signs, 0)).toBeNull();
  });

  it('finds nothing in a normal check and nothing in measures not taken', () => {
    expect(evaluateWarningSigns(signs, { ...none, temperature: 37.2, spo2: 98, respiratoryRate: 18, pulse: 80, systolic: 120, diastolic: 80, symptoms: ['cough'] }, 40)).toEqual([]);
    expect(evaluateWarningSigns(signs, none, 40)).toEqual([]);
  });

  it('names every sign crossed with the threshold of the profile', () => {
    const found = evaluateWarningSigns(
      signs,
      { temperature: 39, spo2: 93, respiratoryRate: 21, pulse: 125, systolic: 85, diastolic: 55, symptoms: ['cough', 'chest_pain', 'cyanosis', 'chest_pain'] },
      40,
    );
    expect(found).toEqual([
      { code: 'respiratory_rate', value: 21, threshold: 21 },
      { code: 'spo2_low', value: 93, threshold: 96 },
      { code: 'pulse_high', value: 125, threshold: 120 },
      { code: 'systolic_low', value: 85, threshold: 90 },
      { code: 'diastolic_low', value: 55, threshold: 60 },
      { code: 'symptom', value: 'chest_pain', threshold: null },
      { code: 'symptom', value: 'cyanosis', threshold: null },
    ]);
    // SpO2 exactly at the threshold is not below it; a slow pulse is its own sign.
    expect(evaluateWarningSigns(signs, { ...none, spo2: 96, pulse: 45 }, 40)).toEqual([{ code: 'pulse_low', value: 45, threshold: 50 }]);
  });

  it('judges breathing by the age band: 35/min is a sign at 6 years, not at 3', () => {
    expect(evaluateWarningSigns(signs, { ...none, respiratoryRate: 35 }, 6)).toEqual([{ code: 'respiratory_rate', value: 35, threshold: 30 }]);
    expect(evaluateWarningSigns(signs, { ...none, respiratoryRate: 35 }, 3)).toEqual([]);
  });

  it('follows a changed profile, not constants', () => {
    const changed: ProfileRules['treatment']['warningSigns'] = { ...signs, spo2Below: 94, symptoms: [{ code: 'fever', name: { vi: 'Sốt', en: 'Fever' } }] };
    expect(evaluateWarningSigns(changed, { ...none, spo2: 95, symptoms: ['fever'] }, 30)).toEqual([{ code: 'symptom', value: 'fever', threshold: null }]);
  });

  it('asks a patient for the monitoring measures, anyone else for the temperature', () => {
    expect(requiredMeasures(rules, { kind: 'quarantine', risk: 'f1' })).toEqual(['temperature']);
    expect(requiredMeasures(rules, { kind: 'treatment', risk: 'f0' }).sort()).toEqual(['diastolic', 'pulse', 'respiratoryRate', 'spo2', 'systolic', 'temperature']);
    const fewer = structuredClone(rules);
    fewer.treatment.monitoring.measures = ['spo2'];
    expect(requiredMeasures(fewer, { kind: 'quarantine', risk: 'f0' })).toEqual(['temperature', 'spo2']);
  });

  it('offers declaration and warning symptoms once each, the warning ones marked', () => {
    const choices = symptomChoices(rules);
    expect(choices.map((c) => c.code)).toEqual(['fever', 'cough', 'shortness_of_breath', 'pneumonia', 'sore_throat', 'fatigue', 'chest_pain', 'altered_consciousness', 'cyanosis', 'unable_to_drink']);
    expect(choices.filter((c) => c.warning)).toHaveLength(4);
  });

  it('proposes the next tier of the profile above the current one', () => {
    expect(nextTier(rules, 0)).toBe(1);
    expect(nextTier(rules, 1)).toBe(2);
    expect(nextTier(rules, 3)).toBeNull();
  });
});

describe('days until full', () => {
  it('fits the line through the daily admissions', () => {
    expect(linearTrend([10, 12, 14, 16, 18, 20, 22])).toEqual({ intercept: 10, slope: 2 });
    expect(linearTrend([5, 5, 5])).toEqual({ intercept: 5, slope: 0 });
  });

  it('fills the free places at a steady net inflow', () => {
    // 100 free, 20 in and 10 out a day: full after 10 days.
    expect(daysUntilFull({ capacity: 500, occupied: 400, admissions: [20, 20, 20, 20, 20, 20, 20], discharges: [10, 10, 10, 10, 10, 10, 10] })).toBe(10);
  });

  it('projects a rising trend rising, so it fills sooner than the mean says', () => {
    const rising = { capacity: 300, occupied: 200, admissions: [2, 4, 6, 8, 10, 12, 14], discharges: [0, 0, 0, 0, 0, 0, 0] };
    // Next days: 16, 18, 20, 22, 24 → 100 reached on day 5 (mean 8 a day would say 13).
    expect(daysUntilFull(rising)).toBe(5);
  });

  it('says full when full, and never when admissions fall or discharges keep up', () => {
    expect(daysUntilFull({ capacity: 50, occupied: 50, admissions: [1], discharges: [0] })).toBe(0);
    expect(daysUntilFull({ capacity: 100, occupied: 10, admissions: [14, 12, 10, 8, 6, 4, 2], discharges: [0, 0, 0, 0, 0, 0, 0] })).toBeNull();
    expect(daysUntilFull({ capacity: 100, occupied: 90, admissions: [5, 5, 5, 5, 5, 5, 5], discharges: [5, 5, 5, 5, 5, 5, 5] })).toBeNull();
    expect(daysUntilFull({ capacity: 0, occupied: 0, admissions: [], discharges: [] })).toBeNull();
  });

  it('stops at the horizon', () => {
    const slow = { capacity: 1000, occupied: 0, admissions: [1, 1, 1, 1, 1, 1, 1], discharges: [0, 0, 0, 0, 0, 0, 0] };
    expect(daysUntilFull(slow)).toBeNull();
    expect(daysUntilFull(slow, 1000)).toBe(1000);
  });
});

describe('costs from the profile', () => {
  it("pays the profile's per-day support to F0 and F1 only", () => {
    expect(dailyAmount(rules, 'f1')).toBe(80_000);
    expect(dailyAmount(rules, 'f0')).toBe(80_000);
    expect(dailyAmount(rules, 'f2')).toBe(0);
    expect(dailyAmount(rules, 'arrival')).toBe(0);
    const changed = structuredClone(rules);
    changed.support.items = changed.support.items.map((i) => (i.code === 'f0_f1_daily' ? { ...i, amountVnd: 120_000 } : i));
    expect(dailyAmount(changed, 'f1')).toBe(120_000);
    changed.support.items = changed.support.items.filter((i) => i.code !== 'f0_f1_daily');
    expect(dailyAmount(changed, 'f1')).toBe(0);
  });

  it("caps the days paid by the stay's risk (Resolution 68: 45 days treated, 21 quarantined); no cap without one", () => {
    expect([maxPaidDays(rules, 'f0'), maxPaidDays(rules, 'f1'), maxPaidDays(rules, 'arrival')]).toEqual([45, 21, null]);
    expect([paidDays(30, 21), paidDays(10, 21), paidDays(60, null)]).toEqual([21, 10, 60]);
  });

  it('counts the days begun in the stay: through today while active, to the discharge day after', () => {
    expect(stayDays('2021-09-01', null, '2021-09-01')).toBe(1);
    expect(stayDays('2021-09-01', null, '2021-09-14')).toBe(14);
    expect(stayDays('2021-09-01', '2021-09-15', '2021-10-01')).toBe(14);
    expect(stayDays('2021-09-01', '2021-09-01', '2021-10-01')).toBe(1);
    expect(stayDays('2021-08-25', null, '2021-09-05')).toBe(12);
  });
});
