import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import {
  inForceQuery,
  listProfilesQuery,
  profileSchemaResponse,
  profileSummary,
  profileView,
  saveProfileBody,
} from '../../shared/api/profiles.js';
import { CROSS_FIELD_CHECKS, profileRulesShape } from '../../shared/profiles/rules.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import * as profiles from './service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
// The rules are checked by the service so that every problem is named under "rules." alike.
const saveBody = saveProfileBody.extend({ rules: z.record(z.string(), z.unknown()) });

const dto = <T extends { createdAt: Date }>(p: T) => ({ ...p, createdAt: p.createdAt.toISOString() });

export default function profileRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/profiles', { schema: { tags: ['profiles'], querystring: listProfilesQuery, response: { 200: z.array(profileSummary) } } }, async (req) => {
      actorOf(req, 'profiles.read');
      return (await profiles.listProfiles(db, req.query.disease)).map(dto);
    });

    app.get(
      '/profiles/in-force',
      {
        schema: {
          tags: ['profiles'],
          description: 'The version that governs decisions made on a day: the latest effective_from on or before it.',
          querystring: inForceQuery,
          response: { 200: profileView },
        },
      },
      async (req) => {
        actorOf(req, 'profiles.read');
        return dto(await profiles.profileInForce(db, req.query.disease, req.query.on ?? todayInVietnam()));
      },
    );

    app.get(
      '/profiles/schema',
      {
        schema: {
          tags: ['profiles'],
          description: 'JSON Schema of the rules; the cross-field checks listed are applied on save and cannot be expressed in JSON Schema.',
          response: { 200: profileSchemaResponse },
        },
      },
      async (req) => {
        actorOf(req, 'profiles.read');
        return { jsonSchema: z.toJSONSchema(profileRulesShape) as Record<string, unknown>, crossFieldChecks: CROSS_FIELD_CHECKS };
      },
    );

    app.get('/profiles/:id', { schema: { tags: ['profiles'], params: idParams, response: { 200: profileView } } }, async (req) => {
      actorOf(req, 'profiles.read');
      return dto(await profiles.getProfile(db, req.params.id));
    });

    app.post(
      '/profiles',
      { schema: { tags: ['profiles'], description: 'Saves the rules as a new version; versions are never edited.', body: saveBody, response: { 200: profileView } } },
      async (req) => dto(await profiles.saveProfileVersion(db, actorOf(req, 'profiles.manage'), req.body)),
    );
  };
}
