import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import {
  acceptProposalBody,
  capacityQuery,
  capacityResponse,
  capacityTargetInput,
  capacityTargetView,
  costsQuery,
  costsResponse,
  healthCheckInput,
  healthChecksResponse,
  healthCheckView,
  homeStaysQuery,
  homeStaysResponse,
  homeStayView,
  houseSignBody,
  publicReportBody,
  publicReportForm,
  publicReportFormBody,
  publicReportResult,
  rejectProposalBody,
  reportLinkView,
  transferProposalsQuery,
  transferProposalsResponse,
  transferProposalView,
} from '../../shared/api/quarantine-monitoring.js';
import * as monitoring from './monitoring-service.js';
import { monitoringSettings } from './monitoring-settings.js';

const tags = ['quarantine'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export default function monitoringRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    const publicLimit = { rateLimit: { max: monitoringSettings.reportsPerIpMinute, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => req.ip } };
    app.post(
      '/public/quarantine/report-form',
      {
        config: publicLimit,
        schema: { tags: ['public'], security: [], description: 'What the self-report page of a home stay asks. A wrong, replaced or finished link gets 404.', body: publicReportFormBody, response: { 200: publicReportForm } },
      },
      async (req) => monitoring.publicReportForm(db, req.body),
    );
    app.post(
      '/public/quarantine/report',
      {
        config: publicLimit,
        schema: {
          tags: ['public'],
          security: [],
          description: 'A self-report of a person at home (temperature required, other measures when they have a meter). Warning signs alert the commune and propose a transfer.',
          body: publicReportBody,
          response: { 200: publicReportResult },
        },
      },
      async (req) => monitoring.submitPublicReport(db, req.body, { ip: req.ip }),
    );

    app.get('/quarantine/stays/:id/health-checks', { schema: { tags, params: idParams, response: { 200: healthChecksResponse } } }, async (req) =>
      monitoring.listHealthChecks(db, actorOf(req), req.params.id),
    );
    app.post(
      '/quarantine/stays/:id/health-checks',
      { schema: { tags, description: "A staff check; a patient's check carries every measure of the profile's treatment.monitoring.", params: idParams, body: healthCheckInput, response: { 200: healthCheckView } } },
      async (req) => monitoring.recordHealthCheck(db, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/quarantine/stays/:id/report-link',
      { schema: { tags, description: 'A new self-report link token for a home stay; the previous one stops working. The token is shown only here.', params: idParams, response: { 200: reportLinkView } } },
      async (req) => monitoring.createReportLink(db, actorOf(req), req.params.id),
    );

    app.get('/quarantine/transfer-proposals', { schema: { tags, querystring: transferProposalsQuery, response: { 200: transferProposalsResponse } } }, async (req) =>
      monitoring.listTransferProposals(db, actorOf(req), req.query),
    );
    app.post('/quarantine/transfer-proposals/:id/accept', { schema: { tags, params: idParams, body: acceptProposalBody, response: { 200: transferProposalView } } }, async (req) =>
      monitoring.acceptTransferProposal(db, actorOf(req), req.params.id, req.body),
    );
    app.post('/quarantine/transfer-proposals/:id/reject', { schema: { tags, params: idParams, body: rejectProposalBody, response: { 200: transferProposalView } } }, async (req) =>
      monitoring.rejectTransferProposal(db, actorOf(req), req.params.id, req.body),
    );

    app.get('/quarantine/home-stays', { schema: { tags, querystring: homeStaysQuery, response: { 200: homeStaysResponse } } }, async (req) => monitoring.listHomeStays(db, actorOf(req), req.query));
    app.post('/quarantine/home-stays/:id/sign', { schema: { tags, params: idParams, body: houseSignBody, response: { 200: homeStayView } } }, async (req) =>
      monitoring.setHouseSign(db, actorOf(req), req.params.id, req.body),
    );

    app.get('/quarantine/capacity', { schema: { tags, querystring: capacityQuery, response: { 200: capacityResponse } } }, async (req) => monitoring.capacityView(db, actorOf(req), req.query));
    app.put('/quarantine/capacity-targets', { schema: { tags, body: capacityTargetInput, response: { 200: capacityTargetView } } }, async (req) =>
      monitoring.setCapacityTarget(db, actorOf(req), req.body),
    );

    app.get('/quarantine/costs', { schema: { tags, querystring: costsQuery, response: { 200: costsResponse } } }, async (req) => monitoring.stayCosts(db, actorOf(req), req.query));
    app.get('/quarantine/costs.xlsx', { schema: { tags, querystring: costsQuery.omit({ limit: true, offset: true }), produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] } }, async (req, reply) => {
      const file = await monitoring.exportStayCosts(db, actorOf(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="chi-phi-cach-ly-${new Date().toISOString().slice(0, 10)}.xlsx"`)
        .send(file);
    });
  };
}
