import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/handle.js';
import type { Lang } from '../../shared/i18n/index.js';
import { ROLES, type Role, type UnitLevel } from '../../shared/roles.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { adminUnits } from '../geo/schema.js';
import * as audit from '../audit/service.js';
import { accounts, loginFailures, rateLimitCounters, sessions, type AccountRow } from './schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { requirePermission, unitInJurisdiction, type Actor, type Jurisdiction } from './actor.js';

export const SESSION_HOURS = 12;
/** Failed sign-ins allowed per user name (and ten times that per address) in the window. */
export const LOGIN_LIMIT = { perUser: 5, perIp: 50, windowMinutes: 15 };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export const passwordSchema = z.string().min(10, 'auth.errors.password_short').max(200);

export interface SessionInfo {
  token: string;
  expiresAt: Date;
}

async function jurisdictionOf(db: DbOrTx, unitId: number): Promise<Jurisdiction> {
  const [u] = await db
    .select({ id: adminUnits.id, level: adminUnits.level, provinceId: adminUnits.provinceId, districtId: adminUnits.districtId })
    .from(adminUnits)
    .where(eq(adminUnits.id, unitId));
  if (!u) throw invalid('unitId', 'auth.errors.unit_unknown');
  return { unitId: u.id, level: u.level as UnitLevel, provinceId: u.provinceId ?? u.id, districtId: u.districtId };
}

export async function login(
  db: Db,
  input: { username: string; password: string },
  ctx: { ip: string; userAgent?: string; via: string; lang: Lang },
): Promise<{ session: SessionInfo; actor: Actor; mustChangePassword: boolean }> {
  const username = input.username.trim().toLowerCase();
  const since = new Date(Date.now() - LOGIN_LIMIT.windowMinutes * 60_000);
  const [{ byUser, byIp }] = await db
    .select({
      byUser: sql<number>`count(*) filter (where ${loginFailures.username} = ${username})::int`,
      byIp: sql<number>`count(*) filter (where ${loginFailures.ip} = ${ctx.ip})::int`,
    })
    .from(loginFailures)
    .where(and(gte(loginFailures.at, since), or(eq(loginFailures.username, username), eq(loginFailures.ip, ctx.ip))));
  if (byUser >= LOGIN_LIMIT.perUser || byIp >= LOGIN_LIMIT.perIp) {
    throw new AppError('rate_limited', 'auth.errors.too_many_attempts', { minutes: LOGIN_LIMIT.windowMinutes });
  }
  const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
  const ok = account?.active ? await verifyPassword(account.passwordHash, input.password) : false;
  if (!account || !ok) {
    await db.insert(loginFailures).values({ username, ip: ctx.ip });
    await audit.record(db, null, { action: 'login_failed', entity: 'account', details: { username, ip: ctx.ip } });
    throw new AppError('unauthorized', 'auth.errors.bad_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const actor = actorFrom(account, await jurisdictionOf(db, account.unitId), ctx);
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), accountId: account.id, expiresAt, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) });
    await tx.delete(loginFailures).where(eq(loginFailures.username, username));
    await audit.record(tx, actor, { action: 'login', entity: 'account', entityId: account.id });
  });
  return { session: { token, expiresAt }, actor, mustChangePassword: account.mustChangePassword };
}

function actorFrom(account: AccountRow, jurisdiction: Jurisdiction, ctx: { ip: string; via: string; lang?: Lang }): Actor {
  return {
    accountId: account.id,
    username: account.username,
    role: account.role as Role,
    jurisdiction,
    lang: ctx.lang ?? account.language,
    ip: ctx.ip,
    via: ctx.via,
  };
}

/** The actor behind a session token, or null when the token is unknown, expired or its account disabled. */
export async function resolveSession(
  db: Db,
  token: string,
  ctx: { ip: string; via: string; lang?: Lang },
): Promise<Actor | null> {
  const [row] = await db
    .select({ account: accounts, unit: { id: adminUnits.id, level: adminUnits.level, provinceId: adminUnits.provinceId, districtId: adminUnits.districtId } })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(adminUnits, eq(adminUnits.id, accounts.unitId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, new Date()), eq(accounts.active, true)));
  if (!row) return null;
  const u = row.unit;
  return actorFrom(
    row.account,
    { unitId: u.id, level: u.level as UnitLevel, provinceId: u.provinceId ?? u.id, districtId: u.districtId },
    ctx,
  );
}

/**
 * The actor of an account as it is now, for work done later on its behalf (a queued decision):
 * its role and jurisdiction are read again, and a disabled account acts no more (null).
 */
export async function actorOfAccount(db: DbOrTx, accountId: number, ctx: { ip: string; via: string }): Promise<Actor | null> {
  const [account] = await db.select().from(accounts).where(and(eq(accounts.id, accountId), eq(accounts.active, true)));
  return account ? actorFrom(account, await jurisdictionOf(db, account.unitId), ctx) : null;
}

export async function logout(db: Db, token: string, actor: Actor): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  await audit.record(db, actor, { action: 'logout', entity: 'account', entityId: actor.accountId });
}

export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }, keepToken: string): Promise<void> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', 'auth.errors.current_password_wrong');
  }
  const parsed = passwordSchema.safeParse(input.newPassword);
  if (!parsed.success) throw invalid('newPassword', 'auth.errors.password_short');
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', 'auth.errors.password_same');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(accounts.id, account.id));
    // Other devices signed in with the old password are signed out.
    await tx.delete(sessions).where(and(eq(sessions.accountId, account.id), sql`${sessions.tokenHash} <> ${tokenHash(keepToken)}`));
    await audit.record(tx, actor, { action: 'password_change', entity: 'account', entityId: account.id });
  });
}

/** Deletes expired sessions, sign-in failures older than the rate-limit window and ended rate-limit windows. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<{ sessions: number; loginFailures: number; rateLimitCounters: number }> {
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ t: sessions.tokenHash });
  const before = new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * 60_000);
  const failures = await db.delete(loginFailures).where(lt(loginFailures.at, before)).returning({ id: loginFailures.id });
  const counters = await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowEnd, now)).returning({ key: rateLimitCounters.key });
  return { sessions: gone.length, loginFailures: failures.length, rateLimitCounters: counters.length };
}

// ---- account administration -------------------------------------------------------------

export const accountInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,40}$/, 'auth.errors.username_format'),
  displayName: z.string().trim().min(2).max(120),
  role: z.enum(ROLES),
  unitId: z.number().int().positive(),
  language: z.enum(['vi', 'en']).default('vi'),
  active: z.boolean().default(true),
});
export type AccountInput = z.infer<typeof accountInput>;

export interface AccountView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitLevel: UnitLevel;
  language: Lang;
  active: boolean;
  mustChangePassword: boolean;
}

const accountColumns = {
  id: accounts.id,
  username: accounts.username,
  displayName: accounts.displayName,
  role: accounts.role,
  unitId: accounts.unitId,
  unitName: adminUnits.fullName,
  unitLevel: adminUnits.level,
  language: accounts.language,
  active: accounts.active,
  mustChangePassword: accounts.mustChangePassword,
};

function jurisdictionFilter(j: Jurisdiction): SQL | undefined {
  if (j.level === 'province') return or(eq(adminUnits.provinceId, j.unitId), eq(adminUnits.id, j.unitId));
  if (j.level === 'district') return or(eq(adminUnits.districtId, j.unitId), eq(adminUnits.id, j.unitId));
  return eq(adminUnits.id, j.unitId);
}

/** The ids of the accounts whose unit lies inside the actor's jurisdiction, as a subquery. */
export function accountIdsInJurisdiction(db: DbOrTx, actor: Actor) {
  return db.select({ id: accounts.id }).from(accounts).innerJoin(adminUnits, eq(adminUnits.id, accounts.unitId)).where(jurisdictionFilter(actor.jurisdiction));
}

export async function listAccounts(db: DbOrTx, actor: Actor, q: { search?: string } = {}): Promise<AccountView[]> {
  requirePermission(actor, 'accounts.manage');
  const where = [jurisdictionFilter(actor.jurisdiction)];
  if (q.search) where.push(or(ilike(accounts.username, `%${q.search}%`), ilike(accounts.displayName, `%${q.search}%`)));
  const rows = await db.select(accountColumns).from(accounts).innerJoin(adminUnits, eq(adminUnits.id, accounts.unitId)).where(and(...where)).orderBy(asc(accounts.username));
  return rows as AccountView[];
}

async function checkUnitForActor(db: DbOrTx, actor: Actor, unitId: number): Promise<void> {
  const [u] = await db.select({ id: adminUnits.id, provinceId: adminUnits.provinceId, districtId: adminUnits.districtId }).from(adminUnits).where(eq(adminUnits.id, unitId));
  if (!u) throw invalid('unitId', 'auth.errors.unit_unknown');
  if (!unitInJurisdiction(actor.jurisdiction, u)) throw invalid('unitId', 'errors.out_of_jurisdiction');
}

export async function createAccount(db: Db, actor: Actor, raw: unknown, password: string): Promise<AccountView> {
  requirePermission(actor, 'accounts.manage');
  const input = accountInput.parse(raw);
  if (!passwordSchema.safeParse(password).success) throw invalid('password', 'auth.errors.password_short');
  await checkUnitForActor(db, actor, input.unitId);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username));
    if (exists) throw invalid('username', 'auth.errors.username_taken');
    const [row] = await tx.insert(accounts).values({ ...input, passwordHash, mustChangePassword: true }).returning({ id: accounts.id });
    await audit.record(tx, actor, { action: 'create', entity: 'account', entityId: row.id, details: { username: input.username, role: input.role, unitId: input.unitId } });
    return getAccount(tx, actor, row.id);
  });
}

export async function getAccount(db: DbOrTx, actor: Actor, id: number): Promise<AccountView> {
  requirePermission(actor, 'accounts.manage');
  const [row] = await db.select(accountColumns).from(accounts).innerJoin(adminUnits, eq(adminUnits.id, accounts.unitId)).where(and(eq(accounts.id, id), jurisdictionFilter(actor.jurisdiction)));
  if (!row) throw notFound();
  return row as AccountView;
}

export async function updateAccount(db: Db, actor: Actor, id: number, raw: unknown): Promise<AccountView> {
  requirePermission(actor, 'accounts.manage');
  const input = accountInput.omit({ username: true }).partial().parse(raw);
  await getAccount(db, actor, id);
  if (input.unitId) await checkUnitForActor(db, actor, input.unitId);
  if (id === actor.accountId && input.active === false) throw invalid('active', 'auth.errors.cannot_disable_self');
  return db.transaction(async (tx) => {
    await tx.update(accounts).set({ ...input, updatedAt: new Date() }).where(eq(accounts.id, id));
    if (input.active === false) await tx.delete(sessions).where(eq(sessions.accountId, id));
    await audit.record(tx, actor, { action: 'update', entity: 'account', entityId: id, details: input });
    return getAccount(tx, actor, id);
  });
}

export async function resetPassword(db: Db, actor: Actor, id: number, password: string): Promise<void> {
  requirePermission(actor, 'accounts.manage');
  await getAccount(db, actor, id);
  if (!passwordSchema.safeParse(password).success) throw invalid('password', 'auth.errors.password_short');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where(eq(accounts.id, id));
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await audit.record(tx, actor, { action: 'update', entity: 'account', entityId: id, details: { passwordReset: true } });
  });
}

/** Creates an account without an acting user: first start and the demo seed. */
export async function bootstrapAccount(db: DbOrTx, input: AccountInput & { password: string; mustChangePassword?: boolean }): Promise<number> {
  const { password, ...rest } = input;
  const [row] = await db
    .insert(accounts)
    .values({ ...accountInput.parse(rest), passwordHash: await hashPassword(password), mustChangePassword: input.mustChangePassword ?? false })
    .returning({ id: accounts.id });
  return row.id;
}
