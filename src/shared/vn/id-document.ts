/**
 * Vietnamese identity documents. A CCCD (citizen identity card, 12 digits) encodes the place of
 * birth registration (3 digits, a province code), a century-and-sex digit and the two last digits
 * of the year of birth (Circular 07/2016/TT-BCA); the checks below use that structure. A CMND
 * (the older identity card) has 9 digits. Passports: one letter and 7 digits for Vietnamese
 * passports, 5 to 20 letters and digits for foreign ones.
 */
export type DocType = 'cccd' | 'cmnd' | 'passport';

/** Province codes used as the first three digits of a CCCD (001 Hà Nội … 096 Cà Mau). */
const CCCD_PROVINCES = new Set([
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45,
  46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92,
  93, 94, 95, 96,
]);

export type DocProblem =
  | 'doc_format_cccd'
  | 'doc_format_cmnd'
  | 'doc_format_passport'
  | 'doc_cccd_province'
  | 'doc_cccd_birth_year'
  | 'doc_cccd_sex';

export function normalizeDocNumber(type: DocType, value: string): string {
  const v = value.replace(/[\s.\-]/g, '');
  return type === 'passport' ? v.toUpperCase() : v;
}

export interface CccdFacts {
  provinceCode: string;
  sex: 'male' | 'female';
  birthYear: number;
}

export function readCccd(n: string): CccdFacts | null {
  if (!/^\d{12}$/.test(n)) return null;
  const digit = Number(n[3]);
  const century = 1900 + Math.floor(digit / 2) * 100;
  return {
    provinceCode: n.slice(1, 3),
    sex: digit % 2 === 0 ? 'male' : 'female',
    birthYear: century + Number(n.slice(4, 6)),
  };
}

/** Returns what is wrong with the document number, or null when it is valid. */
export function checkDocNumber(
  type: DocType,
  raw: string,
  person?: { birthYear?: number; sex?: 'male' | 'female' | 'other' },
): DocProblem | null {
  const n = normalizeDocNumber(type, raw);
  if (type === 'cmnd') return /^\d{9}$/.test(n) ? null : 'doc_format_cmnd';
  if (type === 'passport') return /^[A-Z0-9]{5,20}$/.test(n) ? null : 'doc_format_passport';
  const facts = readCccd(n);
  if (!facts) return 'doc_format_cccd';
  if (!CCCD_PROVINCES.has(Number(n.slice(0, 3)))) return 'doc_cccd_province';
  if (person?.birthYear !== undefined && person.birthYear !== facts.birthYear) return 'doc_cccd_birth_year';
  if (person?.sex && person.sex !== 'other' && person.sex !== facts.sex) return 'doc_cccd_sex';
  return null;
}

/** The century-and-sex digit and year digits a CCCD carries for a person (used by generators). */
export function cccdPrefix(provinceCode: string, sex: 'male' | 'female', birthYear: number): string {
  const centuryIndex = Math.floor((birthYear - 1900) / 100);
  const digit = centuryIndex * 2 + (sex === 'female' ? 1 : 0);
  return '0' + provinceCode.padStart(2, '0') + String(digit) + String(birthYear % 100).padStart(2, '0');
}
