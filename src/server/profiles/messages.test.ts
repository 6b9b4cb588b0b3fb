import { describe, expect, it } from 'vitest';
import vi from '../../shared/i18n/messages/profiles.vi.json';
import en from '../../shared/i18n/messages/profiles.en.json';
import { hasMessage } from '../../shared/i18n/index.js';
import { CROSS_FIELD_CHECKS } from '../../shared/profiles/rules.js';
import { isUnverified, valueAt } from '../../shared/profiles/paths.js';
import { covid19Profile2021 } from '../../shared/profiles/covid19-2021.js';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('profile messages and paths', () => {
  it('have the same keys in Vietnamese and English, covering every cross-field check', () => {
    expect(keys(en)).toEqual(keys(vi));
    for (const key of CROSS_FIELD_CHECKS) expect(hasMessage(key), key).toBe(true);
  });

  it('resolve rule paths and unverified flags the way the admin screen reads them', () => {
    const rules = covid19Profile2021.rules;
    expect(valueAt(rules, 'quarantine.rules[0].testDays[2]')).toBe(14);
    expect(valueAt(rules, 'quarantine.rules[99]')).toBeUndefined();
    expect(valueAt(rules, 'quarantine..rules')).toBeUndefined();
    expect(isUnverified(rules.unverified, 'riskLevels.matrix[2][1]')).toBe(true);
    expect(isUnverified(rules.unverified, 'quarantine.rules[3].days')).toBe(true);
    expect(isUnverified(rules.unverified, 'quarantine.rules[4].days')).toBe(false);
    expect(isUnverified(rules.unverified, 'riskLevels.caseBands[3].min')).toBe(false);
  });
});
