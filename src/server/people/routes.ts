import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import {
  createPersonResponse,
  dismissBody,
  exportQuery,
  listDuplicatesQuery,
  listDuplicatesResponse,
  mergeBody,
  personDetail,
  personInput,
  personPatch,
  scanResponse,
  searchQuery,
  searchResponse,
} from '../../shared/api/people.js';
import * as people from './service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const ok = z.object({ ok: z.literal(true) });
const tags = ['people'];

export default function peopleRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/people',
      {
        schema: {
          tags,
          description: 'Search: 9/12 digits find a CMND/CCCD, a phone number finds that phone, anything else is a name prefix without accents.',
          querystring: searchQuery,
          response: { 200: searchResponse },
        },
      },
      async (req) => people.searchPeople(db, actorOf(req), req.query),
    );

    app.post('/people', { schema: { tags, body: personInput, response: { 200: createPersonResponse } } }, async (req) =>
      people.createPerson(db, actorOf(req), req.body),
    );

    app.get(
      '/people/export.xlsx',
      {
        schema: {
          tags,
          description: 'The people a search finds (or everyone in the unit) as an Excel file with Vietnamese headers.',
          querystring: exportQuery,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (req, reply) => {
        const file = await people.exportPeople(db, actorOf(req), req.query);
        const name = `danh-sach-nguoi-${new Date().toISOString().slice(0, 10)}.xlsx`;
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(file);
      },
    );

    app.get('/people/duplicates', { schema: { tags, querystring: listDuplicatesQuery, response: { 200: listDuplicatesResponse } } }, async (req) =>
      people.listDuplicates(db, actorOf(req), req.query),
    );

    app.post('/people/duplicates/scan', { schema: { tags, response: { 200: scanResponse } } }, async (req) =>
      people.scanDuplicates(db, actorOf(req)),
    );

    app.post('/people/duplicates/:id/dismiss', { schema: { tags, params: idParams, body: dismissBody, response: { 200: ok } } }, async (req) => {
      await people.dismissDuplicate(db, actorOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    });

    app.post('/people/merge', { schema: { tags, body: mergeBody, response: { 200: personDetail } } }, async (req) =>
      people.mergePeople(db, actorOf(req), req.body),
    );

    app.get('/people/:id', { schema: { tags, params: idParams, response: { 200: personDetail } } }, async (req) =>
      people.getPerson(db, actorOf(req), req.params.id),
    );

    app.patch('/people/:id', { schema: { tags, params: idParams, body: personPatch, response: { 200: personDetail } } }, async (req) =>
      people.updatePerson(db, actorOf(req), req.params.id, req.body),
    );
  };
}
