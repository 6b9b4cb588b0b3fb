// The DCC JSON payload (schema 1.3), as issued and as read back from a QR.

export const DCC_TYPES = ['t', 'v', 'r'] as const;
export type DccType = (typeof DCC_TYPES)[number];

export const DCC_SCHEMA_VERSION = '1.3.0';
/** SNOMED CT codes of the test result value set. */
export const TEST_NOT_DETECTED = '260415000';
export const TEST_DETECTED = '260373001';

export interface DccName {
  fn?: string;
  fnt?: string;
  gn?: string;
  gnt?: string;
}

export interface DccTestEntry {
  tg: string;
  tt: string;
  nm?: string;
  ma?: string;
  /** Sample collection, ISO 8601 date-time. */
  sc: string;
  tr: string;
  tc?: string;
  co: string;
  is: string;
  ci: string;
}

export interface DccVaccinationEntry {
  tg: string;
  vp: string;
  mp: string;
  ma: string;
  dn: number;
  sd: number;
  dt: string;
  co: string;
  is: string;
  ci: string;
}

export interface DccRecoveryEntry {
  tg: string;
  fr: string;
  co: string;
  is: string;
  df: string;
  du: string;
  ci: string;
}

export interface Dcc {
  ver: string;
  nam: DccName;
  dob: string;
  t?: DccTestEntry[];
  v?: DccVaccinationEntry[];
  r?: DccRecoveryEntry[];
}

export type DccEntry = DccTestEntry | DccVaccinationEntry | DccRecoveryEntry;

/** The certificate's single entry and its type; null when the payload does not have exactly one. */
export function entryOf(dcc: unknown): { type: DccType; entry: DccEntry } | null {
  if (!dcc || typeof dcc !== 'object') return null;
  const d = dcc as Record<string, unknown>;
  const present = DCC_TYPES.filter((k) => d[k] !== undefined);
  if (present.length !== 1) return null;
  const list = d[present[0]];
  if (!Array.isArray(list) || list.length !== 1 || !list[0] || typeof list[0] !== 'object') return null;
  const ci = (list[0] as { ci?: unknown }).ci;
  if (typeof ci !== 'string') return null;
  if (typeof d.ver !== 'string' || typeof d.dob !== 'string' || !d.nam || typeof d.nam !== 'object') return null;
  return { type: present[0], entry: list[0] as DccEntry };
}

/** The holder's name as printed: family name first, as Vietnamese names are read. */
export function displayName(nam: DccName): string {
  const family = nam.fn || nam.fnt?.replace(/</g, ' ') || '';
  const given = nam.gn || nam.gnt?.replace(/</g, ' ') || '';
  return [family, given].filter(Boolean).join(' ');
}
