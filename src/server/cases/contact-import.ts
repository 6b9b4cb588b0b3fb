// Importing a field tracer's contact list: each row names a source person (a case code, or the
// ID number or phone of someone registered) and a contact, who is matched to a registered person
// or registered. All rows are checked before anything is written; one bad row and nothing is.
// Exposures are keyed by pair, setting and time, so the same file imported twice adds nothing.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid, type RowProblem } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { matchOrCreatePerson, personIdsInJurisdiction } from '../people/service.js';
import { communesOf } from '../geo/service.js';
import { translate } from '../../shared/i18n/index.js';
import { EXPOSURE_SETTINGS } from '../../shared/api/cases.js';
import { actorUnit, placeInScope } from './access.js';
import { addExposures, type NewExposure } from './exposures.js';
import { IMPORT_COLUMNS, columnLabel, parseRows, readWorkbook, rowsError, type ContactRow } from './contact-import-rows.js';
import { idArray } from './levels.js';

export interface UploadedList {
  name: string;
  data: Buffer;
}

/** The person each row's subject names, within the actor's jurisdiction; unknown or ambiguous ones become row problems. */
async function resolveSubjects(tx: Tx, actor: Actor, rows: ContactRow[], problems: RowProblem[]): Promise<Map<number, number>> {
  const numbers = [...new Set(rows.flatMap((r) => (r.subject.kind === 'case' ? [r.subject.number] : [])))];
  const keys = [...new Set(rows.flatMap((r) => (r.subject.kind === 'case' ? [] : [r.subject.value])))];
  const cases = numbers.length
    ? await queryRows<{ number: number; person_id: number; commune_id: number; district_id: number | null; province_id: number }>(
        tx,
        sql`select number, person_id::int, commune_id, district_id, province_id from cases
             where province_id = ${actor.jurisdiction.provinceId} and number = any(${`{${numbers.join(',')}}`}::int[])
               and status <> 'ruled_out'`,
      )
    : [];
  const byNumber = new Map(
    cases.filter((c) => placeInScope(actorUnit(actor), { communeId: c.commune_id, districtId: c.district_id, provinceId: c.province_id })).map((c) => [c.number, c.person_id]),
  );
  const people = keys.length
    ? await queryRows<{ id: number; doc_number: string | null; phone: string | null }>(
        tx,
        sql`select id::int, doc_number, phone from people
             where merged_into is null and (doc_number = any(${`{${keys.join(',')}}`}::text[]) or phone = any(${`{${keys.join(',')}}`}::text[]))
               and id in (${personIdsInJurisdiction(tx, actor)})`,
      )
    : [];
  const subjects = new Map<number, number>();
  for (const r of rows) {
    const s = r.subject;
    const found = s.kind === 'case' ? [byNumber.get(s.number)].filter((v) => v !== undefined) : people.filter((p) => (s.kind === 'doc' ? p.doc_number : p.phone) === s.value).map((p) => p.id);
    if (found.length === 1) subjects.set(r.row, found[0]!);
    else problems.push({ row: r.row, field: 'subject', messageKey: found.length ? 'tracing.errors.subject_ambiguous' : 'tracing.errors.subject_unknown', params: { value: r.subjectText } });
  }
  return subjects;
}

export async function importContactList(db: Db, actor: Actor, file: UploadedList): Promise<{ rows: number; created: number; existing: number; peopleCreated: number }> {
  requirePermission(actor, 'cases.write');
  if (file.data.length === 0) throw invalid('file', 'tracing.errors.file_empty');
  const problems: RowProblem[] = [];
  const communes = new Map((await communesOf(db, actor.jurisdiction.provinceId)).map((c) => [c.code, c.id]));
  const rows = parseRows(await readWorkbook(file.data), problems, communes);
  return db.transaction(async (tx) => {
    const subjects = await resolveSubjects(tx, actor, rows, problems);
    if (problems.length) throw rowsError(problems);

    let peopleCreated = 0;
    const inputs: (NewExposure & { row: number })[] = [];
    for (const r of rows) {
      const match = await matchOrCreatePerson(tx, r.person, { actor, source: 'contact_import' });
      if (match.matched === null) peopleCreated++;
      const sourceId = subjects.get(r.row)!;
      if (sourceId === match.personId) problems.push({ row: r.row, field: 'fullName', messageKey: 'tracing.errors.subject_is_contact' });
      inputs.push({
        row: r.row,
        sourceId,
        contactId: match.personId,
        setting: r.setting,
        place: r.place,
        venueId: null,
        startedAt: r.startedAt.toISOString(),
        origin: 'import',
        evidenceObject: { file: file.name.slice(0, 200), row: r.row },
      });
    }
    if (problems.length) throw rowsError(problems);

    // One exposure per pair, setting and time: repeated rows and earlier imports count as existing.
    const key = (e: { sourceId: number; contactId: number; setting: string; startedAt: string }) => `${e.sourceId}:${e.contactId}:${e.setting}:${new Date(e.startedAt).getTime()}`;
    const unique = [...new Map(inputs.map((e) => [key(e), e])).values()];
    const standing = await queryRows<{ source_id: number; contact_id: number; setting: string; started_at: Date | string }>(
      tx,
      sql`select e.source_id::int, e.contact_id::int, e.setting, e.started_at from exposures e
            join unnest(${idArray(unique.map((e) => e.sourceId))}::int8[], ${idArray(unique.map((e) => e.contactId))}::int8[]) as w(s, c)
              on e.source_id = w.s and e.contact_id = w.c
           where e.removed_at is null`,
    );
    const before = new Set(standing.map((s) => key({ sourceId: s.source_id, contactId: s.contact_id, setting: s.setting, startedAt: new Date(s.started_at).toISOString() })));
    const created = unique.filter((e) => !before.has(key(e))).length;
    await addExposures(tx, actor, unique.map(({ row: _row, ...e }) => e));
    const result = { rows: rows.length, created, existing: rows.length - created, peopleCreated };
    await audit.record(tx, actor, { action: 'import', entity: 'contact_list', details: { file: file.name.slice(0, 200), ...result } });
    return result;
  });
}

/** The XLSX a field tracer fills in: the columns with Vietnamese headers, and a guide sheet. */
export async function contactListTemplate(): Promise<Buffer> {
  const vi = (key: string, params: Record<string, unknown> = {}) => translate('vi', `tracing.import.${key}`, params);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(vi('sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(IMPORT_COLUMNS.map((c) => columnLabel('vi', c)));
  header.font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c === 'subject' || c === 'fullName' || c === 'addressLine' ? 30 : 18));
  // Codes and numbers stay text, so leading zeros survive.
  for (const c of ['subject', 'docNumber', 'phone', 'communeCode'] as const) sheet.getColumn(IMPORT_COLUMNS.indexOf(c) + 1).numFmt = '@';
  const guide = book.addWorksheet(vi('guideSheet'));
  guide.getColumn(1).width = 34;
  guide.getColumn(2).width = 110;
  const settings = EXPOSURE_SETTINGS.map((s) => translate('vi', `cases.setting.${s}`)).join('; ');
  for (const [column, text] of [
    ['subject', vi('guide.subject')],
    ['fullName', vi('guide.person')],
    ['communeCode', vi('guide.communeCode')],
    ['setting', vi('guide.setting', { settings })],
    ['time', vi('guide.time')],
  ] as const) {
    guide.addRow([columnLabel('vi', column), text]);
  }
  guide.addRow([]);
  guide.addRow([vi('guide.rerun')]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
