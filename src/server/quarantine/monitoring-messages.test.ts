import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import vi from '../../shared/i18n/messages/quarantine-monitoring.vi.json';
import en from '../../shared/i18n/messages/quarantine-monitoring.en.json';
import { hasMessage, translate } from '../../shared/i18n/index.js';
import { WARNING_CODES } from '../../shared/api/quarantine-monitoring.js';
import { FUNDING_SOURCES, STAY_STATUSES } from '../../shared/api/quarantine.js';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('quarantine monitoring messages', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(keys(en)).toEqual(keys(vi));
  });

  it('word every message key the monitoring code uses', async () => {
    const dir = new URL('.', import.meta.url);
    const mine = ['health-checks', 'report-links', 'transfer-proposals', 'home', 'missed-reports', 'capacity', 'capacity-targets', 'costs', 'costs-export', 'monitoring-access'];
    const files = (await readdir(dir)).filter((f) => mine.some((m) => f === `${m}.ts`)).map((f) => new URL(f, dir));
    files.push(new URL('../../shared/api/quarantine-monitoring.ts', import.meta.url));
    expect(files).toHaveLength(mine.length + 1);
    const used = new Set<string>();
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/'(quarantineMonitoring\.[a-z_]+\.[a-z_]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bE\('([a-z_]+)'\)/g)) used.add(`quarantineMonitoring.errors.${m[1]}`);
      // Export headers and labels: vi('key') and the column keys of table(…).
      for (const m of text.matchAll(/\bvi\('([a-zA-Z_]+)'|\['([a-zA-Z]+)', \d+/g)) used.add(`quarantineMonitoring.export.${m[1] ?? m[2]}`);
    }
    for (const code of WARNING_CODES) used.add(`quarantineMonitoring.sign.${code}`);
    for (const s of STAY_STATUSES) used.add(`quarantineMonitoring.export.status_${s}`);
    for (const s of FUNDING_SOURCES) used.add(`quarantineMonitoring.export.funding_${s}`);
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !hasMessage(k))).toEqual([]);
  });

  it('names the measures in both languages', () => {
    expect(translate('vi', 'quarantineMonitoring.errors.measure_required', { field: translate('vi', 'fields.respiratoryRate') })).toBe('Hãy nhập nhịp thở');
    expect(translate('en', 'quarantineMonitoring.errors.measure_required', { field: translate('en', 'fields.spo2') })).toBe('Enter the SpO2');
  });
});
