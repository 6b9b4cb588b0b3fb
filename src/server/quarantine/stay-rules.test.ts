import { describe, expect, it } from 'vitest';
import { covid19Profile2021 } from '../../shared/profiles/covid19-2021.js';
import { covid19Profile2022 } from '../../shared/profiles/covid19-2022.js';
import { DEFAULT_QUARANTINE_ALLOCATION, profileRules } from '../../shared/profiles/rules.js';
import { AppError } from '../http/errors.js';
import { dayNumberOn, lastDay, planOfStay, quarantinePlan, treatmentPlan } from './stay-rules.js';

const r2021 = profileRules.parse(covid19Profile2021.rules);
const r2022 = profileRules.parse(covid19Profile2022.rules);

describe('stay rules from the profile', () => {
  it('takes the rule of the category in force on the day, the longest when vaccination is unknown', () => {
    expect(quarantinePlan(r2021, 'close_contact', null, '2021-09-10')).toEqual({ ruleId: 'f1-2021-07', days: 14, testDays: [1, 7, 14], monitoringDays: 14, places: ['centralized', 'home'] });
    // From 16/12/2021 vaccinated F1s quarantine 7 days; the others (and the unknown) 14.
    expect(quarantinePlan(r2021, 'close_contact', 'fully_vaccinated', '2021-12-20').ruleId).toBe('f1-vaccinated-2021-12');
    expect(quarantinePlan(r2021, 'close_contact', null, '2021-12-20').ruleId).toBe('f1-other-2021-12');
    expect(quarantinePlan(r2022, 'close_contact', 'fully_vaccinated', '2022-03-01')).toMatchObject({ days: 5, testDays: [5] });
    expect(quarantinePlan(r2022, 'close_contact', null, '2022-03-01')).toMatchObject({ days: 7, testDays: [7], monitoringDays: 3 });
  });

  it('refuses a category without a rule, naming the category', () => {
    let err: unknown;
    try {
      quarantinePlan(r2021, 'arrival_lockdown_area', null, '2021-11-01');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).field).toBe('category');
  });

  it('gives a treatment stay the release days and its release test', () => {
    expect(treatmentPlan(r2021)).toEqual({ ruleId: 'treatment.release', days: 10, testDays: [10], monitoringDays: 0 });
    expect(planOfStay(r2021, { ruleId: 'gone', admissionDay: '2021-09-01', plannedUntil: '2021-09-14' })).toMatchObject({ days: 14, testDays: [] });
  });

  it('counts days from the admission day as day 1', () => {
    expect(dayNumberOn('2021-09-10', '2021-09-10')).toBe(1);
    expect(dayNumberOn('2021-09-10', '2021-10-01')).toBe(22);
    expect(lastDay('2021-09-10', 14)).toBe('2021-09-23');
  });

  it('reads a profile stored before room allocation rules existed with the defaults', () => {
    const stored = structuredClone(covid19Profile2021.rules) as { quarantine: Record<string, unknown> };
    delete stored.quarantine.allocation;
    expect(profileRules.parse(stored).quarantine.allocation).toEqual(DEFAULT_QUARANTINE_ALLOCATION);
    expect(r2021.unverified).toContain('quarantine.allocation');
  });
});
