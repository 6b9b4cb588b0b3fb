// Shared set-up for the people tests: a fresh database with the unit fixture and valid input.
import type { DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import { cccdPrefix } from '../../shared/vn/id-document.js';
import type { PersonInput } from '../../shared/api/people.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';

export async function peopleDb(): Promise<{ h: DbHandle; units: UnitFixture }> {
  const h = await testDb();
  return { h, units: await seedUnitFixture(h.db) };
}

/** A CCCD registered in Quảng Ninh (022) consistent with the sex and birth year. */
export const cccd = (sex: 'male' | 'female', year: number, serial: number) => cccdPrefix('22', sex, year) + String(serial).padStart(6, '0');

export function personIn(communeId: number, over: Partial<PersonInput> = {}): PersonInput {
  return { fullName: 'Nguyễn Văn An', sex: 'male', birthDate: '1985-03-02', communeId, ...over };
}

export async function count(h: DbHandle, table: 'people' | 'person_duplicates' | 'person_merges'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row.n;
}

export async function auditRows(h: DbHandle, action: string) {
  return queryRows<{ person_id: number | null; entity_id: string | null; username: string; details: Record<string, unknown> | null }>(
    h.db,
    sql`select person_id::int as person_id, entity_id, username, details from audit_log where action = ${action} order by id`,
  );
}

const FAMILY = [['Nguyễn', 'nguyen'], ['Trần', 'tran'], ['Lê', 'le'], ['Phạm', 'pham'], ['Hoàng', 'hoang'], ['Vũ', 'vu'], ['Đặng', 'dang'], ['Bùi', 'bui'], ['Đỗ', 'do'], ['Ngô', 'ngo']];
const MIDDLE = [['Văn', 'van'], ['Thị', 'thi'], ['Đức', 'duc'], ['Minh', 'minh'], ['Quốc', 'quoc'], ['Thu', 'thu'], ['Hữu', 'huu']];
const GIVEN = [['An', 'an'], ['Bình', 'binh'], ['Châu', 'chau'], ['Dũng', 'dung'], ['Giang', 'giang'], ['Hà', 'ha'], ['Hải', 'hai'], ['Hoa', 'hoa'], ['Khánh', 'khanh'], ['Lan', 'lan'], ['Long', 'long'], ['Mai', 'mai'], ['Nam', 'nam'], ['Ngọc', 'ngoc'], ['Phúc', 'phuc'], ['Quang', 'quang'], ['Sơn', 'son'], ['Tâm', 'tam'], ['Thảo', 'thao'], ['Tuấn', 'tuan'], ['Vân', 'van'], ['Yến', 'yen']];

/**
 * Inserts n people spread over the fixture's communes, straight into the table (the bulk path a
 * data import would take), with distinct documents and phones and names that repeat like real ones.
 */
export async function bulkPeople(h: DbHandle, units: UnitFixture, n: number): Promise<void> {
  const communes = [
    [units.hongHa, units.halong],
    [units.baiChay, units.halong],
    [units.kaLong, units.mongcai],
  ];
  for (let start = 0; start < n; start += 2000) {
    const values = [];
    for (let i = start; i < Math.min(n, start + 2000); i++) {
      const f = FAMILY[i % FAMILY.length];
      const m = MIDDLE[Math.floor(i / 10) % MIDDLE.length];
      const g = GIVEN[Math.floor(i / 70) % GIVEN.length];
      const [communeId, districtId] = communes[i % 3];
      const year = 1940 + ((i * 7) % 80);
      values.push(
        sql`(${'cccd'}, ${'0220' + String(i).padStart(8, '0')}, ${'09' + String(10_000_000 + i).slice(-8)}, ${`${f[0]} ${m[0]} ${g[0]}`}, ${`${f[1]} ${m[1]} ${g[1]}`}, ${year}, ${i % 2 ? 'female' : 'male'}, ${communeId}, ${districtId}, ${units.province})`,
      );
    }
    await h.db.execute(
      sql`insert into people (doc_type, doc_number, phone, full_name, name_key, birth_year, sex, commune_id, district_id, province_id) values ${sql.join(values, sql`, `)}`,
    );
  }
  await h.db.execute(sql`analyze people`);
}
