import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vi from '../../../shared/i18n/messages/lab-web.vi.json';
import en from '../../../shared/i18n/messages/lab-web.en.json';
import { hasMessage, translate } from '../../../shared/i18n/index.js';
import { codeFromBytes, PROPOSAL_STATUSES, RESAMPLE_REASONS, resultInput, TASK_STATUSES, TEST_RESULTS, TEST_TYPES } from '../../../shared/api/testing.js';
import { DCC_TYPES } from '../../../shared/dcc/types.js';
import { F0_CRITERIA } from '../../../shared/profiles/rules.js';
import { readLabFile } from '../../../server/testing/lab-file.js';
import { codeIsValid, needsCt, resultBody, vietnamInstant, vietnamWallClock } from './resultForm';
import { templateCsv } from './labTemplate';
import { buildDailyOption, dailySeries, daysBetween, foldTail, shortDay } from '../capacity/capacityModel';
import { certificateStatus } from '../../certificates/certificateStatus';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('lab, capacity and certificate screens', () => {
  it('have the same strings in Vietnamese and English', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it('find a name for every result, test type, status, reason, criterion and column the server sends', () => {
    const wanted = [
      ...TEST_RESULTS.map((r) => `testing.result.${r}`),
      ...TEST_TYPES.map((k) => `testing.testType.${k}`),
      ...RESAMPLE_REASONS.map((r) => `testing.resampleReason.${r}`),
      ...TASK_STATUSES.map((s) => `labWeb.resample.statuses.${s}`),
      ...PROPOSAL_STATUSES.map((s) => `labWeb.proposals.statuses.${s}`),
      ...(['collected', 'sent', 'received'] as const).map((s) => `labWeb.capacity.backlogState.${s}`),
      ...DCC_TYPES.map((t) => `certificates.types.${t}`),
      ...F0_CRITERIA.map((c) => `profiles.f0Criteria.${c}`),
      // The fields a lab file's row problems name.
      ...['code', 'testType', 'result', 'ctValue', 'testedAt', 'file'].map((f) => `labWeb.fields.${f}`),
      ...['valid', 'expired', 'revoked'].map((s) => `labWeb.certificates.statuses.${s}`),
    ];
    expect(wanted.filter((k) => !hasMessage(k))).toEqual([]);
  });
});

describe('result entry', () => {
  const code = codeFromBytes('pool', randomBytes(5));

  it('reads a code however it is typed, and refuses one with a wrong character', () => {
    expect(codeIsValid(`${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase())).toBe(true);
    const wrong = code.slice(0, 3) + (code[3] === '7' ? '8' : '7') + code.slice(4);
    expect(codeIsValid(wrong)).toBe(false);
  });

  it('sends what the server accepts: Vietnam time, a Ct only for RT-PCR', () => {
    const pcr = resultBody({ code: code.toLowerCase(), testType: 'rt_pcr', result: 'positive', ctValue: 27.4, testedAt: '2021-09-20T08:15', labId: 3 });
    expect(pcr).toEqual({ code, testType: 'rt_pcr', result: 'positive', ctValue: 27.4, testedAt: '2021-09-20T08:15:00+07:00', labId: 3 });
    expect(resultInput.safeParse(pcr).success).toBe(true);
    const rapid = resultBody({ code, testType: 'rapid_antigen', result: 'negative', ctValue: 30, testedAt: '2021-09-20T08:15' });
    expect(rapid).toMatchObject({ ctValue: null, labId: null });
    expect(resultInput.safeParse(rapid).success).toBe(true);
    expect([needsCt('rt_pcr', 'positive'), needsCt('rt_pcr', 'negative'), needsCt('rapid_antigen', 'positive')]).toEqual([true, false, false]);
  });

  it("shows Vietnam's wall clock whatever the device's zone, and turns it back into the same instant", () => {
    const at = new Date('2021-09-19T23:30:00Z');
    expect(vietnamWallClock(at)).toBe('2021-09-20T06:30');
    expect(new Date(vietnamInstant(vietnamWallClock(at))).getTime()).toBe(at.getTime());
  });

  it('offers a template the server reads, in both languages', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const csv = templateCsv(translate(lang, 'labWeb.import.templateHeaders')) + `${code},RT-PCR,${lang === 'vi' ? 'Dương tính' : 'Positive'},25.5,20/09/2021 08:15\r\n`;
      const read = await readLabFile({ name: 'mau.csv', data: Buffer.from(csv) }, new Date('2021-09-21T00:00:00Z'), 0);
      expect(read.problems).toEqual([]);
      expect(read.rows).toEqual([{ row: 2, code, testType: 'rt_pcr', result: 'positive', ctValue: 25.5, testedAt: '2021-09-20T08:15:00+07:00', labId: null }]);
    }
  });
});

describe('capacity charts', () => {
  const days = daysBetween('2021-09-29', '2021-10-02');

  it('put every day of the window on the axis, across a month end', () => {
    expect(days).toEqual(['2021-09-29', '2021-09-30', '2021-10-01', '2021-10-02']);
    expect(days.map(shortDay)).toEqual(['29/09', '30/09', '01/10', '02/10']);
  });

  it('count each series per day with empty days as zero, busiest first, leaving out days outside the window', () => {
    const series = dailySeries(days, [
      { day: '2021-09-29', id: 1, name: 'Chợ Hạ Long 1', value: 40 },
      { day: '2021-10-02', id: 1, name: 'Chợ Hạ Long 1', value: 10 },
      { day: '2021-09-30', id: 2, name: 'Trạm y tế Hồng Gai', value: 120 },
      { day: '2021-10-05', id: 2, name: 'Trạm y tế Hồng Gai', value: 999 },
    ]);
    expect(series).toEqual([
      { id: 2, name: 'Trạm y tế Hồng Gai', data: [0, 120, 0, 0], total: 120 },
      { id: 1, name: 'Chợ Hạ Long 1', data: [40, 0, 0, 10], total: 50 },
    ]);
  });

  it('fold the quietest sites into one series so the legend stays readable', () => {
    const many = dailySeries(
      days,
      [1, 2, 3, 4].map((id) => ({ day: '2021-09-30', id, name: `Điểm ${id}`, value: id * 10 })),
    );
    const folded = foldTail(many, 3, 'Điểm khác');
    expect(folded.map((s) => [s.id, s.name, s.total])).toEqual([
      [4, 'Điểm 4', 40],
      [3, 'Điểm 3', 30],
      [null, 'Điểm khác', 30],
    ]);
    expect(folded[2].data).toEqual([0, 30, 0, 0]);
    expect(foldTail(many, 4, 'x')).toBe(many);
  });

  it('stack sites as bars and draw labs as lines', () => {
    const series = dailySeries(days, [{ day: '2021-09-29', id: 1, name: 'A', value: 3 }]);
    const bars = buildDailyOption(days, series, { kind: 'bar', dayLabel: shortDay });
    expect(bars.xAxis.data).toEqual(['29/09', '30/09', '01/10', '02/10']);
    expect(bars.series).toEqual([expect.objectContaining({ type: 'bar', name: 'A', stack: 'samples', data: [3, 0, 0, 0] })]);
    const lines = buildDailyOption(days, series, { kind: 'line', dayLabel: shortDay });
    expect(lines.series[0]).toMatchObject({ type: 'line', data: [3, 0, 0, 0] });
    expect(lines.series[0]).not.toHaveProperty('stack');
  });
});

describe('certificate status', () => {
  const now = new Date('2021-09-20T12:00:00Z');
  it('is revoked before expired, and expired from its expiry on', () => {
    expect(certificateStatus({ revokedAt: null, expiresAt: '2021-09-21T00:00:00Z' }, now)).toBe('valid');
    expect(certificateStatus({ revokedAt: null, expiresAt: '2021-09-20T12:00:00Z' }, now)).toBe('expired');
    expect(certificateStatus({ revokedAt: '2021-09-19T00:00:00Z', expiresAt: '2021-09-19T12:00:00Z' }, now)).toBe('revoked');
  });
});
