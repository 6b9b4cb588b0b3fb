import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import type { DbHandle } from './db/handle.js';
import { AppError, errorBody } from './http/errors.js';
import { issueToAppError, zodToAppError } from './http/zod-errors.js';
import { requestLang, requestVia, SESSION_COOKIE } from './http/context.js';
import { resolveSession } from './auth/service.js';
import { databaseStore, SharedCounters } from './auth/rate-limit-store.js';
import fastifyStatic from '@fastify/static';
import { webFallback } from './http/web.js';
import { capabilityRoutes } from './routes.js';

export interface AppOptions {
  handle: DbHandle;
  logger?: boolean | object;
  /** Folder of the built web UI; when absent only the API is served. */
  webRoot?: string;
  /** Trust X-Forwarded-For from a load balancer in front. */
  trustProxy?: boolean;
}

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 5 } });
  // Routes opt in with `config: { rateLimit: { max, timeWindow, keyGenerator } }` (public citizen
  // routes). The counters live in the database, so processes behind a load balancer share them.
  const counters = new SharedCounters(opts.handle.db, (err) => app.log.warn({ err }, 'rate-limit counters not saved'));
  app.addHook('onClose', () => counters.close());
  await app.register(rateLimit, {
    global: false,
    store: databaseStore(counters),
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', 'errors.rate_limited', { seconds: Math.ceil(ctx.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'PhongDich API', version: '0.1.0', description: 'Provincial epidemic response platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    req.sessionToken = token;
    req.actor = await resolveSession(opts.handle.db, token, { ip: req.ip, via: requestVia(req), lang: requestLang(req) });
  });

  app.setErrorHandler((err, req, reply) => {
    const lang = requestLang(req);
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (err instanceof ZodError) appErr = zodToAppError(err);
    else if (hasZodFastifySchemaValidationErrors(err)) appErr = issueToAppError(err.validation[0]); else if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (err as { statusCode?: number }).statusCode === 413) {
      appErr = new AppError('payload_too_large', 'errors.payload_too_large', {}, 'file');
    } else if ((err as { statusCode?: number }).statusCode === 400) {
      appErr = new AppError('validation', 'errors.invalid', { field: 'body' }, 'body');
    } else {
      req.log.error({ err }, 'unhandled error');
      appErr = new AppError('internal');
    }
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    void reply.status(appErr.status).send(errorBody(lang, appErr));
  });

  app.get('/api/health', { schema: { tags: ['system'], security: [] } }, async () => ({
    status: 'ok',
    database: opts.handle.kind,
    time: new Date().toISOString(),
  }));

  await app.register(capabilityRoutes(opts.handle), { prefix: '/api' });

  const serveWeb = opts.webRoot ? webFallback(opts.webRoot) : undefined;
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !serveWeb) {
      void reply.status(404).send(errorBody(requestLang(req), new AppError('not_found')));
      return;
    }
    return serveWeb(req, reply);
  });
  if (opts.webRoot) await app.register(fastifyStatic, { root: opts.webRoot, wildcard: false, index: false });

  return app;
}
