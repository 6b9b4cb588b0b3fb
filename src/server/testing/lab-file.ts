// Reading a lab's results export (CSV or XLSX): one row per sample or pool code with the test
// type, result, Ct value and when it was tested. Headers may be Vietnamese or English, values
// as labs write them ("Dương tính", "RT-PCR", "20/09/2021 08:15"); times without an offset are
// Vietnam time. Every row problem is reported with its row number and field.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { invalid, type RowProblem } from '../http/errors.js';
import { foldKey } from '../../shared/vn/text.js';
import { resultInput, normalizeCode, type TestResult, type TestType } from '../../shared/api/testing.js';
import type { IncomingResult } from './results.js';

export interface LabFile {
  name: string;
  data: Buffer;
}
type Cell = string | number | Date | null;

const COLUMNS = {
  code: ['ma mau', 'ma', 'ma gop', 'ma mau gop', 'sample code', 'pool code', 'sample or pool code', 'code', 'sample'],
  testType: ['loai xet nghiem', 'phuong phap', 'loai', 'test type', 'type', 'method'],
  result: ['ket qua', 'result'],
  ctValue: ['ct', 'gia tri ct', 'ct value', 'chi so ct'],
  testedAt: ['thoi gian xet nghiem', 'ngay gio xet nghiem', 'ngay xet nghiem', 'thoi gian', 'tested at', 'test time', 'tested'],
} as const;
type Column = keyof typeof COLUMNS;

const TEST_TYPES: Record<string, TestType> = {
  'rt pcr': 'rt_pcr', rtpcr: 'rt_pcr', pcr: 'rt_pcr', 'rt pcr realtime': 'rt_pcr', 'realtime rt pcr': 'rt_pcr',
  'rapid antigen': 'rapid_antigen', rapid: 'rapid_antigen', ag: 'rapid_antigen', 'test nhanh': 'rapid_antigen',
  'test nhanh khang nguyen': 'rapid_antigen', 'khang nguyen nhanh': 'rapid_antigen', 'khang nguyen': 'rapid_antigen',
};
const RESULTS: Record<string, TestResult> = {
  positive: 'positive', pos: 'positive', 'duong tinh': 'positive', duong: 'positive', '+': 'positive', detected: 'positive',
  negative: 'negative', neg: 'negative', 'am tinh': 'negative', am: 'negative', '-': 'negative', 'not detected': 'negative',
  invalid: 'invalid', 'khong xac dinh': 'invalid', 'khong hop le': 'invalid', inconclusive: 'invalid',
};

const text = (c: Cell) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c).trim());
/** A lab's file repeats a handful of spellings 100,000 times: each is folded once. */
function memo<T>(f: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined && !seen.has(s)) {
      v = f(s);
      if (seen.size < 10_000) seen.set(s, v);
    }
    return v as T;
  };
}
const foldText = memo((s) => (s === '+' || s === '-' ? s : foldKey(s).replace(/_/g, ' ')));
const folded = (c: Cell) => foldText(text(c));

async function readCells(file: LabFile): Promise<{ row: number; cells: Cell[] }[]> {
  if (file.data.length === 0) throw invalid('file', 'testing.errors.file_empty');
  if (file.data[0] === 0x50 && file.data[1] === 0x4b) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.data as unknown as ArrayBuffer).catch(() => {
      throw invalid('file', 'testing.errors.file_unreadable');
    });
    const rows: { row: number; cells: Cell[] }[] = [];
    book.worksheets[0]?.eachRow({ includeEmpty: false }, (r, row) => {
      const cells = (r.values as unknown[]).slice(1).map((v): Cell => {
        if (v === undefined || v === null) return null;
        if (typeof v === 'number' || typeof v === 'string' || v instanceof Date) return v;
        const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
        if (o.richText) return o.richText.map((t) => t.text).join('');
        return o.result !== undefined ? (o.result as Cell) : typeof o.text === 'string' ? o.text : null;
      });
      rows.push({ row, cells });
    });
    return rows;
  }
  let csv: string;
  try {
    csv = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
  } catch {
    throw invalid('file', 'testing.errors.file_encoding');
  }
  const first = csv.split('\n', 1)[0];
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const records: string[][] = parseCsv(csv, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false });
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch {
    throw invalid('file', 'testing.errors.file_unreadable');
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant with its offset; Excel dates and plain times are Vietnam wall time. */
function instantOf(c: Cell): string | null {
  // ExcelJS gives a wall-clock date as the same digits in UTC.
  if (c instanceof Date) return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}T${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}:${pad(c.getUTCSeconds())}+07:00`;
  return instantOfText(text(c));
}

const instantOfText = memo((s: string): string | null => {
  let m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) {
    const offset = m[6] === undefined ? '+07:00' : m[6] === 'Z' ? 'Z' : `${m[6].slice(0, 3)}:${m[6].slice(-2)}`;
    return `${m[1]}T${pad(+m[2])}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${offset}`;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) return `${m[3]}-${pad(+m[2])}-${pad(+m[1])}T${pad(+m[4])}:${m[5]}:${m[6] ?? '00'}+07:00`;
  return null;
});

function numberOf(c: Cell): number | null | undefined {
  if (c === null || text(c) === '') return null;
  if (typeof c === 'number') return c;
  const n = Number(text(c).replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function header(cells: Cell[]): Record<Column, number> {
  const names = cells.map(folded);
  const at = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const i = names.findIndex((n) => (COLUMNS[column] as readonly string[]).includes(n));
    if (i < 0 && column !== 'ctValue') throw invalid('file', 'testing.errors.column_missing', { column: COLUMNS[column][0] });
    at[column] = i;
  }
  return at;
}

/** The rows of a lab's file, checked one by one; the file is refused as a whole when any row has a problem. */
export async function readLabFile(file: LabFile, now: Date, skewMs: number): Promise<{ rows: IncomingResult[]; problems: RowProblem[]; problemCount: number }> {
  const all = (await readCells(file)).filter((r) => r.cells.some((c) => text(c) !== ''));
  if (all.length === 0) throw invalid('file', 'testing.errors.file_empty');
  const at = header(all[0].cells);
  const rows: IncomingResult[] = [];
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const problem = (row: number, field: string, messageKey: string, params: Record<string, unknown> = {}) => {
    problemCount++;
    if (problems.length < 500) problems.push({ row, field, messageKey, params });
  };
  for (const { row, cells } of all.slice(1)) {
    const cell = (c: Column) => (at[c] >= 0 ? (cells[at[c]] ?? null) : null);
    const ct = numberOf(cell('ctValue'));
    const testedAt = instantOf(cell('testedAt'));
    const candidate = {
      code: normalizeCode(text(cell('code'))),
      testType: TEST_TYPES[folded(cell('testType'))] ?? text(cell('testType')),
      result: RESULTS[folded(cell('result'))] ?? text(cell('result')),
      ctValue: ct === undefined ? Number.NaN : ct,
      testedAt: testedAt ?? text(cell('testedAt')),
    };
    const parsed = resultInput.safeParse(candidate);
    if (!parsed.success) {
      const fields = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'code');
        if (fields.has(field)) continue;
        fields.add(field);
        problem(row, field, issue.message.startsWith('testing.') ? issue.message : `testing.errors.${field === 'ctValue' ? 'ct_range' : 'value_invalid'}`);
      }
      continue;
    }
    if (new Date(parsed.data.testedAt).getTime() > now.getTime() + skewMs) {
      problem(row, 'testedAt', 'testing.errors.time_future');
      continue;
    }
    rows.push({ row, ...parsed.data });
  }
  return { rows, problems, problemCount };
}
