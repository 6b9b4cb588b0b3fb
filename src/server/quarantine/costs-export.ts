// The costs of stays as an XLSX workbook for the finance office: one sheet of stays, one of
// totals per facility and one per funding source, Vietnamese headers, dd/MM/yyyy dates, amounts
// as numbers (VND) so the sheet can be summed again.
import ExcelJS from 'exceljs';
import type { Db } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { translate } from '../../shared/i18n/index.js';
import { formatDate } from '../../shared/vn/dates.js';
import { costsQuery, type CostsQuery } from '../../shared/api/quarantine-monitoring.js';
import { costRowOf, costScope, costTotals, pricedRows } from './costs.js';
import { E } from './monitoring-access.js';

/** A workbook larger than this is split by facility or unit instead. */
export const COSTS_EXPORT_LIMIT = 200_000;
const vi = (key: string, params?: Record<string, unknown>) => translate('vi', `quarantineMonitoring.export.${key}`, params);
const VND = '#,##0';

function table(book: ExcelJS.Workbook, name: string, columns: [string, number, string?][]) {
  const sheet = book.addWorksheet(vi(name), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(([key, width, numFmt]) => ({ key, width, header: vi(key), style: numFmt ? { numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

export async function exportStayCosts(db: Db, actor: Actor, raw: Omit<CostsQuery, 'limit' | 'offset'>, now = new Date()): Promise<Buffer> {
  const q = parseInput(costsQuery, { ...raw, limit: 1, offset: 0 });
  const { priced, today } = await costScope(db, actor, q, now);
  const sums = await costTotals(db, priced);
  if (sums.totals.stays > COSTS_EXPORT_LIMIT) throw new AppError('validation', E('export_too_large'), { max: COSTS_EXPORT_LIMIT });
  const rows = (await pricedRows(db, priced, null, 0)).map(costRowOf);

  const book = new ExcelJS.Workbook();
  const stays = table(book, 'sheet_stays', [
    ['stayId', 10],
    ['fullName', 28],
    ['birthYear', 10],
    ['facility', 32],
    ['risk', 10],
    ['status', 14],
    ['fundingSource', 16],
    ['admissionDay', 14],
    ['endDay', 14],
    ['days', 8],
    ['paidDays', 10],
    ['dailyVnd', 14, VND],
    ['amountVnd', 16, VND],
  ]);
  for (const r of rows) {
    stays.addRow({
      stayId: r.stayId,
      fullName: r.person.fullName,
      birthYear: r.person.birthYear,
      facility: r.facility?.name ?? vi('at_home'),
      risk: r.risk.toUpperCase(),
      status: vi(`status_${r.status}`),
      fundingSource: vi(`funding_${r.fundingSource}`),
      admissionDay: formatDate(r.admissionDay),
      endDay: r.endDay ? formatDate(r.endDay) : vi('ongoing', { day: formatDate(today) }),
      days: r.days,
      paidDays: r.paidDays,
      dailyVnd: r.dailyVnd,
      amountVnd: r.amountVnd,
    });
  }
  stays.addRow({ fullName: vi('total'), days: sums.totals.days, paidDays: sums.totals.paidDays, amountVnd: sums.totals.amountVnd }).font = { bold: true };

  const byFacility = table(book, 'sheet_facilities', [['facility', 40], ['stays', 10], ['days', 10], ['amountVnd', 18, VND]]);
  for (const f of sums.byFacility) byFacility.addRow({ facility: f.facility?.name ?? vi('at_home'), stays: f.stays, days: f.days, amountVnd: f.amountVnd });
  const bySource = table(book, 'sheet_funding', [['fundingSource', 24], ['stays', 10], ['days', 10], ['amountVnd', 18, VND]]);
  for (const s of sums.byFundingSource) bySource.addRow({ fundingSource: vi(`funding_${s.fundingSource}`), stays: s.stays, days: s.days, amountVnd: s.amountVnd });

  await audit.record(db, actor, { action: 'export', entity: 'stay_costs', details: { ...raw, stays: rows.length, amountVnd: sums.totals.amountVnd } });
  return Buffer.from(await book.xlsx.writeBuffer());
}
