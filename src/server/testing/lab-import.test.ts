import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { createCampaign, getSample, importLabResults, moveSamples, recordSample } from './service.js';
import { campaignIn, count, testingFixture, type TestingFixture } from './test-helpers.js';

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'));
const HEADER = ['Mã mẫu', 'Loại xét nghiệm', 'Kết quả', 'Ct', 'Thời gian xét nghiệm'];

describe("importing a lab's results file", () => {
  let f: TestingFixture;
  let pools: string[];
  let singles: string[];
  const tested = '20/09/2021 08:15';

  /** The state of everything the import touches, to show a refused or repeated file changes none of it. */
  const snapshot = async () => ({
    samples: await queryRows(f.h.db, sql`select id, state, result, ct_value, tested_at, import_id from testing_samples order by id`),
    pools: await queryRows(f.h.db, sql`select id, state, result from testing_pools order by id`),
    events: await count(f.h, 'testing_sample_events'),
    tasks: await count(f.h, 'testing_resample_tasks'),
    proposals: await count(f.h, 'testing_case_proposals'),
    outbox: await count(f.h, 'outbox'),
    imports: await count(f.h, 'testing_result_imports'),
  });

  beforeAll(async () => {
    f = await testingFixture(16);
    const campaign = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk' }));
    const at = new Date('2021-09-19T08:00:00+07:00');
    // The samples are from September 2021: a campaign of its own dates, written as they were.
    await f.h.db.execute(sql`update testing_campaigns set starts_on = '2021-09-18', ends_on = '2021-09-30' where id = ${campaign.id}`);
    for (const p of f.local.slice(0, 10)) await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: p.id, collectedAt: at.toISOString() }, new Date('2021-09-19T09:00:00+07:00'));
    singles = [];
    for (const p of f.local.slice(10, 14)) singles.push((await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: p.id, collectedAt: at.toISOString() }, new Date('2021-09-19T09:00:00+07:00'))).code);
    const [{ codes }] = await queryRows<{ codes: string[] }>(f.h.db, sql`select array_agg(code order by id) as codes from testing_pools`);
    pools = codes;
    await moveSamples(f.h.db, f.commune, { codes: [...pools, ...singles], to: 'sent', labId: f.labId, at: '2021-09-19T10:00:00+07:00' }, new Date('2021-09-19T10:00:00+07:00'));
  }, 120_000);
  afterAll(() => f.h.close());

  it('reports every problem row with its number, field and reason, and records nothing', async () => {
    const before = await snapshot();
    const file = csv([
      HEADER,
      [pools[0], 'RT-PCR', 'Âm tính', '', tested],
      [singles[0], 'RT-PCR', 'Dương tính', '', tested],
      [singles[1], 'PCR', 'dương', '51', tested],
      ['S12345', 'RT-PCR', 'Âm tính', '', tested],
      [singles[2], 'xét nghiệm máu', 'Âm tính', '', tested],
      [singles[3], 'RT-PCR', 'có thể', '', '2021-09-20'],
      [f.local[0].doc, 'RT-PCR', 'Âm tính', '', tested],
    ]);
    const err = await refusal(importLabResults(f.h.db, f.lab, { file: { name: 'ket-qua.csv', data: file } }, new Date('2021-09-21T00:00:00+07:00')));
    expect(err).toMatchObject({ code: 'validation', field: 'file', messageKey: 'testing.errors.import_rows', params: { count: 7 } });
    expect(err.details!.rows!.map((r) => [r.row, r.field, r.messageKey])).toEqual([
      [3, 'ctValue', 'testing.errors.ct_required'],
      [4, 'ctValue', 'testing.errors.ct_range'],
      [5, 'code', 'testing.errors.code_invalid'],
      [6, 'testType', 'testing.errors.test_type_unknown'],
      [7, 'result', 'testing.errors.result_unknown'],
      [7, 'testedAt', 'testing.errors.time_invalid'],
      [8, 'code', 'testing.errors.code_invalid'],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('checks the rows against the samples in the database, all in one go, before recording any', async () => {
    const before = await snapshot();
    const members = await queryRows<{ code: string }>(f.h.db, sql`select code from testing_samples where pool_id is not null order by id limit 1`);
    const file = csv([
      HEADER,
      [pools[0], 'RT-PCR', 'Âm tính', '', tested],
      [members[0].code, 'RT-PCR', 'Âm tính', '', tested],
      [singles[0], 'RT-PCR', 'Âm tính', '', '18/09/2021 07:00'],
      [singles[1], 'RT-PCR', 'Âm tính', '', tested],
      [singles[1], 'RT-PCR', 'Dương tính', '30', tested],
    ]);
    const err = await refusal(importLabResults(f.h.db, f.lab, { file: { name: 'ket-qua-2.csv', data: file } }, new Date('2021-09-21T00:00:00+07:00')));
    expect(err.details!.rows!.map((r) => [r.row, r.field, r.messageKey])).toEqual([
      [3, 'code', 'testing.errors.sample_pooled'],
      [4, 'testedAt', 'testing.errors.before_collection'],
      [6, 'code', 'testing.errors.repeated_in_file'],
    ]);
    expect(err.details!.rows![2].params).toMatchObject({ firstRow: 5 });
    expect(await snapshot()).toEqual(before);
  });

  it('records a good file at once, with pools, Ct values and the follow-ups, and the same file again changes nothing', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Kết quả');
    sheet.addRow(['Sample code', 'Test type', 'Result', 'Ct value', 'Tested at']);
    sheet.addRow([pools[0], 'rt_pcr', 'positive', 24.3, new Date(Date.UTC(2021, 8, 20, 8, 15))]);
    sheet.addRow([pools[1], 'rt_pcr', 'negative', null, '2021-09-20T08:15:00+07:00']);
    sheet.addRow([singles[0], 'RT-PCR', 'Dương tính', '18,5', '20/09/2021 08:15']);
    sheet.addRow([singles[1], 'RT-PCR', 'Âm tính', null, '2021-09-20 08:15']);
    sheet.addRow([singles[1], 'RT-PCR', 'Âm tính', null, '2021-09-20 08:15']);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    const now = new Date('2021-09-20T09:00:00+07:00');
    const first = await importLabResults(f.h.db, f.lab, { file: { name: 'cdc-20-09.xlsx', data }, labId: f.labId }, now);
    expect(first).toMatchObject({ alreadyImported: false, rows: 5, applied: 4, unchanged: 0, positives: 1, positivePools: 1, resampleTasks: 5, caseProposals: 1 });
    expect(first.importId).toEqual(expect.any(Number));
    const single = await getSample(f.h.db, f.lab, singles[0]);
    expect(single).toMatchObject({ state: 'tested', result: 'positive', ctValue: 18.5, testedAt: '2021-09-20T01:15:00.000Z', receivedAt: '2021-09-20T01:15:00.000Z' });
    expect(single.history.map((h) => h.toState)).toEqual(['collected', 'sent', 'received', 'tested']);
    const member = await queryRows<{ state: string; result: string | null }>(f.h.db, sql`select s.state, p.result from testing_samples s join testing_pools p on p.id = s.pool_id where p.code = ${pools[1]}`);
    expect(member).toEqual(Array(5).fill({ state: 'tested', result: 'negative' }));

    const before = await snapshot();
    const again = await importLabResults(f.h.db, f.lab, { file: { name: 'cdc-20-09 (1).xlsx', data }, labId: f.labId }, now);
    expect(again).toMatchObject({ alreadyImported: true, importId: first.importId, applied: 0 });
    // The same rows in another file: recognised row by row.
    const copy = csv([HEADER, [singles[1], 'RT-PCR', 'Âm tính', '', '2021-09-20 08:15'], [pools[1], 'RT-PCR', 'Âm tính', '', '20/09/2021 08:15']]);
    expect(await importLabResults(f.h.db, f.lab, { file: { name: 'copy.csv', data: copy } }, now)).toMatchObject({ alreadyImported: false, importId: null, applied: 0, unchanged: 2 });
    expect(await snapshot()).toEqual(before);

    const changed = csv([HEADER, [singles[1], 'RT-PCR', 'Dương tính', '25', '2021-09-20 08:15']]);
    const err = await refusal(importLabResults(f.h.db, f.lab, { file: { name: 'sua.csv', data: changed } }, now));
    expect(err.details!.rows).toMatchObject([{ row: 2, field: 'result', messageKey: 'testing.errors.already_resulted', params: { result: 'negative' } }]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file it cannot read or whose columns it does not know', async () => {
    const missing = await refusal(importLabResults(f.h.db, f.lab, { file: { name: 'x.csv', data: csv([['Mã mẫu', 'Kết quả'], [singles[2], 'Âm tính']]) } }));
    expect(missing).toMatchObject({ field: 'file', messageKey: 'testing.errors.column_missing', params: { column: 'loai xet nghiem' } });
    expect(await refusal(importLabResults(f.h.db, f.lab, { file: { name: 'x.xlsx', data: Buffer.from('PK\u0003\u0004garbage') } }))).toMatchObject({ messageKey: 'testing.errors.file_unreadable' });
    expect((await refusal(importLabResults(f.h.db, f.commune, { file: { name: 'x.csv', data: csv([HEADER]) } }))).code).toBe('forbidden');
  });
});
