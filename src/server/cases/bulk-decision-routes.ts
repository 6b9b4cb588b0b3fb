// HTTP routes of a cluster's decisions run in the background: queue one (202), then follow it.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { bulkDecisionBody, bulkDecisionView, listBulkDecisionsQuery, listBulkDecisionsResponse } from '../../shared/api/cases.js';
import { getBulkDecision, listBulkDecisions, queueBulkDecision, runBulkDecision } from './bulk-decisions.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['tracing'];

export function bulkDecisionRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    // Runs started here are awaited on close, so a shutdown never cuts one off mid-way in a test or a deploy.
    const running = new Set<Promise<unknown>>();
    app.addHook('onClose', async () => {
      await Promise.allSettled(running);
    });

    app.post(
      '/tracing/bulk-decisions',
      {
        schema: {
          tags,
          description:
            'Accept or reject every pending proposal of a cluster (clusterId) or of some cases (caseIds), or, with subjects "contacts", of the contacts traced from them. Answers at once with the queued decision (202), which runs in the background: follow it with GET /tracing/bulk-decisions/{id}. One at a time per cluster (409).',
          body: bulkDecisionBody,
          response: { 202: bulkDecisionView },
        },
      },
      async (req, reply) => {
        const queued = await queueBulkDecision(db, actorOf(req), req.body);
        const run = runBulkDecision(db, queued.id)
          .then((outcome) => {
            if (outcome?.status === 'failed' && !(outcome.error instanceof AppError)) req.log.error({ err: outcome.error, decision: queued.id }, 'bulk decision failed');
          })
          .finally(() => running.delete(run));
        running.add(run);
        return reply.code(202).send(queued);
      },
    );
    app.get(
      '/tracing/bulk-decisions/:id',
      { schema: { tags, description: 'One queued decision: queued, running, done (with its counts) or failed (with the error, in the caller\'s language).', params: idParams, response: { 200: bulkDecisionView } } },
      async (req) => getBulkDecision(db, actorOf(req), req.params.id),
    );
    app.get(
      '/tracing/bulk-decisions',
      { schema: { tags, description: 'The latest queued decisions the caller may follow, of one cluster or all.', querystring: listBulkDecisionsQuery, response: { 200: listBulkDecisionsResponse } } },
      async (req) => listBulkDecisions(db, actorOf(req), req.query),
    );
  };
}

export default bulkDecisionRoutes;
