import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import { invalid } from '../http/errors.js';
import { foldKey } from '../../shared/vn/text.js';
import type { ImportResult, UnitLevelName } from '../../shared/api/geo.js';
import { fullNameOf, RowProblems, type UnitRow } from './rows.js';

export interface WriteOptions {
  listVersion: string;
  validFrom: string;
  mode: 'add' | 'replace';
  /** Only this province of the rows is written (and, in replace mode, replaced). */
  provinceCode?: string;
}

interface Incoming {
  level: UnitLevelName;
  code: string;
  name: string;
  typeName: string;
  nameEn: string | null;
  parentCode?: string;
  provinceCode: string;
  source?: { file: string; row: number };
}

interface Existing {
  id: number;
  level: UnitLevelName;
  code: string;
  list_version: string;
  valid_from: string;
  valid_to: string | null;
  province_id: number | null;
  full_name: string;
}

function collect(rows: UnitRow[]): Record<UnitLevelName, Map<string, Incoming>> {
  const units = { province: new Map<string, Incoming>(), district: new Map<string, Incoming>(), commune: new Map<string, Incoming>() };
  for (const r of rows) {
    const base = { provinceCode: r.provinceCode, source: r.source };
    if (!units.province.has(r.provinceCode)) {
      units.province.set(r.provinceCode, { ...base, level: 'province', code: r.provinceCode, name: r.provinceName, typeName: r.provinceType, nameEn: r.provinceNameEn ?? null });
    }
    if (r.districtCode && !units.district.has(r.districtCode)) {
      units.district.set(r.districtCode, {
        ...base,
        level: 'district',
        code: r.districtCode,
        name: r.districtName!,
        typeName: r.districtType ?? '',
        nameEn: r.districtNameEn ?? null,
        parentCode: r.provinceCode,
      });
    }
    if (!r.communeCode) continue;
    units.commune.set(r.communeCode, {
      ...base,
      level: 'commune',
      code: r.communeCode,
      name: r.communeName!,
      typeName: r.communeType ?? '',
      nameEn: r.communeNameEn ?? null,
      parentCode: r.districtCode ?? r.provinceCode,
    });
  }
  return units;
}

/**
 * Writes normalised list rows: the write path shared by the staff import and the demo loader
 * (which has no actor and is not audited). Call it inside a transaction: it reads, checks every
 * unit and throws before writing, but a failure between its statements must roll back too.
 *
 * A unit of the same list version, or a province with the same code, is updated in place, so
 * re-importing a list is idempotent and a province keeps its row across lists. In 'replace' mode
 * the current districts and communes of provinceCode (without it: of every province, and the
 * provinces missing from the new list themselves) get valid_to = validFrom and stay readable for
 * the records that point at them.
 */
export async function writeUnits(tx: DbOrTx, allRows: UnitRow[], opts: WriteOptions): Promise<ImportResult> {
  const rows = opts.provinceCode ? allRows.filter((r) => r.provinceCode === opts.provinceCode) : allRows;
  if (rows.length === 0) throw invalid('provinceCode', 'geo.errors.province_not_in_file', { code: opts.provinceCode });
  const units = collect(rows);

  const existing = await queryRows<Existing>(
    tx,
    sql`select id, level, code, list_version, valid_from::text as valid_from, valid_to::text as valid_to, province_id, full_name
        from admin_units where valid_to is null or list_version = ${opts.listVersion}`,
  );
  const retire = retiredBy(existing, units.province, opts);
  const retiring = new Set(retire.map((u) => u.id));
  if (retire.some((u) => u.valid_from >= opts.validFrom)) throw invalid('validFrom', 'geo.errors.valid_from_order');

  const current = new Map<string, Existing>();
  const sameVersion = new Map<string, Existing>();
  for (const u of existing) {
    if (u.valid_to === null && !retiring.has(u.id)) current.set(`${u.level}:${u.code}`, u);
    if (u.list_version === opts.listVersion) sameVersion.set(`${u.level}:${u.code}`, u);
  }

  const problems = new RowProblems();
  const matchId = (u: Incoming): number | undefined => {
    const key = `${u.level}:${u.code}`;
    const cur = current.get(key);
    if (cur && (u.level === 'province' || cur.list_version === opts.listVersion)) return cur.id;
    const report = (messageKey: string, params: Record<string, unknown>) =>
      problems.add(u.source?.file ?? '', u.source?.row ?? 0, u.level, messageKey, { code: u.code, ...params });
    if (cur) report('geo.errors.code_in_use', { name: cur.full_name, listVersion: cur.list_version });
    else if (sameVersion.has(key)) report('geo.errors.unit_retired', { listVersion: opts.listVersion });
    return undefined;
  };
  const plans = (['province', 'district', 'commune'] as const).map((level) => {
    const list = [...units[level].values()];
    return { level, list, ids: list.map(matchId) };
  });
  problems.throwIfAny();

  if (retiring.size) {
    await tx.execute(sql`update admin_units set valid_to = ${opts.validFrom}::date
      where id in (select value::int from jsonb_array_elements_text(${JSON.stringify([...retiring])}::jsonb))`);
  }

  const idOf = { province: new Map<string, number>(), district: new Map<string, number>() };
  for (const u of current.values()) if (u.level !== 'commune') idOf[u.level].set(u.code, u.id);
  for (const { level, list, ids } of plans) {
    const records = list.map((u, i) => {
      const provinceId = level === 'province' ? (ids[i] ?? null) : idOf.province.get(u.provinceCode)!;
      const districtId = level === 'district' ? (ids[i] ?? null) : level === 'commune' ? (idOf.district.get(u.parentCode!) ?? null) : null;
      return {
        id: ids[i] ?? null,
        code: u.code,
        name: u.name,
        full_name: fullNameOf(u.typeName, u.name),
        type_name: u.typeName,
        name_en: u.nameEn,
        search_key: foldKey(fullNameOf(u.typeName, u.name)),
        parent_id: level === 'province' ? null : level === 'district' ? provinceId : (districtId ?? provinceId),
        province_id: provinceId,
        district_id: districtId,
      };
    });
    await updateUnits(tx, records.filter((r) => r.id !== null));
    const inserted = await insertUnits(tx, level, records.filter((r) => r.id === null), opts);
    if (level !== 'commune') {
      for (const r of records) if (r.id !== null) idOf[level].set(r.code, r.id);
      for (const r of inserted) idOf[level].set(r.code, r.id);
    }
  }
  return { provinces: units.province.size, districts: units.district.size, communes: units.commune.size, retired: retiring.size };
}

/** The current units a 'replace' import retires; provinces stay unless the whole list is replaced and drops them. */
function retiredBy(existing: Existing[], provinces: Map<string, Incoming>, opts: WriteOptions): Existing[] {
  if (opts.mode !== 'replace') return [];
  const currentProvinces = existing.filter((u) => u.level === 'province' && u.valid_to === null);
  const replaced = new Set(currentProvinces.filter((p) => (opts.provinceCode ? p.code === opts.provinceCode : true)).map((p) => p.id));
  const dropped = new Set(currentProvinces.filter((p) => !opts.provinceCode && !provinces.has(p.code)).map((p) => p.id));
  return existing.filter(
    (u) =>
      u.valid_to === null &&
      (dropped.has(u.id) ||
        (u.level !== 'province' && u.province_id !== null && (dropped.has(u.province_id) || (replaced.has(u.province_id) && u.list_version !== opts.listVersion)))),
  );
}

type UnitRecord = {
  id: number | null;
  code: string;
  name: string;
  full_name: string;
  type_name: string;
  name_en: string | null;
  search_key: string;
  parent_id: number | null;
  province_id: number | null;
  district_id: number | null;
};

// One statement per level with the rows as a single jsonb parameter: fast on PGlite and below
// any bind-parameter limit for the 10,599 communes of the country.
const RECORD_COLUMNS = sql.raw(
  `code text, name text, full_name text, type_name text, name_en text, search_key text, parent_id int, province_id int, district_id int`,
);

async function insertUnits(tx: DbOrTx, level: UnitLevelName, records: UnitRecord[], opts: WriteOptions): Promise<{ id: number; code: string }[]> {
  if (records.length === 0) return [];
  // A province is its own province_id and a district its own district_id: the id is drawn first
  // so the row can name itself in the same statement.
  const provinceId = level === 'province' ? sql`x.id` : sql`x.province_id`;
  const districtId = level === 'district' ? sql`x.id` : sql`x.district_id`;
  return queryRows<{ id: number; code: string }>(
    tx,
    sql`insert into admin_units (id, code, level, name, full_name, type_name, name_en, search_key, parent_id, province_id, district_id, list_version, valid_from)
        select x.id, x.code, ${level}, x.name, x.full_name, x.type_name, x.name_en, x.search_key, x.parent_id, ${provinceId}, ${districtId},
               ${opts.listVersion}, ${opts.validFrom}::date
        from (select nextval(pg_get_serial_sequence('admin_units', 'id'))::int as id, r.*
              from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${RECORD_COLUMNS})) x
        returning id, code`,
  );
}

async function updateUnits(tx: DbOrTx, records: UnitRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.execute(sql`update admin_units u
    set name = x.name, full_name = x.full_name, type_name = x.type_name, name_en = coalesce(x.name_en, u.name_en),
        search_key = x.search_key, parent_id = x.parent_id, province_id = x.province_id, district_id = x.district_id
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(id int, ${RECORD_COLUMNS})
    where u.id = x.id`);
}
