import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import { invalid } from '../http/errors.js';
import {
  boundaryResult,
  importFields,
  importResult,
  populationBody,
  unitDetail,
  unitSearchHit,
  unitSearchQuery,
  unitTreeNode,
  unitView,
} from '../../shared/api/geo.js';
import type { UploadedFile } from './read-table.js';
import * as geo from './service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export default function geoRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/units/tree', { schema: { tags: ['units'], response: { 200: z.array(unitTreeNode) } } }, async (req) => geo.unitTree(db, actorOf(req)));

    app.get('/units/search', { schema: { tags: ['units'], querystring: unitSearchQuery, response: { 200: z.array(unitSearchHit) } } }, async (req) => {
      actorOf(req, 'units.read');
      const { includeRetired, ...q } = req.query;
      return geo.searchUnits(db, { ...q, includeRetired: includeRetired === 'true' });
    });

    app.get(
      '/public/units',
      {
        schema: {
          tags: ['public'],
          security: [],
          description: 'Current units directly under parentId (the provinces without it), for address pickers. No sign-in.',
          querystring: z.object({ parentId: z.coerce.number().int().positive().optional() }),
          response: { 200: z.array(unitView) },
        },
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (req) => geo.childUnits(db, req.query.parentId ?? null),
    );

    app.get(
      '/public/units/:id/chain',
      {
        schema: { tags: ['public'], security: [], description: 'A unit and the units above it, province first.', params: idParams, response: { 200: z.array(unitView) } },
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (req) => geo.unitChain(db, req.params.id),
    );

    app.get('/units/:id', { schema: { tags: ['units'], params: idParams, response: { 200: unitDetail } } }, async (req) => {
      actorOf(req, 'units.read');
      return geo.getUnit(db, req.params.id);
    });

    app.patch('/units/:id', { schema: { tags: ['units'], params: idParams, body: populationBody, response: { 200: unitView } } }, async (req) =>
      geo.setPopulation(db, actorOf(req), req.params.id, req.body.population),
    );

    app.post(
      '/units/import',
      {
        schema: {
          tags: ['units'],
          consumes: ['multipart/form-data'],
          description:
            'Multipart: one or more files (GSO commune list as CSV/XLSX/XLS, or provinces.csv + districts.csv + wards.csv) and the fields listVersion, validFrom (yyyy-MM-dd), mode (add | replace), provinceCode. Row problems come back in error.details.rows.',
          response: { 200: importResult },
        },
      },
      async (req) => {
        const actor = actorOf(req, 'units.manage');
        const files: UploadedFile[] = [];
        const fields: Record<string, string> = {};
        for await (const part of req.parts()) {
          if (part.type === 'file') files.push({ name: part.filename, data: await part.toBuffer() });
          else fields[part.fieldname] = String(part.value);
        }
        if (files.length === 0) throw invalid('file', 'errors.required');
        return geo.importUnits(db, actor, { files, ...importFields.parse(fields) });
      },
    );

    app.post(
      '/units/boundaries',
      {
        schema: {
          tags: ['units'],
          consumes: ['multipart/form-data'],
          description: 'Multipart: one GeoJSON FeatureCollection file whose features carry the GSO code in properties.code (or ma, code_gso).',
          response: { 200: boundaryResult },
        },
      },
      async (req) => {
        const actor = actorOf(req, 'units.manage');
        const file = await req.file();
        if (!file) throw invalid('file', 'errors.required');
        return geo.importBoundaries(db, actor, await file.toBuffer());
      },
    );
  };
}
