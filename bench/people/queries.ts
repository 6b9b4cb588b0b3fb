/**
 * Search boxes as staff fill them, built from people actually in the database: an ID number as
 * printed, a phone in +84 form (so the search has to normalise it), and the start of a name
 * typed without accents, two or three words long.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/server/db/handle.js';
import { Random } from '../../src/server/demo/random.js';

export interface SampledPerson {
  id: number;
  docNumber: string | null;
  phone: string | null;
  nameKey: string;
  communeId: number;
  districtId: number | null;
  provinceId: number;
}

export type QueryKind = 'id_number' | 'phone' | 'name_prefix';

export interface BenchQuery {
  q: string;
  person: SampledPerson;
}

/** Random existing people: ids drawn uniformly between the smallest and largest id. */
export async function samplePeople(db: Db, count: number, seed: number): Promise<SampledPerson[]> {
  const [range] = await queryRows<{ lo: string; hi: string }>(db, sql`select min(id) as lo, max(id) as hi from people`);
  const rng = new Random(seed);
  const ids = Array.from({ length: count }, () => rng.int(Number(range.lo), Number(range.hi)));
  return queryRows<SampledPerson>(
    db,
    sql`select id::int as "id", doc_number as "docNumber", phone, name_key as "nameKey", commune_id as "communeId",
               district_id as "districtId", province_id as "provinceId"
          from people where id = any(${`{${ids.join(',')}}`}::bigint[]) order by id`,
  );
}

/** "nguyen van a", "le minh", "tran thi hoa": family + middle + given initial, two words, three words. */
export function namePrefix(nameKey: string, i: number): string {
  const words = nameKey.split(' ');
  if (i % 3 === 0) return `${words[0]} ${words[1]} ${words[2][0]}`;
  if (i % 3 === 1) return `${words[0]} ${words[1]}`;
  return words.slice(0, 3).join(' ');
}

export function queriesFor(kind: QueryKind, people: readonly SampledPerson[], n: number): BenchQuery[] {
  const usable = people.filter((p) => (kind === 'id_number' ? p.docNumber : kind === 'phone' ? p.phone : true));
  if (usable.length === 0) throw new Error(`no sampled person has a ${kind}`);
  return Array.from({ length: n }, (_, i) => {
    const person = usable[i % usable.length];
    const q = kind === 'id_number' ? person.docNumber! : kind === 'phone' ? '+84' + person.phone!.slice(1) : namePrefix(person.nameKey, i);
    return { q, person };
  });
}
