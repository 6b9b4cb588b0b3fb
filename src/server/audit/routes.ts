import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import * as audit from './service.js';

const entry = z.object({
  id: z.number(),
  at: z.date(),
  accountId: z.number().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  personId: z.number().nullable(),
  ip: z.string().nullable(),
  via: z.string().nullable(),
  details: z.unknown(),
});

export default function auditRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          description: 'Search the audit log. There is no route that edits or deletes entries.',
          querystring: z.object({
            personId: z.coerce.number().int().positive().optional(),
            username: z.string().max(80).optional(),
            action: z.string().max(40).optional(),
            entity: z.string().max(40).optional(),
            from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ total: z.number(), rows: z.array(entry) }) },
        },
      },
      async (req) => audit.search(db, actorOf(req), req.query),
    );
  };
}
