import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../shared/roles.js';
import { pickLang, type Lang } from '../../shared/i18n/index.js';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/actor.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'pd_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

/** The language of this request: an explicit ?lang or X-Lang, then Accept-Language, then Vietnamese. */
export function requestLang(req: FastifyRequest): Lang {
  const explicit = (req.query as { lang?: string } | undefined)?.lang ?? req.headers['x-lang'];
  if (explicit === 'en' || explicit === 'vi') return explicit;
  return pickLang(req.headers['accept-language']);
}

/** The screen or API route a request came through, for the audit log. */
export function requestVia(req: FastifyRequest): string {
  const screen = req.headers['x-screen'];
  const route = `${req.method} ${req.routeOptions.url ?? req.url}`;
  return typeof screen === 'string' && screen ? `${screen.slice(0, 80)} (${route})` : `api ${route}`;
}

/** The signed-in actor, or 401. With a permission, also 403 when the role lacks it. */
export function actorOf(req: FastifyRequest, permission?: Permission): Actor {
  if (!req.actor) throw new AppError('unauthorized');
  if (permission) requirePermission(req.actor, permission);
  return req.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', expires, secure: false });
}
