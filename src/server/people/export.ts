import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { translate } from '../../shared/i18n/index.js';
import { formatDate } from '../../shared/vn/dates.js';
import { exportQuery, type ExportQuery } from '../../shared/api/people.js';
import { people } from './schema.js';
import { scopeFor } from './access.js';
import { unitNames } from './units.js';
import { classifyQuery, matchCondition, nameOrder } from './search.js';
import { summaryColumns } from './views.js';
import { parseInput } from './validate.js';

/** More rows than this make a file officials cannot open comfortably; they export a smaller unit. */
export const EXPORT_LIMIT = 200_000;
const BATCH = 5_000;

const COLUMNS = [
  ['id', 10],
  ['fullName', 28],
  ['birthDate', 12],
  ['birthYear', 10],
  ['sex', 10],
  ['docType', 12],
  ['docNumber', 16],
  ['phone', 14],
  ['nationality', 10],
  ['addressLine', 32],
  ['commune', 24],
  ['district', 24],
  ['province', 20],
] as const;

const vi = (key: string) => translate('vi', key);

/**
 * The people a search finds (or, without q, everyone in the unit or jurisdiction) as an XLSX
 * sheet with Vietnamese headers and dd/MM/yyyy dates, in name order. Rows are read in keyset
 * batches and streamed into the workbook so a district's list fits in memory.
 */
export async function exportPeople(db: Db, actor: Actor, raw: ExportQuery): Promise<Buffer> {
  requirePermission(actor, 'people.export');
  const q = parseInput(exportQuery, raw);
  const classified = q.q ? classifyQuery(q.q) : null;
  const scope = await scopeFor(db, actor, q.unitId);
  const where = matchCondition(scope, classified);

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet(vi('people.export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([key, width]) => ({ key, width, header: vi(`people.export.${key}`) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  let count = 0;
  let after: { nameKey: string; id: number } | null = null;
  for (;;) {
    const cursor: SQL | undefined = after
      ? and(
          // The first bound lets the (unit, name_key, id) index start at the cursor; the OR is exact.
          sql`${people.nameKey} ~>=~ ${after.nameKey}`,
          or(sql`${people.nameKey} ~>~ ${after.nameKey}`, and(eq(people.nameKey, after.nameKey), sql`${people.id} > ${after.id}`)),
        )
      : undefined;
    const batch = await db
      .select({ ...summaryColumns, nameKey: people.nameKey })
      .from(people)
      .where(and(where, cursor))
      .orderBy(...nameOrder)
      .limit(BATCH);
    if (count + batch.length > EXPORT_LIMIT) throw invalid('unitId', 'people.errors.export_too_large', { limit: EXPORT_LIMIT });
    const names = await unitNames(db, batch.flatMap((p) => [p.communeId, p.districtId, p.provinceId]));
    for (const p of batch) {
      sheet
        .addRow({
          id: p.id,
          fullName: p.fullName,
          birthDate: formatDate(p.birthDate),
          birthYear: p.birthYear,
          sex: vi(`people.sex.${p.sex}`),
          docType: p.docType ? vi(`people.docType.${p.docType}`) : '',
          docNumber: p.docNumber ?? '',
          phone: p.phone ?? '',
          nationality: p.nationality,
          addressLine: p.addressLine,
          commune: names.get(p.communeId) ?? '',
          district: p.districtId === null ? '' : (names.get(p.districtId) ?? ''),
          province: names.get(p.provinceId) ?? '',
        })
        .commit();
    }
    count += batch.length;
    if (batch.length < BATCH) break;
    const last: { nameKey: string; id: number } = batch[batch.length - 1];
    after = { nameKey: last.nameKey, id: last.id };
  }
  sheet.commit();
  await book.commit();
  await finished;

  await audit.record(db, actor, {
    action: 'export',
    entity: 'person',
    details: { q: q.q ?? null, kind: classified?.kind ?? null, unitId: q.unitId ?? null, count },
  });
  return Buffer.concat(chunks);
}
