import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import type { PersonSummary } from '../../shared/api/people.js';
import { people, type PersonRow } from './schema.js';
import { unitNames } from './units.js';

/** The columns of a person summary, selected from people (the commune name is added after). */
export const summaryColumns = {
  id: people.id,
  fullName: people.fullName,
  docType: people.docType,
  docNumber: people.docNumber,
  phone: people.phone,
  birthDate: people.birthDate,
  birthYear: people.birthYear,
  sex: people.sex,
  nationality: people.nationality,
  addressLine: people.addressLine,
  communeId: people.communeId,
  districtId: people.districtId,
  provinceId: people.provinceId,
  mergedInto: people.mergedInto,
};
export type SummaryRow = Omit<PersonSummary, 'communeName'>;

export async function withCommuneNames(db: DbOrTx, rows: SummaryRow[]): Promise<PersonSummary[]> {
  const names = await unitNames(db, rows.map((r) => r.communeId));
  return rows.map((r) => ({ ...r, communeName: names.get(r.communeId) ?? '' }));
}

export async function summariesByIds(db: DbOrTx, ids: number[]): Promise<Map<number, PersonSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(summaryColumns).from(people).where(inArray(people.id, [...new Set(ids)]));
  return new Map((await withCommuneNames(db, rows)).map((p) => [p.id, p]));
}

/** Every stored field of a person, as kept in person_merges so a merge can be explained and undone by hand. */
export function snapshotOf(row: PersonRow): Record<string, unknown> {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
