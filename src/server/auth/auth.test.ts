import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { auditLog } from '../audit/schema.js';
import { accounts, sessions } from './schema.js';
import { LOGIN_LIMIT } from './service.js';
import * as auth from './service.js';

const PASSWORD = 'mat-khau-thu-nghiem';
let h: DbHandle;
let units: UnitFixture;
let app: FastifyInstance;

beforeEach(async () => {
  h = await testDb();
  units = await seedUnitFixture(h.db);
  app = await buildApp({ handle: h });
});
afterEach(async () => {
  await app.close();
  await h.close();
});

async function signIn(username: string, password = PASSWORD, lang = 'vi') {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: { 'accept-language': lang } });
}
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === 'pd_session');
  return c ? `pd_session=${c.value}` : '';
};

describe('sign in and sessions', () => {
  it('signs in, stores a hashed session in the database and signs out', async () => {
    await actorFor(h.db, 'commune_officer', units.hongHa, 'xa.hongha');
    const res = await signIn('XA.HongHa');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'xa.hongha', role: 'commune_officer', unit: { id: units.hongHa, level: 'commune', name: 'Phường Hồng Hà' } });
    const cookie = cookieOf(res);
    const [row] = await h.db.select().from(sessions);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(cookie).not.toContain(row.tokenHash);
    const [acc] = await h.db.select().from(accounts).where(eq(accounts.username, 'xa.hongha'));
    expect(acc.passwordHash).toMatch(/^\$argon2id\$/);

    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
    expect((await h.db.select().from(sessions)).length).toBe(0);
    const after = await app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthorized');
  });

  it('refuses a wrong password with a clear message in the caller language', async () => {
    await actorFor(h.db, 'health_officer', units.province, 'cdc');
    const vi = await signIn('cdc', 'sai-mat-khau');
    expect(vi.statusCode).toBe(401);
    expect(vi.json()).toEqual({ error: { code: 'unauthorized', message: 'Tên đăng nhập hoặc mật khẩu không đúng' } });
    const en = await signIn('cdc', 'sai-mat-khau', 'en-US,en;q=0.9');
    expect(en.json().error.message).toBe('Wrong user name or password');
    const unknown = await signIn('nobody', 'whatever-password');
    expect(unknown.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    const failures = await h.db.select().from(auditLog).where(eq(auditLog.action, 'login_failed'));
    expect(failures.length).toBe(3);
  });

  it('limits repeated failures per user name, even with the right password afterwards', async () => {
    await actorFor(h.db, 'health_officer', units.province, 'cdc');
    for (let i = 0; i < LOGIN_LIMIT.perUser; i++) expect((await signIn('cdc', 'wrong-password')).statusCode).toBe(401);
    const blocked = await signIn('cdc');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toContain('15 phút');
  });

  it('refuses a disabled account and expired sessions', async () => {
    const admin = await actorFor(h.db, 'system_admin', units.province, 'admin');
    const officer = await actorFor(h.db, 'commune_officer', units.kaLong, 'xa.kalong');
    const cookie = cookieOf(await signIn('xa.kalong'));
    await auth.updateAccount(h.db, admin, officer.accountId, { active: false });
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn('xa.kalong')).statusCode).toBe(401);

    await auth.updateAccount(h.db, admin, officer.accountId, { active: true });
    const again = cookieOf(await signIn('xa.kalong'));
    await h.db.update(sessions).set({ expiresAt: sql`now() - interval '1 minute'` });
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: again } })).statusCode).toBe(401);
  });

  it('changes the password, signing out the other sessions', async () => {
    await actorFor(h.db, 'district_officer', units.halong, 'halong');
    const first = cookieOf(await signIn('halong'));
    const second = cookieOf(await signIn('halong'));
    const short = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: first }, payload: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ field: 'newPassword', message: 'Mật khẩu phải có ít nhất 10 ký tự' });
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: first }, payload: { currentPassword: 'nope-nope-nope', newPassword: 'mot-mat-khau-moi' } });
    expect(wrong.json().error.field).toBe('currentPassword');
    const ok = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: first }, payload: { currentPassword: PASSWORD, newPassword: 'mot-mat-khau-moi' } });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await signIn('halong', 'mot-mat-khau-moi')).statusCode).toBe(200);
  });
});

describe('account administration', () => {
  it('lets an admin manage accounts only inside the jurisdiction', async () => {
    const districtAdmin = await actorFor(h.db, 'system_admin', units.halong, 'admin.halong');
    const made = await auth.createAccount(h.db, districtAdmin, { username: 'xa.baichay', displayName: 'Cán bộ Bãi Cháy', role: 'commune_officer', unitId: units.baiChay }, 'mat-khau-ban-dau');
    expect(made).toMatchObject({ username: 'xa.baichay', unitName: 'Phường Bãi Cháy', mustChangePassword: true });
    await expect(
      auth.createAccount(h.db, districtAdmin, { username: 'xa.kalong', displayName: 'Cán bộ Ka Long', role: 'commune_officer', unitId: units.kaLong }, 'mat-khau-ban-dau'),
    ).rejects.toMatchObject({ code: 'validation', field: 'unitId' });
    await actorFor(h.db, 'commune_officer', units.kaLong, 'other');
    const listed = await auth.listAccounts(h.db, districtAdmin);
    expect(listed.map((a) => a.username).sort()).toEqual(['admin.halong', 'xa.baichay']);
    await expect(
      auth.createAccount(h.db, districtAdmin, { username: 'xa.baichay', displayName: 'Trùng', role: 'commune_officer', unitId: units.baiChay }, 'mat-khau-ban-dau'),
    ).rejects.toMatchObject({ field: 'username', messageKey: 'auth.errors.username_taken' });
  });

  it('forbids account management to other roles, over HTTP with the field-named error shape', async () => {
    await actorFor(h.db, 'system_admin', units.province, 'admin');
    await actorFor(h.db, 'commune_officer', units.hongHa, 'xa.hongha');
    const xa = cookieOf(await signIn('xa.hongha'));
    const res = await app.inject({ url: '/api/accounts', headers: { cookie: xa } });
    expect(res.statusCode).toBe(403);
    const admin = cookieOf(await signIn('admin'));
    const bad = await app.inject({ method: 'POST', url: '/api/accounts', headers: { cookie: admin, 'accept-language': 'en' }, payload: { username: 'Bad Name!', displayName: 'X Y', role: 'commune_officer', unitId: units.hongHa, password: 'mat-khau-ban-dau' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation', field: 'username' });
    expect(bad.json().error.message).toContain('lower-case');
    const badRole = await app.inject({ method: 'POST', url: '/api/accounts', headers: { cookie: admin }, payload: { username: 'ok.name', displayName: 'X Y', role: 'king', unitId: units.hongHa, password: 'mat-khau-ban-dau' } });
    expect(badRole.json().error).toMatchObject({ field: 'role', message: 'Vai trò: giá trị không được chấp nhận' });
  });

  it('serves the OpenAPI description and health', async () => {
    const health = await app.inject({ url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    const spec = await app.inject({ url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toContain('/api/auth/login');
  });
});

describe('audit log', () => {
  it('cannot be edited or deleted, even with direct SQL', async () => {
    await actorFor(h.db, 'health_officer', units.province, 'cdc');
    await signIn('cdc');
    await expect(h.db.update(auditLog).set({ action: 'x' })).rejects.toThrow();
    await expect(h.db.delete(auditLog)).rejects.toThrow();
    const rows = await h.db.select().from(auditLog);
    expect(rows.map((r) => r.action)).toEqual(['login']);
  });
});
