import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { ROLE_PERMISSIONS } from '../../shared/roles.js';
import {
  accountView,
  changePasswordBody,
  createAccountBody,
  loginBody,
  meResponse,
  updateAccountBody,
} from '../../shared/api/auth.js';
import { actorOf, requestLang, requestVia, SESSION_COOKIE, setSessionCookie } from '../http/context.js';
import { adminUnits } from '../geo/schema.js';
import { accounts } from './schema.js';
import type { Actor } from './actor.js';
import * as auth from './service.js';

const ok = z.object({ ok: z.literal(true) });
const idParams = z.object({ id: z.coerce.number().int().positive() });

export default function authRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  async function me(actor: Actor) {
    const [row] = await db
      .select({ displayName: accounts.displayName, language: accounts.language, mustChangePassword: accounts.mustChangePassword, unitName: adminUnits.fullName, unitCode: adminUnits.code })
      .from(accounts)
      .innerJoin(adminUnits, eq(adminUnits.id, accounts.unitId))
      .where(eq(accounts.id, actor.accountId));
    return {
      accountId: actor.accountId,
      username: actor.username,
      displayName: row.displayName,
      role: actor.role,
      language: row.language,
      mustChangePassword: row.mustChangePassword,
      permissions: [...ROLE_PERMISSIONS[actor.role]],
      unit: { id: actor.jurisdiction.unitId, level: actor.jurisdiction.level, name: row.unitName, code: row.unitCode },
    };
  }

  return async (app) => {
    app.post('/auth/login', { schema: { tags: ['auth'], security: [], body: loginBody, response: { 200: meResponse } } }, async (req, reply) => {
      const { session, actor } = await auth.login(db, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        via: requestVia(req),
        lang: requestLang(req),
      });
      setSessionCookie(reply, session.token, session.expiresAt);
      return me(actor);
    });

    app.post('/auth/logout', { schema: { tags: ['auth'], response: { 200: ok } } }, async (req, reply) => {
      if (req.actor && req.sessionToken) await auth.logout(db, req.sessionToken, req.actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: meResponse } } }, async (req) => me(actorOf(req)));

    app.post('/auth/password', { schema: { tags: ['auth'], body: changePasswordBody, response: { 200: ok } } }, async (req) => {
      await auth.changePassword(db, actorOf(req), req.body, req.sessionToken!);
      return { ok: true as const };
    });

    app.get('/accounts', { schema: { tags: ['accounts'], querystring: z.object({ search: z.string().max(80).optional() }), response: { 200: z.array(accountView) } } }, async (req) =>
      auth.listAccounts(db, actorOf(req), req.query),
    );

    app.post('/accounts', { schema: { tags: ['accounts'], body: createAccountBody, response: { 200: accountView } } }, async (req) => {
      const { password, ...rest } = req.body;
      return auth.createAccount(db, actorOf(req), rest, password);
    });

    app.patch('/accounts/:id', { schema: { tags: ['accounts'], params: idParams, body: updateAccountBody, response: { 200: accountView } } }, async (req) =>
      auth.updateAccount(db, actorOf(req), req.params.id, req.body),
    );

    app.post('/accounts/:id/password', { schema: { tags: ['accounts'], params: idParams, body: z.object({ password: z.string() }), response: { 200: ok } } }, async (req) => {
      await auth.resetPassword(db, actorOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    });
  };
}
