import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from '../../../shared/i18n/messages/citizen-health-report.vi.json';
import en from '../../../shared/i18n/messages/citizen-health-report.en.json';
import { publicReportBody, WARNING_CODES, MEASURES } from '../../../shared/api/quarantine-monitoring.js';
import { parseMeasure, RANGES, reportBody, tokenOf, warningLabels } from './model';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
const TOKEN = 'mwikTuy5vt7sWsDZxi4z5n-YKtRvRU3X';

describe('self-report page', () => {
  it('has the same words in both languages, one per warning sign and measure', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    const have = new Set(keys(vi));
    expect(WARNING_CODES.filter((c) => !have.has(`citizenHealthReport.signs.${c}`))).toEqual([]);
    expect(MEASURES.filter((m) => !have.has(`citizenHealthReport.${m}`))).toEqual([]);
    const page = readFileSync(join(import.meta.dirname, 'HealthReportPage.tsx'), 'utf8');
    const used = [...page.matchAll(/\bth\(\s*'([\w.]+)'/g)].map((m) => `citizenHealthReport.${m[1]}`);
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => !have.has(k))).toEqual([]);
    expect(['required', 'number', 'range'].filter((e) => !have.has(`citizenHealthReport.errors.${e}`))).toEqual([]);
  });

  it('reads a number with a comma or a point, and refuses what is not a plausible measure', () => {
    expect(parseMeasure('36,8', 'temperature')).toEqual({ value: 36.8 });
    expect(parseMeasure(' 37.25 ', 'temperature')).toEqual({ value: 37.3 });
    expect(parseMeasure('', 'spo2')).toEqual({ value: null });
    expect(parseMeasure('96', 'spo2')).toEqual({ value: 96 });
    expect(parseMeasure('93', 'temperature')).toEqual({ error: 'range' });
    expect(parseMeasure('ba mươi bảy', 'temperature')).toEqual({ error: 'number' });
    expect(parseMeasure('120/80', 'systolic')).toEqual({ error: 'number' });
  });

  it('uses the same ranges as the API', () => {
    for (const m of MEASURES) {
      const r = RANGES[m];
      expect(publicReportBody.safeParse({ token: TOKEN, temperature: 37, [m]: r.min }).success).toBe(true);
      expect(publicReportBody.safeParse({ token: TOKEN, temperature: 37, [m]: r.max }).success).toBe(true);
      expect(publicReportBody.safeParse({ token: TOKEN, temperature: 37, [m]: r.max + 1 }).success).toBe(false);
      expect(publicReportBody.safeParse({ token: TOKEN, temperature: 37, [m]: r.min - 1 }).success).toBe(false);
    }
  });

  it('builds the report the API takes, the temperature required and only the measures asked', () => {
    const built = reportBody(TOKEN, { temperature: '38,5', spo2: '94', pulse: '', diastolic: '70' }, ['temperature', 'spo2', 'pulse'], ['fever']);
    expect(built).toEqual({ body: { token: TOKEN, symptoms: ['fever'], temperature: 38.5, spo2: 94, pulse: null } });
    if ('body' in built) expect(publicReportBody.parse(built.body)).toMatchObject({ temperature: 38.5, spo2: 94, diastolic: null });
    expect(reportBody(TOKEN, {}, ['temperature'], [])).toEqual({ problem: { field: 'temperature', error: 'required' } });
    expect(reportBody(TOKEN, { temperature: '37', spo2: '200' }, ['temperature', 'spo2'], [])).toEqual({ problem: { field: 'spo2', error: 'range' } });
  });

  it('takes the token from the address', () => {
    expect(tokenOf(`?token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenOf('token=%20')).toBeNull();
    expect(tokenOf('')).toBeNull();
  });

  it('names a warning symptom by what the person ticked', () => {
    const choices = [
      { code: 'cough', name: { vi: 'Ho', en: 'Cough' }, warning: false },
      { code: 'chest_pain', name: { vi: 'Đau tức ngực', en: 'Chest pain' }, warning: true },
      { code: 'cyanosis', name: { vi: 'Tím tái', en: 'Cyanosis' }, warning: true },
    ];
    const word = (c: string) => `<${c}>`;
    expect(warningLabels(['spo2_low', 'symptom'], ['cough', 'chest_pain'], choices, 'vi', word)).toEqual(['<spo2_low>', 'Đau tức ngực']);
    expect(warningLabels(['systolic_low', 'diastolic_low'], [], choices, 'en', (c) => (c.endsWith('_low') ? 'Low blood pressure' : c))).toEqual(['Low blood pressure']);
    expect(warningLabels(['symptom'], [], choices, 'en', word)).toEqual(['<symptom>']);
  });
});
