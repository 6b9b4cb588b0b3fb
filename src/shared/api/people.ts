import { z } from 'zod';
import { nfc, properName } from '../vn/text.js';
import { normalizePhone } from '../vn/phone.js';
import { checkDocNumber, normalizeDocNumber } from '../vn/id-document.js';
import { parseDate, todayInVietnam } from '../vn/dates.js';

export const DOC_TYPES = ['cccd', 'cmnd', 'passport'] as const;
export const SEXES = ['male', 'female', 'other'] as const;
export const DUPLICATE_REASONS = ['same_id', 'same_phone_similar_name', 'same_name_birth_commune'] as const;
export const DUPLICATE_STATUSES = ['open', 'merged', 'dismissed'] as const;
export const SEARCH_KINDS = ['doc', 'phone', 'name'] as const;
export const MIN_BIRTH_YEAR = 1890;

export type DocType = (typeof DOC_TYPES)[number];
export type Sex = (typeof SEXES)[number];
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];
export type SearchKind = (typeof SEARCH_KINDS)[number];

// Letters (with their combining marks), spaces, and the hyphens, apostrophes and dots of foreign names.
const NAME_CHARS = /^\p{L}[\p{L}\p{M}' .-]*$/u;

/** '' and whitespace count as "not given", so an emptied form field clears the value. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'people.errors.too_long')
    .nullish()
    .transform((v) => (v ? v : null));

const fullName = z
  .string()
  .transform(properName)
  .pipe(z.string().min(2, 'people.errors.full_name_length').max(100, 'people.errors.full_name_length').regex(NAME_CHARS, 'people.errors.full_name_letters'));

const birthDate = optionalText(10)
  .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && parseDate(v) !== null), 'people.errors.birth_date_format')
  .refine((v) => v === null || v >= `${MIN_BIRTH_YEAR}-01-01`, 'people.errors.birth_date_too_early')
  .refine((v) => v === null || v <= todayInVietnam(), 'people.errors.birth_date_future');

const birthYear = z
  .number()
  .int('people.errors.birth_year_range')
  .min(MIN_BIRTH_YEAR, 'people.errors.birth_year_range')
  .refine((y) => y <= Number(todayInVietnam().slice(0, 4)), 'people.errors.birth_year_range')
  .nullish()
  .transform((v) => v ?? null);

const phone = optionalText(30)
  .refine((v) => v === null || normalizePhone(v) !== null, 'people.errors.phone_invalid')
  .transform((v) => (v === null ? null : normalizePhone(v)));

/**
 * A person as staff enter it. Parsing normalises it (NFC proper name, national phone form,
 * compact document number, upper-case country, birth year from the birth date) and names the
 * field of every problem with a people.errors.* key. Neither a document nor a phone is required:
 * children often have neither.
 */
export const personInput = z
  .object({
    docType: z.enum(DOC_TYPES, 'people.errors.doc_type_unknown').nullish().transform((v) => v ?? null),
    docNumber: optionalText(30),
    phone,
    fullName,
    birthDate,
    birthYear,
    sex: z.enum(SEXES, 'people.errors.sex_required'),
    nationality: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'people.errors.nationality_format').default('VN'),
    addressLine: z.string().transform(nfc).pipe(z.string().max(200, 'people.errors.too_long')).default(''),
    communeId: z.number('people.errors.commune_required').int().positive('people.errors.commune_unknown'),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.docType && !p.docNumber) issue('docNumber', 'people.errors.doc_number_required');
    if (!p.docType && p.docNumber) issue('docType', 'people.errors.doc_type_required');
    if (!p.birthDate && p.birthYear === null) issue('birthDate', 'people.errors.birth_required');
    const year = p.birthDate ? Number(p.birthDate.slice(0, 4)) : p.birthYear;
    if (p.birthDate && p.birthYear !== null && p.birthYear !== year) issue('birthYear', 'people.errors.birth_year_mismatch');
    if (p.docType && p.docNumber) {
      const problem = checkDocNumber(p.docType, p.docNumber, { birthYear: year ?? undefined, sex: p.sex });
      if (problem) issue('docNumber', `people.errors.${problem}`);
    }
  })
  .transform((p) => ({
    ...p,
    docNumber: p.docType && p.docNumber ? normalizeDocNumber(p.docType, p.docNumber) : null,
    birthYear: p.birthDate ? Number(p.birthDate.slice(0, 4)) : (p.birthYear as number),
  }));
export type PersonInput = z.input<typeof personInput>;
export type PersonData = z.output<typeof personInput>;

/**
 * A change to a person: any subset of the fields, null clearing an optional one. The server
 * applies it to the stored person and checks the result with personInput, so errors name the
 * same fields.
 */
export const personPatch = z
  .object({
    docType: z.enum(DOC_TYPES, 'people.errors.doc_type_unknown').nullable(),
    docNumber: z.string().nullable(),
    phone: z.string().nullable(),
    fullName: z.string(),
    birthDate: z.string().nullable(),
    birthYear: z.number().nullable(),
    sex: z.enum(SEXES, 'people.errors.sex_required'),
    nationality: z.string(),
    addressLine: z.string(),
    communeId: z.number(),
  })
  .partial();
export type PersonPatch = z.infer<typeof personPatch>;

const unitRef = z.object({ id: z.number(), name: z.string() });

/** A person in lists: enough to recognise them. */
export const personSummary = z.object({
  id: z.number(),
  fullName: z.string(),
  docType: z.enum(DOC_TYPES).nullable(),
  docNumber: z.string().nullable(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthYear: z.number(),
  sex: z.enum(SEXES),
  nationality: z.string(),
  addressLine: z.string(),
  communeId: z.number(),
  communeName: z.string(),
  districtId: z.number().nullable(),
  provinceId: z.number(),
  mergedInto: z.number().nullable(),
});
export type PersonSummary = z.infer<typeof personSummary>;

/** A possible duplicate of a given person, with the other person's summary. */
export const duplicateCandidate = z.object({
  id: z.number(),
  score: z.number(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  status: z.enum(DUPLICATE_STATUSES),
  other: personSummary,
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;

/** A person's stored fields at a moment (the merged person's record, or the kept one before the merge). */
export const personSnapshot = z.record(z.string(), z.unknown());

export const mergeRecord = z.object({
  id: z.number(),
  mergedId: z.number(),
  keptId: z.number(),
  reason: z.string(),
  duplicateId: z.number().nullable(),
  mergedBy: z.object({ accountId: z.number(), username: z.string().nullable(), displayName: z.string().nullable() }),
  mergedAt: z.string(),
  mergedSnapshot: personSnapshot,
  keptBefore: personSnapshot,
});
export type MergeRecord = z.infer<typeof mergeRecord>;

export const personDetail = personSummary.extend({
  commune: unitRef,
  district: unitRef.nullable(),
  province: unitRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Every person merged into this one, directly or through an earlier merge: their records belong to this person. */
  mergedIds: z.array(z.number()),
  merges: z.array(mergeRecord),
  duplicates: z.array(duplicateCandidate),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const createPersonResponse = z.object({ person: personDetail, duplicates: z.array(duplicateCandidate) });
export type CreatePersonResponse = z.infer<typeof createPersonResponse>;

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'people.errors.search_query').max(100, 'people.errors.search_query'),
  unitId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SearchQuery = z.input<typeof searchQuery>;

export const searchResponse = z.object({
  kind: z.enum(SEARCH_KINDS),
  rows: z.array(personSummary),
  hasMore: z.boolean(),
});
export type SearchResponse = z.infer<typeof searchResponse>;

/** What to export: the people a search finds, or without q everyone in the unit (or the whole jurisdiction). */
export const exportQuery = z.object({
  q: z.string().trim().max(100).optional(),
  unitId: z.coerce.number().int().positive().optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const duplicatePair = z.object({
  id: z.number(),
  score: z.number(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  status: z.enum(DUPLICATE_STATUSES),
  detectedAt: z.string(),
  decidedAt: z.string().nullable(),
  a: personSummary,
  b: personSummary,
});
export type DuplicatePair = z.infer<typeof duplicatePair>;

export const listDuplicatesQuery = z.object({
  status: z.enum(DUPLICATE_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListDuplicatesQuery = z.input<typeof listDuplicatesQuery>;

export const listDuplicatesResponse = z.object({ rows: z.array(duplicatePair), hasMore: z.boolean() });

/** found: pairs judged duplicates; created: of those, pairs not stored before; skippedGroups: values shared by too many people to compare. */
export const scanResponse = z.object({ found: z.number(), created: z.number(), skippedGroups: z.number() });
export type ScanResult = z.infer<typeof scanResponse>;

export const decisionReason = z.string().trim().min(3, 'people.errors.reason_required').max(500, 'people.errors.too_long');

export const dismissBody = z.object({ reason: decisionReason });

export const mergeBody = z.object({
  keepId: z.number().int().positive(),
  mergeId: z.number().int().positive(),
  reason: decisionReason,
  duplicateId: z.number().int().positive().optional(),
});
export type MergeInput = z.infer<typeof mergeBody>;
