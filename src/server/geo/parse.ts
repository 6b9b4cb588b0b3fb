import { foldKey, nfc } from '../../shared/vn/text.js';
import { invalid } from '../http/errors.js';
import { readTable, type Cell, type SheetRow, type UploadedFile } from './read-table.js';
import { CODE_LENGTH, readCode, readName, RowProblems, splitType, type UnitRow } from './rows.js';

/**
 * Layouts of the official lists:
 * - the GSO flat commune list (danhmuchanhchinh.gso.gov.vn export): Mã, Tên, Tên Tiếng Anh, Cấp,
 *   [Mã QH, Quận Huyện,] Mã TP, Tỉnh / Thành Phố; the district columns are gone from the 2025 list;
 * - the split set: provinces.csv, districts.csv (three-level lists only) and wards.csv, with
 *   code, name, name_en, full_name, ... and the parent's code in district_code or province_code.
 */
type Role = 'code' | 'name' | 'nameEn' | 'type' | 'fullName' | 'districtCode' | 'districtName' | 'provinceCode' | 'provinceName';
interface Column {
  index: number;
  label: string;
}
type Columns = Partial<Record<Role, Column>>;
type SplitKind = 'provinces' | 'districts' | 'wards';

interface Sheet {
  file: string;
  columns: Columns;
  rows: SheetRow[];
}

const GSO_HEADERS: Record<string, Role> = {
  ma: 'code',
  ten: 'name',
  'ten tieng anh': 'nameEn',
  cap: 'type',
  'ma qh': 'districtCode',
  'quan huyen': 'districtName',
  'ma tp': 'provinceCode',
  'tinh thanh pho': 'provinceName',
};
const SPLIT_HEADERS: Record<string, Role> = {
  code: 'code',
  name: 'name',
  'name en': 'nameEn',
  'full name': 'fullName',
  'district code': 'districtCode',
  'province code': 'provinceCode',
};

function columnsOf(cells: Cell[], known: Record<string, Role>): Columns {
  const columns: Columns = {};
  cells.forEach((cell, index) => {
    const label = nfc(String(cell ?? ''));
    const role = known[foldKey(label)];
    if (role && !columns[role]) columns[role] = { index, label };
  });
  return columns;
}

type Layout = { kind: 'gso'; columns: Columns; headerAt: number } | { kind: SplitKind; columns: Columns; headerAt: number };

/** The header may sit below a title row, so the first rows are tried in turn. */
function detectLayout(file: UploadedFile, rows: SheetRow[]): Layout | null {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const gso = columnsOf(rows[i].cells, GSO_HEADERS);
    if (gso.code && gso.name && gso.provinceCode && gso.provinceName && (!gso.districtCode === !gso.districtName)) {
      return { kind: 'gso', columns: gso, headerAt: i };
    }
    const split = columnsOf(rows[i].cells, SPLIT_HEADERS);
    if (split.code && (split.fullName || split.name)) {
      return { kind: splitKind(file.name, split, rows[i + 1]), columns: split, headerAt: i };
    }
  }
  return null;
}

/** districts.csv and the two-level wards.csv both point at a province; the name tells them apart, else the code length. */
function splitKind(fileName: string, columns: Columns, firstData: SheetRow | undefined): SplitKind {
  if (columns.districtCode) return 'wards';
  if (!columns.provinceCode) return 'provinces';
  const base = foldKey(fileName.replace(/^.*[\\/]/, ''));
  if (/district|huyen/.test(base)) return 'districts';
  if (/ward|commune|xa|phuong/.test(base)) return 'wards';
  const code = String(firstData?.cells[columns.code!.index] ?? '').trim();
  return code.length === CODE_LENGTH.district ? 'districts' : 'wards';
}

const cell = (row: SheetRow, col: Column | undefined): Cell => (col ? (row.cells[col.index] ?? null) : null);
const text = (row: SheetRow, col: Column | undefined): string | undefined => nfc(String(cell(row, col) ?? '')) || undefined;

/** Remembers where each code was first seen, to name both rows of a duplicate. */
class CodeRegistry {
  private readonly seen = new Map<string, { file: string; row: number }>();

  claim(problems: RowProblems, at: { file: string; row: number; field: string }, level: string, code: string): boolean {
    const key = `${level}:${code}`;
    const first = this.seen.get(key);
    if (!first) {
      this.seen.set(key, at);
      return true;
    }
    const other = first.file === at.file ? String(first.row) : `${first.file}:${first.row}`;
    problems.add(at.file, at.row, at.field, 'geo.errors.code_duplicate', { code, other });
    return false;
  }
}

function parseGso(sheet: Sheet, problems: RowProblems, codes: CodeRegistry): UnitRow[] {
  const { file, columns: c } = sheet;
  const out: UnitRow[] = [];
  for (const r of sheet.rows) {
    const at = (col: Column) => ({ file, row: r.row, field: col.label });
    const communeCode = readCode(problems, at(c.code!), cell(r, c.code), CODE_LENGTH.commune);
    const communeFull = readName(problems, at(c.name!), cell(r, c.name));
    const provinceCode = readCode(problems, at(c.provinceCode!), cell(r, c.provinceCode), CODE_LENGTH.province);
    const provinceFull = readName(problems, at(c.provinceName!), cell(r, c.provinceName));
    const districtCode = c.districtCode ? readCode(problems, at(c.districtCode), cell(r, c.districtCode), CODE_LENGTH.district) : undefined;
    const districtFull = c.districtName ? readName(problems, at(c.districtName), cell(r, c.districtName)) : undefined;
    if (!communeCode || !communeFull || !provinceCode || !provinceFull || districtCode === null || districtFull === null) continue;
    if (!codes.claim(problems, at(c.code!), 'commune', communeCode)) continue;
    const commune = splitType(communeFull, text(r, c.type));
    const province = splitType(provinceFull);
    const district = districtFull ? splitType(districtFull) : undefined;
    out.push({
      provinceCode,
      provinceName: province.name,
      provinceType: province.type,
      ...(district ? { districtCode, districtName: district.name, districtType: district.type } : {}),
      communeCode,
      communeName: commune.name,
      communeType: commune.type,
      communeNameEn: text(r, c.nameEn),
      source: { file, row: r.row },
    });
  }
  return out;
}

interface SplitUnit {
  code: string;
  name: string;
  type: string;
  nameEn?: string;
  parentCode?: string;
  source: { file: string; row: number };
}

function readSplit(sheet: Sheet, level: keyof typeof CODE_LENGTH, parent: Role | null, problems: RowProblems, codes: CodeRegistry): SplitUnit[] {
  const { file, columns: c } = sheet;
  const out: SplitUnit[] = [];
  const parentLength = parent === 'districtCode' ? CODE_LENGTH.district : CODE_LENGTH.province;
  for (const r of sheet.rows) {
    const at = (col: Column) => ({ file, row: r.row, field: col.label });
    const nameCol = (c.fullName ?? c.name)!;
    const code = readCode(problems, at(c.code!), cell(r, c.code), CODE_LENGTH[level]);
    const full = readName(problems, at(nameCol), cell(r, nameCol));
    const parentCode = parent ? readCode(problems, at(c[parent]!), cell(r, c[parent]), parentLength) : undefined;
    if (!code || !full || parentCode === null || !codes.claim(problems, at(c.code!), level, code)) continue;
    const { type, name } = splitType(full);
    out.push({ code, name, type, nameEn: text(r, c.nameEn), parentCode, source: { file, row: r.row } });
  }
  return out;
}

const provinceFields = (p: SplitUnit) => ({ provinceCode: p.code, provinceName: p.name, provinceType: p.type, provinceNameEn: p.nameEn });
const districtFields = (d: SplitUnit) => ({ districtCode: d.code, districtName: d.name, districtType: d.type, districtNameEn: d.nameEn });

/** Joins provinces.csv, districts.csv and wards.csv into commune rows; a parent missing from the upload is a row problem. */
function joinSplit(sheets: Map<SplitKind, Sheet>, problems: RowProblems, codes: CodeRegistry): UnitRow[] {
  const wardsSheet = sheets.get('wards');
  const districtsSheet = sheets.get('districts');
  const provincesSheet = sheets.get('provinces');
  const threeLevel = Boolean(wardsSheet?.columns.districtCode);
  if (!wardsSheet) throw invalid('file', 'geo.errors.missing_companion', { file: (districtsSheet ?? provincesSheet)!.file, needed: 'wards.csv' });
  if (!provincesSheet) throw invalid('file', 'geo.errors.missing_companion', { file: wardsSheet.file, needed: 'provinces.csv' });
  if (threeLevel && !districtsSheet) throw invalid('file', 'geo.errors.missing_companion', { file: wardsSheet.file, needed: 'districts.csv' });

  const provinces = new Map(readSplit(provincesSheet, 'province', null, problems, codes).map((u) => [u.code, u]));
  const districts = new Map<string, SplitUnit>();
  if (threeLevel) {
    for (const d of readSplit(districtsSheet!, 'district', 'provinceCode', problems, codes)) {
      if (provinces.has(d.parentCode!)) districts.set(d.code, d);
      else problems.add(d.source.file, d.source.row, districtsSheet!.columns.provinceCode!.label, 'geo.errors.parent_unknown', { code: d.parentCode });
    }
  }
  const out: UnitRow[] = [];
  const parentCol = threeLevel ? wardsSheet.columns.districtCode! : wardsSheet.columns.provinceCode;
  if (!parentCol) throw invalid('file', 'geo.errors.unknown_layout', { file: wardsSheet.file });
  const withCommunes = new Set<string>();
  for (const w of readSplit(wardsSheet, 'commune', threeLevel ? 'districtCode' : 'provinceCode', problems, codes)) {
    const district = threeLevel ? districts.get(w.parentCode!) : undefined;
    const province = provinces.get(threeLevel ? (district?.parentCode ?? '') : w.parentCode!);
    if (!province || (threeLevel && !district)) {
      problems.add(w.source.file, w.source.row, parentCol.label, 'geo.errors.parent_unknown', { code: w.parentCode });
      continue;
    }
    out.push({
      ...provinceFields(province),
      ...(district ? districtFields(district) : {}),
      communeCode: w.code,
      communeName: w.name,
      communeType: w.type,
      communeNameEn: w.nameEn,
      source: w.source,
    });
    withCommunes.add(province.code).add(district?.code ?? '');
  }
  for (const d of districts.values()) {
    if (!withCommunes.has(d.code)) out.push({ ...provinceFields(provinces.get(d.parentCode!)!), ...districtFields(d), source: d.source });
  }
  for (const p of provinces.values()) {
    if (!withCommunes.has(p.code) && ![...districts.values()].some((d) => d.parentCode === p.code)) out.push({ ...provinceFields(p), source: p.source });
  }
  return out;
}

/**
 * Reads uploaded official lists into commune rows. Every row problem of every file is collected
 * and thrown together (geo.errors.import_rows with details.rows); a file that cannot be read or
 * whose header is not a known layout is a 'file' error of its own.
 */
export async function parseUnitFiles(files: UploadedFile[]): Promise<UnitRow[]> {
  if (files.length === 0) throw invalid('file', 'errors.required');
  const gso: Sheet[] = [];
  const split = new Map<SplitKind, Sheet>();
  for (const file of files) {
    const rows = await readTable(file);
    const layout = detectLayout(file, rows);
    if (!layout) throw invalid('file', 'geo.errors.unknown_layout', { file: file.name });
    const sheet = { file: file.name, columns: layout.columns, rows: rows.slice(layout.headerAt + 1) };
    if (layout.kind === 'gso') gso.push(sheet);
    else if (split.has(layout.kind)) throw invalid('file', 'geo.errors.split_twice', { file: file.name, other: split.get(layout.kind)!.file });
    else split.set(layout.kind, sheet);
  }
  const problems = new RowProblems();
  const codes = new CodeRegistry();
  const rows = gso.flatMap((sheet) => parseGso(sheet, problems, codes));
  if (split.size) rows.push(...joinSplit(split, problems, codes));
  problems.throwIfAny();
  if (rows.length === 0) throw invalid('file', 'geo.errors.no_units');
  return rows;
}
