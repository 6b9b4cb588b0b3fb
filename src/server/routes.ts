import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from './db/handle.js';
import authRoutes from './auth/routes.js';
import auditRoutes from './audit/routes.js';
import profileRoutes from './profiles/routes.js';
import geoRoutes from './geo/routes.js';
import peopleRoutes from './people/routes.js';
import declarationRoutes from './declarations/routes.js';
import checkinRoutes from './checkins/routes.js';
import certificateRoutes from './certificates/routes.js';
import caseRoutes from './cases/routes.js';
import tracingRoutes from './cases/tracing-routes.js';
import bulkDecisionRoutes from './cases/bulk-decision-routes.js';
import testingRoutes from './testing/routes.js';
import quarantineRoutes from './quarantine/routes.js';
import quarantineMonitoringRoutes from './quarantine/monitoring-routes.js';

/** Every capability's HTTP routes, mounted under /api. */
export function capabilityRoutes(handle: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    for (const routes of [authRoutes, auditRoutes, geoRoutes, peopleRoutes, profileRoutes, declarationRoutes, checkinRoutes, certificateRoutes, caseRoutes, tracingRoutes, bulkDecisionRoutes, testingRoutes, quarantineRoutes, quarantineMonitoringRoutes]) await app.register(routes(handle));
  };
}
