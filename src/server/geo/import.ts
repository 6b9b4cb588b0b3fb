import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/actor.js';
import { invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { importFields, type BoundaryResult, type ImportFields, type ImportResult } from '../../shared/api/geo.js';
import type { UploadedFile } from './read-table.js';
import { parseUnitFiles } from './parse.js';
import { writeUnits } from './write.js';

export type ImportUnitsInput = { files: UploadedFile[] } & Omit<ImportFields, 'mode'> & { mode?: ImportFields['mode'] };

/**
 * Imports official lists of administrative units (see parse.ts for the layouts). Every row is
 * checked before anything is written, and everything is written in one transaction.
 */
export async function importUnits(db: Db, actor: Actor, input: ImportUnitsInput): Promise<ImportResult> {
  requirePermission(actor, 'units.manage');
  const opts = importFields.parse({ listVersion: input.listVersion, validFrom: input.validFrom, mode: input.mode, provinceCode: input.provinceCode });
  const rows = await parseUnitFiles(input.files);
  return db.transaction(async (tx) => {
    const result = await writeUnits(tx, rows, opts);
    await audit.record(tx, actor, {
      action: 'import',
      entity: 'admin_units',
      details: { ...opts, files: input.files.map((f) => f.name), ...result },
    });
    return result;
  });
}

const CODE_KEYS = new Set(['code', 'ma', 'code_gso', 'ma_gso', 'ma_dvhc', 'ma_xa', 'ma_huyen', 'ma_tinh']);

/** The GSO code a feature carries, under any of the usual property names. */
function featureCode(properties: unknown): string | null {
  if (!properties || typeof properties !== 'object') return null;
  for (const [key, value] of Object.entries(properties)) {
    if (!CODE_KEYS.has(key.toLowerCase())) continue;
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  }
  return null;
}

interface Feature {
  type?: unknown;
  geometry?: unknown;
  properties?: unknown;
}

/**
 * Stores the boundaries of a GeoJSON FeatureCollection on the current units whose GSO code the
 * features carry. A code that lost its leading zeros (a number) is matched by its padded forms.
 * Features with no geometry or no current unit are returned as unmatched (by code, or #n).
 */
export async function importBoundaries(db: Db, actor: Actor, geojson: string | Buffer | object): Promise<BoundaryResult> {
  requirePermission(actor, 'units.manage');
  let doc: unknown = geojson;
  if (typeof geojson === 'string' || Buffer.isBuffer(geojson)) {
    try {
      doc = JSON.parse(geojson.toString().replace(/^\uFEFF/, ''));
    } catch {
      throw invalid('file', 'geo.errors.geojson_invalid');
    }
  }
  const collection = doc as { type?: unknown; features?: unknown };
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw invalid('file', 'geo.errors.geojson_not_collection');
  }
  const features = collection.features as Feature[];
  const codes = features.map((f) => featureCode(f?.properties));
  const candidates = [...new Set(codes.flatMap((c) => (c ? [c, c.padStart(2, '0'), c.padStart(3, '0'), c.padStart(5, '0')] : [])))];

  return db.transaction(async (tx) => {
    const units = await queryRows<{ id: number; code: string }>(
      tx,
      sql`select id, code from admin_units
          where valid_to is null and code in (select jsonb_array_elements_text(${JSON.stringify(candidates)}::jsonb))`,
    );
    const idByCode = new Map(units.map((u) => [u.code, u.id]));
    const geometryById = new Map<number, unknown>();
    const unmatched: string[] = [];
    features.forEach((f, i) => {
      const code = codes[i];
      const id = code ? [code, code.padStart(5, '0'), code.padStart(3, '0'), code.padStart(2, '0')].map((c) => idByCode.get(c)).find(Boolean) : undefined;
      const geometry = f?.geometry;
      if (id && geometry && typeof geometry === 'object') geometryById.set(id, geometry);
      else unmatched.push(code ?? `#${i + 1}`);
    });
    if (geometryById.size) {
      const records = [...geometryById].map(([id, geometry]) => ({ id, geometry }));
      await tx.execute(sql`update admin_units u set boundary = x.geometry
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(id int, geometry jsonb) where u.id = x.id`);
    }
    await audit.record(tx, actor, {
      action: 'import',
      entity: 'admin_units',
      details: { boundaries: true, matched: geometryById.size, unmatched: unmatched.length },
    });
    return { matched: geometryById.size, unmatched };
  });
}
