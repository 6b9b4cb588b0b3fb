import { issuedCertificate } from '../../shared/api/certificates.js';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import { invalid } from '../http/errors.js';
import {
  campaignInput,
  campaignView,
  capacityQuery,
  capacityResponse,
  caseProposalView,
  caseProposalsQuery,
  caseProposalsResponse,
  custodyBody,
  custodyResponse,
  labelsQuery,
  labInput,
  labView,
  listCampaignsResponse,
  lookupBody,
  lookupResult,
  membersQuery,
  membersResponse,
  resampleTasksQuery,
  resampleTasksResponse,
  resultInput,
  resultsSummary,
  resultsQuery,
  resultsResponse,
  sampleDetail,
  sampleInput,
  sampleView,
  siteInput,
  siteView,
} from '../../shared/api/testing.js';
import { custodyItemDetail, custodyItemsQuery, custodyItemsResponse } from '../../shared/api/testing-custody.js';
import * as testing from './service.js';
import { settings } from './settings.js';

const tags = ['testing'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const codeParams = z.object({ code: z.string().min(1).max(40) });
const rows = <T extends z.ZodType>(item: T) => z.object({ rows: z.array(item) });

export default function testingRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/public/testing/results',
      {
        config: { rateLimit: { max: settings.lookupsPerIpMinute, timeWindow: '1 minute', keyGenerator: (req) => req.ip } },
        schema: {
          tags: ['public'],
          security: [],
          description: 'A citizen looks up a result with the sample code and the CCCD/CMND or phone given at sampling. Wrong code and wrong identity get the same 404.',
          body: lookupBody,
          response: { 200: lookupResult },
        },
      },
      async (req) => testing.lookupTestResult(db, req.body, { ip: req.ip }),
    );
    app.post(
      '/public/testing/certificate',
      {
        config: { rateLimit: { max: settings.lookupsPerIpMinute, timeWindow: '1 minute', keyGenerator: (req) => req.ip } },
        schema: {
          tags: ['public'],
          security: [],
          description: 'The EU DCC test certificate (QR payload "HC1:…") of a valid negative result, with the same proof as the look-up; the same certificate every time for one sample.',
          body: lookupBody,
          response: { 200: issuedCertificate },
        },
      },
      async (req) => testing.citizenTestCertificate(db, req.body, { ip: req.ip }),
    );

    app.get('/testing/sites', { schema: { tags, response: { 200: rows(siteView) } } }, async (req) => testing.listSites(db, actorOf(req)));
    app.post('/testing/sites', { schema: { tags, body: siteInput, response: { 200: siteView } } }, async (req) => testing.createSite(db, actorOf(req), req.body));
    app.get('/testing/labs', { schema: { tags, response: { 200: rows(labView) } } }, async (req) => testing.listLabs(db, actorOf(req)));
    app.post('/testing/labs', { schema: { tags, body: labInput, response: { 200: labView } } }, async (req) => testing.createLab(db, actorOf(req), req.body));

    app.get('/testing/campaigns', { schema: { tags, response: { 200: listCampaignsResponse } } }, async (req) => testing.listCampaigns(db, actorOf(req)));
    app.post(
      '/testing/campaigns',
      { schema: { tags, description: 'Creates a campaign and draws its members (a share of the target, reproducibly from the stored seed).', body: campaignInput, response: { 200: campaignView } } },
      async (req) => testing.createCampaign(db, actorOf(req), req.body),
    );
    app.get('/testing/campaigns/:id', { schema: { tags, params: idParams, response: { 200: campaignView } } }, async (req) => testing.getCampaign(db, actorOf(req), req.params.id));
    app.get('/testing/campaigns/:id/members', { schema: { tags, params: idParams, querystring: membersQuery, response: { 200: membersResponse } } }, async (req) =>
      testing.campaignMembers(db, actorOf(req), req.params.id, req.query),
    );

    app.post(
      '/testing/samples',
      { schema: { tags, description: 'A sample taken at a site; pooled when the campaign pools. The person by id, or identified on the spot (found or registered).', body: sampleInput, response: { 200: sampleView } } },
      async (req) => testing.recordSample(db, actorOf(req), req.body),
    );
    app.get('/testing/samples/:code', { schema: { tags, params: codeParams, response: { 200: sampleDetail } } }, async (req) => testing.getSample(db, actorOf(req), req.params.code));
    app.get('/testing/samples/:code/label.png', { schema: { tags, params: codeParams, produces: ['image/png'] } }, async (req, reply) =>
      reply.header('content-type', 'image/png').send(await testing.labelPng(db, actorOf(req), req.params.code)),
    );
    app.get('/testing/labels.pdf', { schema: { tags, querystring: labelsQuery, description: 'A sheet of new sample (or pool) codes with their QR, to print before sampling.', produces: ['application/pdf'] } }, async (req, reply) =>
      reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="nhan-mau.pdf"').send(await testing.labelSheet(actorOf(req), req.query)),
    );
    app.post('/testing/pools/:code/close', { schema: { tags, params: codeParams, response: { 200: z.object({ code: z.string(), members: z.number() }) } } }, async (req) =>
      testing.closePool(db, actorOf(req), req.params.code),
    );
    app.get('/testing/custody', { schema: { tags, description: 'Tubes (pools, and samples not in a pool) at one step of the chain, oldest first.', querystring: custodyItemsQuery, response: { 200: custodyItemsResponse } } }, async (req) =>
      testing.listCustodyItems(db, actorOf(req), req.query),
    );
    app.get('/testing/custody/:code', { schema: { tags, description: 'One tube by its code (a pooled sample\'s code finds its pool), with its samples and its moves.', params: codeParams, response: { 200: custodyItemDetail } } }, async (req) =>
      testing.custodyItem(db, actorOf(req), req.params.code),
    );
    app.post(
      '/testing/custody',
      { schema: { tags, description: 'Sends a batch of samples and pools to a lab, or receives it there. Problems come back per code in error.details.rows.', body: custodyBody, response: { 200: custodyResponse } } },
      async (req) => testing.moveSamples(db, actorOf(req), req.body),
    );

    app.get('/testing/results', { schema: { tags, description: 'Recorded results (samples tested alone and pools), newest first.', querystring: resultsQuery, response: { 200: resultsResponse } } }, async (req) =>
      testing.listResults(db, actorOf(req), req.query),
    );
    app.post('/testing/results', { schema: { tags, body: resultInput, response: { 200: resultsSummary } } }, async (req) => testing.recordResult(db, actorOf(req), req.body));
    app.post(
      '/testing/results/import',
      {
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          description:
            'Multipart: "file" (CSV or XLSX with the columns sample or pool code, test type, result, Ct, tested at) and optionally "labId". All rows or none; problems in error.details.rows; the same file again changes nothing.',
          response: { 200: resultsSummary },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        let file: { name: string; data: Buffer } | undefined;
        const fields: Record<string, string> = {};
        for await (const part of req.parts()) {
          if (part.type === 'file') file = { name: part.filename, data: await part.toBuffer() };
          else fields[part.fieldname] = String(part.value);
        }
        if (!file) throw invalid('file', 'errors.required');
        const labId = fields.labId ? z.coerce.number().int().positive().parse(fields.labId) : null;
        return testing.importLabResults(db, actor, { file, labId });
      },
    );

    app.get('/testing/resample-tasks', { schema: { tags, querystring: resampleTasksQuery, response: { 200: resampleTasksResponse } } }, async (req) =>
      testing.listResampleTasks(db, actorOf(req), req.query),
    );
    app.get('/testing/case-proposals', { schema: { tags, querystring: caseProposalsQuery, response: { 200: caseProposalsResponse } } }, async (req) =>
      testing.listCaseProposals(db, actorOf(req), req.query),
    );
    app.post('/testing/case-proposals/:id/accept', { schema: { tags, params: idParams, response: { 200: caseProposalView } } }, async (req) =>
      testing.acceptCaseProposal(db, actorOf(req), req.params.id),
    );
    app.get('/testing/capacity', { schema: { tags, querystring: capacityQuery, response: { 200: capacityResponse } } }, async (req) => testing.capacityView(db, actorOf(req), req.query));
  };
}
