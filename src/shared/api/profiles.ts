import { z } from 'zod';
import { profileRules } from '../profiles/rules.js';

/** A disease code as stored in disease_profiles.disease, e.g. "covid-19". */
export const diseaseCode = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'profiles.errors.disease');

/** One version of a disease profile, without its rules (lists). */
export const profileSummary = z.object({
  id: z.number(),
  disease: z.string(),
  version: z.number(),
  label: z.string(),
  /** yyyy-mm-dd: the version applies to decisions made on this day and later, until a later version takes effect. */
  effectiveFrom: z.string(),
  notes: z.string(),
  createdBy: z.number().nullable(),
  /** ISO timestamp */
  createdAt: z.string(),
  /** Rule paths (e.g. "riskLevels.matrix") whose values could not be confirmed from the official text. */
  unverified: z.array(z.string()),
});
export type ProfileSummaryDto = z.infer<typeof profileSummary>;

export const profileView = profileSummary.extend({ rules: profileRules });
export type ProfileViewDto = z.infer<typeof profileView>;

export const listProfilesQuery = z.object({ disease: diseaseCode.optional() });

export const inForceQuery = z.object({
  disease: diseaseCode.default('covid-19'),
  /** yyyy-mm-dd; today in Asia/Ho_Chi_Minh when absent */
  on: z.iso.date().optional(),
});

/** A new version: the server numbers it (max + 1); existing versions are never edited. */
export const saveProfileBody = z.object({
  disease: diseaseCode,
  label: z.string().trim().min(1).max(200),
  effectiveFrom: z.iso.date(),
  rules: profileRules,
  notes: z.string().max(4000).default(''),
});
export type SaveProfileInput = z.input<typeof saveProfileBody>;

/**
 * GET /profiles/schema: the JSON Schema of the rules (structure, types, bounds) and the keys of the
 * cross-field checks applied on save, which JSON Schema cannot express.
 */
export const profileSchemaResponse = z.object({
  jsonSchema: z.record(z.string(), z.unknown()),
  crossFieldChecks: z.array(z.string()),
});
