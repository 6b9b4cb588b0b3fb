import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { AppError, notFound } from '../http/errors.js';
import { issueToAppError, zodToAppError } from '../http/zod-errors.js';
import { diseaseCode, saveProfileBody } from '../../shared/api/profiles.js';
import { profileRules, type ProfileRules } from '../../shared/profiles/rules.js';
import { DEFAULT_PROFILES } from '../../shared/profiles/defaults.js';
import { diseaseProfiles } from './schema.js';

type Row = typeof diseaseProfiles.$inferSelect;

export interface ProfileSummary {
  id: number;
  disease: string;
  version: number;
  label: string;
  effectiveFrom: string;
  notes: string;
  createdBy: number | null;
  createdAt: Date;
  unverified: string[];
}

export interface Profile extends ProfileSummary {
  rules: ProfileRules;
}

function summary(row: Row): ProfileSummary {
  const { rules, ...rest } = row;
  return { ...rest, unverified: (rules as { unverified?: string[] }).unverified ?? [] };
}

/** Stored rules were checked on save; parsing again types them and catches rows edited by hand. */
function profile(row: Row): Profile {
  return { ...summary(row), rules: profileRules.parse(row.rules) };
}

/** The rules checked against the schema; a problem names its path under "rules.", e.g. rules.quarantine.rules[2].testDays[1]. */
export function validateRules(rules: unknown): ProfileRules {
  const parsed = profileRules.safeParse(rules);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // An unknown key is reported on its object; name the key itself.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  throw issueToAppError({ ...issue, path }, 'rules');
}

/** Every version, newest first, optionally of one disease. */
export async function listProfiles(db: DbOrTx, disease?: string): Promise<ProfileSummary[]> {
  const rows = await db
    .select()
    .from(diseaseProfiles)
    .where(disease ? eq(diseaseProfiles.disease, disease) : undefined)
    .orderBy(asc(diseaseProfiles.disease), desc(diseaseProfiles.version));
  return rows.map(summary);
}

export async function getProfile(db: DbOrTx, id: number): Promise<Profile> {
  const [row] = await db.select().from(diseaseProfiles).where(eq(diseaseProfiles.id, id));
  if (!row) throw notFound('profiles.errors.notFound');
  return profile(row);
}

/**
 * The version that governs decisions made on `onDate` (yyyy-mm-dd): the latest effective_from on
 * or before it, and of two versions effective the same day the later one (a correction).
 */
export async function profileInForce(db: DbOrTx, disease: string, onDate: string): Promise<Profile> {
  const [row] = await db
    .select()
    .from(diseaseProfiles)
    .where(and(eq(diseaseProfiles.disease, disease), lte(diseaseProfiles.effectiveFrom, onDate)))
    .orderBy(desc(diseaseProfiles.effectiveFrom), desc(diseaseProfiles.version))
    .limit(1);
  if (!row) throw notFound('profiles.errors.noneInForce');
  return profile(row);
}

const saveInput = saveProfileBody.extend({ rules: z.unknown() });

/** Saves the rules as a new version (max + 1). Existing versions are never changed. */
export async function saveProfileVersion(db: Db, actor: Actor, input: z.input<typeof saveInput>): Promise<Profile> {
  requirePermission(actor, 'profiles.manage');
  const parsed = saveInput.safeParse(input);
  if (!parsed.success) throw zodToAppError(parsed.error);
  const { rules: rawRules, ...meta } = parsed.data;
  const rules = validateRules(rawRules);
  try {
    return await db.transaction(async (tx) => {
      const [{ max }] = await tx
        .select({ max: sql<number>`coalesce(max(${diseaseProfiles.version}), 0)::int` })
        .from(diseaseProfiles)
        .where(eq(diseaseProfiles.disease, meta.disease));
      const [row] = await tx
        .insert(diseaseProfiles)
        .values({ ...meta, version: max + 1, rules, createdBy: actor.accountId })
        .returning();
      await audit.record(tx, actor, {
        action: 'create',
        entity: 'disease_profile',
        entityId: row.id,
        details: { disease: row.disease, version: row.version, effectiveFrom: row.effectiveFrom, label: row.label },
      });
      return profile(row);
    });
  } catch (err) {
    // Another version of the same disease was saved at the same moment.
    if (isUniqueViolation(err)) throw new AppError('conflict', 'profiles.errors.versionTaken', {}, 'disease');
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
}

/** Inserts the shipped default versions of each disease that has no profile yet (first start, demo seed). */
export async function ensureDefaultProfiles(db: Db): Promise<number> {
  let inserted = 0;
  for (const disease of new Set(DEFAULT_PROFILES.map((p) => diseaseCode.parse(p.disease)))) {
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(diseaseProfiles)
      .where(eq(diseaseProfiles.disease, disease));
    if (n > 0) continue;
    const rows = DEFAULT_PROFILES.filter((p) => p.disease === disease).map((p) => ({ ...p, rules: profileRules.parse(p.rules) }));
    const done = await db.insert(diseaseProfiles).values(rows).onConflictDoNothing().returning({ id: diseaseProfiles.id });
    inserted += done.length;
  }
  return inserted;
}
