import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { parse as parseCsv } from 'csv-parse/sync';
import { invalid } from '../http/errors.js';

export type Cell = string | number | null;
/** A non-empty row of a sheet with its number as the spreadsheet shows it (first row = 1). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export interface UploadedFile {
  name: string;
  data: Buffer;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (data: Buffer, magic: number[]) => magic.every((b, i) => data[i] === b);

const unreadable = (file: string) => invalid('file', 'geo.errors.file_unreadable', { file });

/** The rows of the first sheet of a .csv, .xlsx or legacy .xls file, told apart by content, not by name. */
export async function readTable(file: UploadedFile): Promise<SheetRow[]> {
  if (file.data.length === 0) throw invalid('file', 'geo.errors.file_empty', { file: file.name });
  let rows: SheetRow[];
  if (startsWith(file.data, ZIP)) rows = await readXlsx(file);
  else if (startsWith(file.data, OLE2) || (/\.xls$/i.test(file.name) && looksLikeHtml(file.data))) rows = readLegacy(file);
  else if (/\.xlsx?$/i.test(file.name)) throw unreadable(file.name);
  else rows = readCsv(file);
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (nonEmpty.length === 0) throw invalid('file', 'geo.errors.file_empty', { file: file.name });
  return nonEmpty;
}

/** Some sites serve an HTML table named .xls; SheetJS reads those too. */
function looksLikeHtml(data: Buffer): boolean {
  return /^\s*</.test(data.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, ''));
}

async function readXlsx(file: UploadedFile): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.data as unknown as ArrayBuffer);
  } catch {
    throw unreadable(file.name);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable(file.name);
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    rows.push({ row: rowNumber, cells: values.slice(1).map(excelCell) });
  });
  return rows;
}

function excelCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
  if (o.richText) return o.richText.map((t) => t.text).join('');
  if ('result' in o) return excelCell(o.result);
  if (typeof o.text === 'string') return o.text;
  return null;
}

function readLegacy(file: UploadedFile): SheetRow[] {
  let ws: XLSX.WorkSheet | undefined;
  try {
    const wb = XLSX.read(file.data, { type: 'buffer', cellDates: false });
    ws = wb.Sheets[wb.SheetNames[0]];
  } catch {
    throw unreadable(file.name);
  }
  if (!ws?.['!ref']) throw unreadable(file.name);
  const firstRow = XLSX.utils.decode_range(ws['!ref']).s.r;
  const arrays = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, blankrows: true, defval: null });
  return arrays.map((cells, i) => ({
    row: firstRow + i + 1,
    cells: cells.map((c) => (typeof c === 'number' || typeof c === 'string' ? c : c == null ? null : String(c))),
  }));
}

function readCsv(file: UploadedFile): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
  } catch {
    throw invalid('file', 'geo.errors.file_encoding', { file: file.name });
  }
  if (text.includes('\u0000')) throw unreadable(file.name);
  const firstLine = text.split('\n', 1)[0];
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch {
    throw unreadable(file.name);
  }
  return records.map((cells, i) => ({ row: i + 1, cells }));
}
