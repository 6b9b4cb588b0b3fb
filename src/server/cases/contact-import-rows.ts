// Reading a field tracer's contact list (XLSX): the header row is found by its labels (the
// template's Vietnamese ones, their English ones or the column keys, without accents or case),
// then every row is checked on its own so all problems come back at once, each with its row
// number and field.
import ExcelJS from 'exceljs';
import { AppError, invalid, type RowProblem } from '../http/errors.js';
import { hasMessage, translate } from '../../shared/i18n/index.js';
import { EXPOSURE_SETTINGS, type ExposureSetting } from '../../shared/api/cases.js';
import { personInput, type PersonInput } from '../../shared/api/people.js';
import { foldKey, nfc } from '../../shared/vn/text.js';
import { parseDate } from '../../shared/vn/dates.js';
import { normalizePhone } from '../../shared/vn/phone.js';

export const IMPORT_COLUMNS = ['subject', 'fullName', 'docNumber', 'phone', 'birthYear', 'sex', 'addressLine', 'communeCode', 'setting', 'time', 'place'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: ImportColumn[] = ['subject', 'fullName', 'birthYear', 'sex', 'communeCode', 'setting', 'time'];
export const MAX_IMPORT_ROWS = 2000;

export type SubjectRef = { kind: 'case'; number: number } | { kind: 'doc'; value: string } | { kind: 'phone'; value: string };

export interface ContactRow {
  row: number;
  subject: SubjectRef;
  subjectText: string;
  person: PersonInput;
  setting: ExposureSetting;
  startedAt: Date;
  place: string;
}

/** All of an upload's row problems at once, in row order (the first 200); nothing of the file is stored. */
export const rowsError = (problems: RowProblem[]) =>
  new AppError('validation', 'tracing.errors.import_rows', { count: problems.length }, 'file', { rows: [...problems].sort((a, b) => a.row - b.row).slice(0, 200) });

export const columnLabel = (lang: 'vi' | 'en', c: ImportColumn) => translate(lang, `tracing.import.columns.${c}`);

const HEADERS = new Map<string, ImportColumn>(IMPORT_COLUMNS.flatMap((c) => [foldKey(c), foldKey(columnLabel('vi', c)), foldKey(columnLabel('en', c))].map((k) => [k, c] as [string, ImportColumn])));

const SETTING_WORDS = new Map<string, ExposureSetting>([
  ...EXPOSURE_SETTINGS.flatMap((s) => [s, s.replace(/_/g, ' '), translate('vi', `cases.setting.${s}`), translate('en', `cases.setting.${s}`)].map((w) => [foldKey(w), s] as [string, ExposureSetting])),
  // what tracers write in a hurry
  ['ho gia dinh', 'household'],
  ['gia dinh', 'household'],
  ['cung nha', 'household'],
  ['co quan', 'workplace'],
  ['cong ty', 'workplace'],
  ['dia diem', 'venue'],
  ['phuong tien', 'vehicle'],
  ['chot', 'checkpoint'],
]);
const SEXES = new Map<string, 'male' | 'female' | 'other'>([
  ['nam', 'male'],
  ['male', 'male'],
  ['m', 'male'],
  ['nu', 'female'],
  ['female', 'female'],
  ['f', 'female'],
  ['khac', 'other'],
  ['other', 'other'],
]);

export type Cell = string | number | Date | null;

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'string') return nfc(v).trim() || null;
  if (typeof v === 'boolean') return String(v);
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
  if (o.richText) return cellValue(o.richText.map((t) => t.text).join(''));
  if ('result' in o) return cellValue(o.result);
  if (typeof o.text === 'string') return cellValue(o.text);
  return null;
}

export const text = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c));

/** A spreadsheet date-time is stored as wall-clock time; Vietnam's is UTC+7 all year. */
function readTime(c: Cell): Date | null | 'invalid' {
  if (c === null) return null;
  if (c instanceof Date) return new Date(c.getTime() - 7 * 3_600_000);
  const s = text(c);
  const m = /^(\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})(?:[ T]+(\d{1,2})[:hH](\d{2}))?$/.exec(s);
  const day = m ? parseDate(m[1]) : null;
  if (!m || !day || Number(m[2] ?? 0) > 23) return 'invalid';
  return new Date(`${day}T${String(m[2] ?? '0').padStart(2, '0')}:${m[3] ?? '00'}:00+07:00`);
}

function readSubject(s: string): SubjectRef | null {
  const compact = s.replace(/[\s.\-]/g, '');
  const bn = /^BN(\d{1,9})$/i.exec(compact);
  if (bn) return { kind: 'case', number: Number(bn[1]) };
  if (/^(\d{9}|\d{12})$/.test(compact)) return { kind: 'doc', value: compact };
  const phone = normalizePhone(s);
  return phone ? { kind: 'phone', value: phone } : null;
}

export async function readWorkbook(data: Buffer): Promise<{ row: number; cells: Cell[] }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', 'tracing.errors.file_unreadable');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid('file', 'tracing.errors.file_unreadable');
  const rows: { row: number; cells: Cell[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = (row.values as unknown[]).slice(1).map(cellValue);
    if (cells.some((c) => c !== null)) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/**
 * The rows under the header, parsed; problems are added to `problems`, a row with any is left
 * out. `communes` maps the codes of the province's communes to their ids.
 */
export function parseRows(sheet: { row: number; cells: Cell[] }[], problems: RowProblem[], communes: ReadonlyMap<string, number>, now = new Date()): ContactRow[] {
  const headerAt = sheet.slice(0, 10).findIndex((r) => r.cells.filter((c) => HEADERS.has(foldKey(text(c)))).length >= REQUIRED.length);
  if (headerAt < 0) throw invalid('file', 'tracing.errors.columns_missing', { columns: REQUIRED.map((c) => columnLabel('vi', c)).join(', ') });
  const index = new Map<ImportColumn, number>();
  sheet[headerAt].cells.forEach((c, i) => {
    const col = HEADERS.get(foldKey(text(c)));
    if (col && !index.has(col)) index.set(col, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) throw invalid('file', 'tracing.errors.columns_missing', { columns: missing.map((c) => columnLabel('vi', c)).join(', ') });
  const data = sheet.slice(headerAt + 1);
  if (data.length === 0) throw invalid('file', 'tracing.errors.file_empty');
  if (data.length > MAX_IMPORT_ROWS) throw invalid('file', 'tracing.errors.too_many_rows', { max: MAX_IMPORT_ROWS });

  const out: ContactRow[] = [];
  for (const { row, cells } of data) {
    const get = (c: ImportColumn): Cell => (index.has(c) ? (cells[index.get(c)!] ?? null) : null);
    const before = problems.length;
    const problem = (field: string, messageKey: string, params: Record<string, unknown> = {}) => problems.push({ row, field, messageKey, params });

    const subjectText = text(get('subject'));
    const subject = subjectText ? readSubject(subjectText) : null;
    if (!subjectText) problem('subject', 'tracing.errors.subject_required');
    else if (!subject) problem('subject', 'tracing.errors.subject_unknown', { value: subjectText });

    const doc = text(get('docNumber')).replace(/[\s.\-]/g, '');
    const docValid = /^(\d{9}|\d{12})$/.test(doc);
    if (doc && !docValid) problem('docNumber', 'tracing.errors.doc_invalid');
    const sex = SEXES.get(foldKey(text(get('sex'))));
    if (!sex) problem('sex', 'tracing.errors.sex_unknown');
    const yearCell = get('birthYear');
    const birthYear = typeof yearCell === 'number' ? yearCell : /^\d{4}$/.test(text(yearCell)) ? Number(text(yearCell)) : null;
    if (birthYear === null) problem('birthYear', 'tracing.errors.birth_year_invalid');
    const codeCell = get('communeCode');
    const communeCode = typeof codeCell === 'number' ? String(codeCell).padStart(5, '0') : text(codeCell);
    const communeId = communes.get(communeCode);
    if (communeId === undefined) problem('communeCode', 'tracing.errors.commune_unknown', { value: communeCode });
    const setting = SETTING_WORDS.get(foldKey(text(get('setting'))));
    if (!setting) problem('setting', 'tracing.errors.setting_unknown');
    const time = readTime(get('time'));
    if (time === null) problem('time', 'tracing.errors.time_required');
    else if (time === 'invalid') problem('time', 'tracing.errors.time_invalid');
    else if (time.getTime() > now.getTime() + 5 * 60_000) problem('time', 'tracing.errors.time_future');

    const person: PersonInput = {
      docType: docValid ? (doc.length === 12 ? 'cccd' : 'cmnd') : null,
      docNumber: docValid ? doc : null,
      phone: text(get('phone')) || null,
      fullName: text(get('fullName')),
      birthYear,
      sex: sex ?? 'other',
      addressLine: text(get('addressLine')),
      communeId: communeId ?? 0,
    };
    // The person's own rules (name, phone, document against sex and birth year); what the
    // columns above already reported is not reported twice.
    const checked = personInput.safeParse({ ...person, communeId: communeId ?? 1 });
    if (!checked.success) {
      const reported = new Set(problems.slice(before).map((p) => p.field));
      if (birthYear === null) reported.add('birthDate');
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? 'fullName');
        if (reported.has(field)) continue;
        reported.add(field);
        problem(field, hasMessage(issue.message) ? issue.message : 'errors.invalid');
      }
    }
    if (problems.length > before) continue;
    out.push({
      row,
      subject: subject!,
      subjectText,
      person,
      setting: setting!,
      startedAt: time as Date,
      place: text(get('place')).slice(0, 300),
    });
  }
  return out;
}
