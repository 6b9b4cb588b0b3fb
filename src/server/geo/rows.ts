import { AppError, type RowProblem } from '../http/errors.js';
import { nfc } from '../../shared/vn/text.js';

/**
 * One commune of an official list with its parents, whatever file layout it came from. A district
 * or province without communes (the island districts Hoàng Sa, Trường Sa, …) is a row without commune.
 */
export interface UnitRow {
  provinceCode: string;
  provinceName: string;
  provinceType: string;
  provinceNameEn?: string;
  /** Absent in the two-level lists (from 1 July 2025). */
  districtCode?: string;
  districtName?: string;
  districtType?: string;
  districtNameEn?: string;
  communeCode?: string;
  communeName?: string;
  communeType?: string;
  communeNameEn?: string;
  /** Where the row came from, for error messages. */
  source?: { file: string; row: number };
}

/** Unit types as they prefix official full names, longest first so "Thành phố" wins over shorter ones. */
export const UNIT_TYPES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Đặc khu', 'Phường', 'Huyện', 'Quận', 'Tỉnh', 'Xã'] as const;

/**
 * "Thành phố Hạ Long" -> {type: "Thành phố", name: "Hạ Long"}. A name without a known prefix keeps
 * the given type (e.g. the GSO "Cấp" column) and its whole text as the name.
 */
export function splitType(fullName: string, typeHint = ''): { type: string; name: string } {
  const full = nfc(fullName);
  const lower = full.toLocaleLowerCase('vi');
  for (const type of UNIT_TYPES) {
    const prefix = type.toLocaleLowerCase('vi') + ' ';
    if (lower.startsWith(prefix) && full.length > prefix.length) return { type, name: full.slice(prefix.length).trim() };
  }
  const hint = nfc(typeHint);
  const known = UNIT_TYPES.find((t) => t.toLocaleLowerCase('vi') === hint.toLocaleLowerCase('vi'));
  return { type: known ?? hint, name: full };
}

export const fullNameOf = (type: string, name: string) => (type ? `${type} ${name}` : name);

export const CODE_LENGTH = { province: 2, district: 3, commune: 5 } as const;

export const MAX_ROW_PROBLEMS = 200;

/** Collects every row problem of an upload (keeping the first 200) so the user can fix them all at once. */
export class RowProblems {
  readonly rows: RowProblem[] = [];
  count = 0;

  add(file: string, row: number, field: string, messageKey: string, params: Record<string, unknown> = {}): void {
    this.count++;
    if (this.rows.length < MAX_ROW_PROBLEMS) this.rows.push({ file, row, field, messageKey, params });
  }

  throwIfAny(): void {
    if (this.count === 0) return;
    const rows = [...this.rows].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.row - b.row);
    throw new AppError('validation', 'geo.errors.import_rows', { count: this.count }, 'file', { rows });
  }
}

/**
 * A GSO code from a cell. Spreadsheet programs turn "06661" into the number 6661, so a numeric
 * cell gets its leading zeros back; text must already have the exact length.
 */
export function readCode(
  problems: RowProblems,
  at: { file: string; row: number; field: string },
  value: string | number | null | undefined,
  length: number,
): string | null {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value).padStart(length, '0') : nfc(String(value ?? ''));
  if (!text) {
    problems.add(at.file, at.row, at.field, 'geo.errors.code_missing');
    return null;
  }
  if (!/^\d+$/.test(text) || text.length !== length) {
    problems.add(at.file, at.row, at.field, 'geo.errors.code_format', { code: text, length });
    return null;
  }
  return text;
}

export function readName(
  problems: RowProblems,
  at: { file: string; row: number; field: string },
  value: string | number | null | undefined,
): string | null {
  const text = nfc(String(value ?? ''));
  if (!text) problems.add(at.file, at.row, at.field, 'geo.errors.name_missing');
  return text || null;
}
