import { z } from 'zod';

export const UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export type UnitLevelName = (typeof UNIT_LEVELS)[number];
export const unitLevel = z.enum(UNIT_LEVELS);

/** One row of admin_units as the API shows it. validTo is set once a newer list replaced the unit. */
export const unitView = z.object({
  id: z.number(),
  code: z.string(),
  level: unitLevel,
  name: z.string(),
  fullName: z.string(),
  typeName: z.string(),
  nameEn: z.string().nullable(),
  parentId: z.number().nullable(),
  provinceId: z.number().nullable(),
  districtId: z.number().nullable(),
  listVersion: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  population: z.number().nullable(),
});
export type UnitView = z.infer<typeof unitView>;

/** A search hit names its district and province so that the many "Xã Tân Lập" can be told apart. */
export const unitSearchHit = unitView.extend({
  districtName: z.string().nullable(),
  provinceName: z.string().nullable(),
});
export type UnitSearchHit = z.infer<typeof unitSearchHit>;

export const unitSearchQuery = z.object({
  q: z.string().trim().min(1).max(80),
  level: unitLevel.optional(),
  parentId: z.coerce.number().int().positive().optional(),
  includeRetired: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A unit with its ancestors (province first) and its children; a retired unit lists its retired children. */
export const unitDetail = unitView.extend({
  chain: z.array(unitView),
  children: z.array(unitView),
  boundary: z.unknown().nullable(),
});
export type UnitDetail = z.infer<typeof unitDetail>;

/** The actor's jurisdiction as a flat list in tree order; parentId links the nodes. */
export const unitTreeNode = z.object({
  id: z.number(),
  code: z.string(),
  level: unitLevel,
  name: z.string(),
  fullName: z.string(),
  typeName: z.string(),
  parentId: z.number().nullable(),
  population: z.number().nullable(),
  /** People recorded in the unit (merged duplicates excluded), rolled up to districts and province. */
  peopleCount: z.number(),
});
export type UnitTreeNode = z.infer<typeof unitTreeNode>;

export const populationBody = z.object({
  population: z.number().int().min(0).max(200_000_000).nullable(),
});

/**
 * The form fields sent with POST /units/import (multipart, beside one or more files: a GSO commune
 * list as .csv/.xlsx/.xls, or the split provinces.csv + districts.csv + wards.csv set).
 * provinceCode limits the import to that province of the file. mode 'add' refuses a code that a
 * current unit of another list holds; mode 'replace' retires (valid_to = validFrom) the current
 * districts and communes of provinceCode, or, without provinceCode, replaces the whole country
 * list: provinces missing from the file are retired with their units. Province rows are kept.
 */
export const importFields = z.object({
  listVersion: z.string().trim().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/, 'geo.errors.list_version'),
  validFrom: z.iso.date(),
  mode: z.enum(['add', 'replace']).default('add'),
  provinceCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/, 'geo.errors.province_code')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type ImportFields = z.infer<typeof importFields>;

export const importResult = z.object({
  provinces: z.number(),
  districts: z.number(),
  communes: z.number(),
  retired: z.number(),
});
export type ImportResult = z.infer<typeof importResult>;

export const boundaryResult = z.object({
  matched: z.number(),
  unmatched: z.array(z.string()),
});
export type BoundaryResult = z.infer<typeof boundaryResult>;

/** One problem of an uploaded file, in error.details.rows of a 400 from POST /units/import. */
export const importRowProblem = z.object({
  file: z.string().optional(),
  row: z.number(),
  field: z.string(),
  message: z.string(),
});
export type ImportRowProblem = z.infer<typeof importRowProblem>;
