import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import { certificateView, publicKeysResponse, revokeBody, revokedListResponse, rotateKeyBody } from '../../shared/api/certificates.js';
import * as certificates from './service.js';

const tags = ['certificates'];
const publicTags = ['public'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const ok = z.object({ ok: z.literal(true) });
// Verifiers poll both lists; they are the same for everyone, so a minute of caching spares the database.
const perIp = { rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => req.ip } };
const CACHE = 'public, max-age=60';

export default function certificateRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/certificates/keys',
      { config: perIp, schema: { tags: publicTags, security: [], description: 'The issuer public keys verifiers trust, by key id.', response: { 200: publicKeysResponse } } },
      async (_req, reply) => {
        reply.header('cache-control', CACHE);
        return certificates.publishedKeys(db);
      },
    );
    app.get(
      '/public/certificates/revoked',
      {
        config: perIp,
        schema: { tags: publicTags, security: [], description: 'Revoked certificates still within their validity, as SHA-256 (hex) of their UVCI.', response: { 200: revokedListResponse } },
      },
      async (_req, reply) => {
        reply.header('cache-control', CACHE);
        return certificates.revokedList(db);
      },
    );

    app.get('/certificates/people/:id', { schema: { tags, params: idParams, description: "A person's certificates, newest first.", response: { 200: z.array(certificateView) } } }, async (req) =>
      certificates.personCertificates(db, actorOf(req), req.params.id),
    );
    app.post('/certificates/:id/revoke', { schema: { tags, params: idParams, body: revokeBody, response: { 200: certificateView } } }, async (req) =>
      certificates.revokeCertificate(db, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/certificates/keys/rotate',
      { schema: { tags, description: "Adds a new signing key for the province; older keys stay published until retired.", body: rotateKeyBody, response: { 200: z.object({ kid: z.string() }) } } },
      async (req) => certificates.rotateIssuerKey(db, actorOf(req), req.body),
    );
    app.post(
      '/certificates/keys/retire',
      { schema: { tags, description: 'Takes a key that no longer signs off the published list.', body: z.object({ kid: z.string().max(20) }), response: { 200: ok } } },
      async (req) => {
        await certificates.retireIssuerKey(db, actorOf(req), req.body.kid);
        return { ok: true as const };
      },
    );
  };
}
