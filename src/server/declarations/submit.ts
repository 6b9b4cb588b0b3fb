// The public side: the form's questions, a citizen's declaration (no account) and the update of
// it from the same device. Everything is checked before the transaction that stores it, and the
// transaction stores all of it or nothing.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { matchOrCreatePerson } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { profileInForce } from '../profiles/service.js';
import { resolveCommune } from '../geo/service.js';
import { LANGS, translate } from '../../shared/i18n/index.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import {
  DECLARATION_KINDS,
  TRAVELLER_CATEGORIES,
  VEHICLE_TYPES,
  declarationInput,
  type DeclarationForm,
  type LatestResponse,
  type SubmitResponse,
} from '../../shared/api/declarations.js';
import { declarations } from './schema.js';
import { currentUnits } from './units.js';
import { outbreakAreasTouched } from './outbreak.js';
import { checkAgainstProfile, placesToCheck, triageReasons, unitRefs } from './rules.js';
import { deviceOfKey, newDevice, personalQrToken, touchDevice, type Device } from './qr.js';
import { pendingVerification } from './device-code.js';

export const DISEASE = 'covid-19';

const named = (group: string, codes: readonly string[]) =>
  codes.map((code) => ({ code, name: Object.fromEntries(LANGS.map((l) => [l, translate(l, `declarations.${group}.${code}`)])) as { vi: string; en: string } }));

/** The questions of the form on a day, from the profile in force then. */
export async function declarationForm(db: Db, on = todayInVietnam()): Promise<DeclarationForm> {
  const profile = await profileInForce(db, DISEASE, on);
  const { declaration, vaccination } = profile.rules;
  return {
    profileId: profile.id,
    lookbackDays: declaration.lookbackDays,
    kinds: named('kinds', DECLARATION_KINDS),
    symptoms: declaration.symptoms,
    exposureQuestions: declaration.exposureQuestions,
    vaccineProducts: vaccination.products.map((p) => ({ code: p.id, name: p.name })),
    vehicleTypes: named('vehicleTypes', VEHICLE_TYPES),
    travellerCategories: named('travellerCategories', TRAVELLER_CATEGORIES),
  };
}

export interface SubmitContext {
  /** The key the device got with an earlier declaration (X-Device-Key), if any. */
  deviceKey?: string;
  now?: Date;
}

/**
 * Stores a citizen's declaration for the registered person it names (matched or registered by
 * the people capability's rules), after the person's previous one, which stays as it was. A
 * device that already declared for this person keeps its key; otherwise a new key is returned
 * (a device may declare for several people, one key each).
 */
export async function submitDeclaration(db: Db, raw: unknown, ctx: SubmitContext = {}): Promise<SubmitResponse> {
  const now = ctx.now ?? new Date();
  const today = todayInVietnam(now);
  const input = parseInput(declarationInput, raw);
  const profile = await profileInForce(db, DISEASE, today);
  checkAgainstProfile(input, profile.rules, today);
  const place = await resolveCommune(db, input.answers.identity.communeId).catch((err: unknown) => {
    if (err instanceof AppError) throw new AppError(err.code, err.messageKey, err.params, 'answers.identity.communeId');
    throw err;
  });
  const refs = unitRefs(input);
  const units = await currentUnits(db, refs.map((r) => r.unitId));
  const unknown = refs.find((r) => !units.has(r.unitId));
  if (unknown) throw invalid(unknown.field, 'declarations.errors.unit_unknown');
  const reasons = triageReasons(input, await outbreakAreasTouched(db, placesToCheck(input, units, today), today));

  return db.transaction(async (tx) => {
    const { personId, differences, matched } = await matchOrCreatePerson(tx, input.answers.identity, { actor: null, source: 'declaration', fieldPrefix: 'answers.identity' });
    // One person's declarations form a chain: the lock keeps two at once from superseding the same one.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`declaration-person:${personId}`}))`);
    const known = await deviceOfKey(tx, ctx.deviceKey);
    let device: Device;
    let deviceKey: string | null = null;
    if (known && known.personId === personId) {
      device = known;
      await touchDevice(tx, known.id, now);
    } else {
      // A person this declaration registers is the device's own; one already registered must be shown to be.
      const made = await newDevice(tx, personId, now, matched === null);
      device = made.device;
      deviceKey = made.key;
    }
    const deviceId = device.id;
    const [previous] = await tx
      .select({ id: declarations.id })
      .from(declarations)
      .where(eq(declarations.personId, personId))
      .orderBy(desc(declarations.submittedAt), desc(declarations.id))
      .limit(1);
    const status = reasons.length ? 'pending' : 'not_needed';
    const [row] = await tx
      .insert(declarations)
      .values({
        personId,
        kind: input.kind,
        submittedAt: now,
        deviceId,
        profileId: profile.id,
        ...place,
        answers: input.answers,
        travel: input.travel,
        arrival: input.arrival,
        personDifferences: differences,
        supersedesId: previous?.id ?? null,
        triageStatus: status,
        triageReasons: reasons,
      })
      .returning({ id: declarations.id });
    await audit.record(tx, null, {
      action: 'create',
      entity: 'declaration',
      entityId: row.id,
      personId,
      details: { source: 'public', kind: input.kind, triage: status, supersedes: previous?.id ?? null },
    });
    return {
      declarationId: row.id,
      qrToken: device.verified ? await personalQrToken(tx, personId) : null,
      verification: device.verified ? null : await pendingVerification(tx, device, now),
      deviceKey,
      triage: { status, reasons },
    };
  });
}

/** The last declaration made from this device, to prefill an update; 404 for an unknown key. */
export async function latestForDevice(db: Db, deviceKey: string | undefined): Promise<LatestResponse> {
  const device = await deviceOfKey(db, deviceKey);
  if (!device) throw notFound();
  const [row] = await db
    .select()
    .from(declarations)
    .where(eq(declarations.deviceId, device.id))
    .orderBy(desc(declarations.submittedAt), desc(declarations.id))
    .limit(1);
  if (!row) throw notFound();
  return {
    declarationId: row.id,
    submittedAt: row.submittedAt.toISOString(),
    kind: row.kind,
    answers: row.answers as unknown as Record<string, unknown>,
    travel: row.travel as Record<string, unknown> | null,
    arrival: row.arrival as Record<string, unknown> | null,
    qrToken: device.verified ? await personalQrToken(db, device.personId) : null,
  };
}
