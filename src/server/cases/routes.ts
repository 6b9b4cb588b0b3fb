import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import {
  caseDetail,
  caseInput,
  caseStatusBody,
  clusterView,
  detectClustersResponse,
  exposureInput,
  exposureView,
  graphQuery,
  graphResponse,
  listCasesQuery,
  listCasesResponse,
  listContactsQuery,
  listContactsResponse,
  personTracing,
  removeExposureBody,
  renameClusterBody,
} from '../../shared/api/cases.js';
import * as cases from './service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['cases'];
const tracingTags = ['tracing'];

export default function caseRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/cases', { schema: { tags, body: caseInput, response: { 200: caseDetail } } }, async (req) => cases.openCase(db, actorOf(req), req.body));
    app.get('/cases', { schema: { tags, querystring: listCasesQuery, response: { 200: listCasesResponse } } }, async (req) => cases.listCases(db, actorOf(req), req.query));
    app.get('/cases/:id', { schema: { tags, params: idParams, response: { 200: caseDetail } } }, async (req) => cases.getCase(db, actorOf(req), req.params.id));
    app.post(
      '/cases/:id/status',
      { schema: { tags, description: 'Moves a case along its statuses; a move the state machine does not allow is refused on `status`.', params: idParams, body: caseStatusBody, response: { 200: caseDetail } } },
      async (req) => cases.moveCase(db, actorOf(req), req.params.id, req.body),
    );

    app.get(
      '/tracing/contacts',
      { schema: { tags: tracingTags, description: 'Traced people (F1, F2 …); those outside the jurisdiction are counted with person null.', querystring: listContactsQuery, response: { 200: listContactsResponse } } },
      async (req) => cases.listContacts(db, actorOf(req), req.query),
    );
    app.get('/tracing/people/:id', { schema: { tags: tracingTags, params: idParams, response: { 200: personTracing } } }, async (req) =>
      cases.personTracing(db, actorOf(req), req.params.id),
    );
    app.post(
      '/tracing/exposures',
      { schema: { tags: tracingTags, body: exposureInput, response: { 200: z.object({ exposure: exposureView, levelChanges: z.number() }) } } },
      async (req) => cases.recordExposure(db, actorOf(req), req.body),
    );
    app.post(
      '/tracing/exposures/:id/remove',
      { schema: { tags: tracingTags, params: idParams, body: removeExposureBody, response: { 200: z.object({ levelChanges: z.number() }) } } },
      async (req) => cases.removeExposure(db, actorOf(req), req.params.id, req.body),
    );

    app.get('/tracing/clusters', { schema: { tags: tracingTags, response: { 200: z.object({ rows: z.array(clusterView) }) } } }, async (req) =>
      cases.listClusters(db, actorOf(req)),
    );
    app.post('/tracing/clusters/detect', { schema: { tags: tracingTags, response: { 200: detectClustersResponse } } }, async (req) =>
      cases.detectClusters(db, actorOf(req)),
    );
    app.post('/tracing/clusters/:id/rename', { schema: { tags: tracingTags, params: idParams, body: renameClusterBody, response: { 200: clusterView } } }, async (req) =>
      cases.renameCluster(db, actorOf(req), req.params.id, req.body),
    );
    app.post('/tracing/clusters/:id/close', { schema: { tags: tracingTags, params: idParams, response: { 200: clusterView } } }, async (req) =>
      cases.closeCluster(db, actorOf(req), req.params.id),
    );
    app.get(
      '/tracing/graph',
      { schema: { tags: tracingTags, description: 'Cases, their contacts to maxLevel and the edges between them; unlabelled nodes lie outside the jurisdiction.', querystring: graphQuery, response: { 200: graphResponse } } },
      async (req) => cases.transmissionGraph(db, actorOf(req), req.query),
    );
  };
}
