import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from './db/handle.js';
import authRoutes from './auth/routes.js';
import auditRoutes from './audit/routes.js';
import profileRoutes from './profiles/routes.js';
import geoRoutes from './geo/routes.js';
import peopleRoutes from './people/routes.js';
import declarationRoutes from './declarations/routes.js';
import checkinRoutes from './checkins/routes.js';

/** Every capability's HTTP routes, mounted under /api. */
export function capabilityRoutes(handle: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    for (const routes of [authRoutes, auditRoutes, geoRoutes, peopleRoutes, profileRoutes, declarationRoutes, checkinRoutes]) await app.register(routes(handle));
  };
}
