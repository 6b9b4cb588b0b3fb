import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import { AppError } from '../http/errors.js';
import {
  DEVICE_KEY_HEADER,
  declarationDetail,
  declarationForm,
  declarationInput,
  declarationSummary,
  endOutbreakAreaQuery,
  formQuery,
  latestResponse,
  outbreakAreaInput,
  outbreakAreasQuery,
  outbreakAreaView,
  personDeclarationsQuery,
  resendCodeResponse,
  submitResponse,
  triageBody,
  verifyDeviceBody,
  verifyDeviceResponse,
  worklistQuery,
  worklistResponse,
} from '../../shared/api/declarations.js';
import * as declarations from './service.js';
import { sendPendingMessages } from '../cases/service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['declarations'];
const publicTags = ['public'];

/**
 * Limits of the public routes. Per IP they are generous because mobile carriers put many phones
 * behind one address; per device they stop one browser from flooding the registry.
 */
export const PUBLIC_LIMITS = {
  submitPerIp: { max: 60, timeWindow: '1 minute' },
  submitPerDevice: { max: 10, timeWindow: '1 hour' },
  readPerIp: { max: 120, timeWindow: '1 minute' },
  /** Typing the SMS code: the code also locks after a few wrong tries. */
  verifyPerIp: { max: 20, timeWindow: '1 minute' },
} as const;

const deviceKeyOf = (req: FastifyRequest): string | undefined => {
  const v = req.headers[DEVICE_KEY_HEADER];
  return typeof v === 'string' && v ? v : undefined;
};
const byIp = (req: FastifyRequest) => req.ip;

export default function declarationRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    const perDevice = app.createRateLimit({
      ...PUBLIC_LIMITS.submitPerDevice,
      keyGenerator: (req) => `device:${deviceKeyOf(req)}`,
      allowList: (req) => deviceKeyOf(req) === undefined,
    });
    const limitPerDevice = async (req: FastifyRequest) => {
      const r = await perDevice(req);
      if (!r.isAllowed && r.isExceeded) throw new AppError('rate_limited', 'errors.rate_limited', { seconds: r.ttlInSeconds });
    };

    // The code is waited for on the phone: sent now rather than by the next run of the outbox job.
    const sendNow = (req: FastifyRequest) => void sendPendingMessages(db).catch((err: unknown) => req.log.warn({ err }, 'outbox not sent'));

    app.get(
      '/public/declarations/form',
      {
        config: { rateLimit: { ...PUBLIC_LIMITS.readPerIp, keyGenerator: byIp } },
        schema: { tags: publicTags, security: [], description: 'The questions of the declaration form from the disease profile in force on a day.', querystring: formQuery, response: { 200: declarationForm } },
      },
      async (req) => declarations.declarationForm(db, req.query.on),
    );

    app.post(
      '/public/declarations',
      {
        config: { rateLimit: { ...PUBLIC_LIMITS.submitPerIp, keyGenerator: byIp } },
        onRequest: limitPerDevice,
        schema: {
          tags: publicTags,
          security: [],
          description: 'A citizen declaration (no account). Send X-Device-Key from an earlier answer to update: a new declaration is stored after the previous one.',
          body: declarationInput,
          response: { 200: submitResponse },
        },
      },
      async (req) => {
        const res = await declarations.submitDeclaration(db, req.body, { deviceKey: deviceKeyOf(req) });
        if (res.verification?.phoneHint) sendNow(req);
        return res;
      },
    );

    app.post(
      '/public/declarations/verify',
      {
        config: { rateLimit: { ...PUBLIC_LIMITS.verifyPerIp, keyGenerator: byIp } },
        schema: {
          tags: publicTags,
          security: [],
          description: 'The code sent by SMS to the phone on record of a person already registered, typed on the device (X-Device-Key): answers with the personal QR.',
          body: verifyDeviceBody,
          response: { 200: verifyDeviceResponse },
        },
      },
      async (req) => declarations.verifyCode(db, deviceKeyOf(req), req.body.code),
    );

    app.post(
      '/public/declarations/verify/resend',
      {
        config: { rateLimit: { ...PUBLIC_LIMITS.verifyPerIp, keyGenerator: byIp } },
        schema: { tags: publicTags, security: [], description: 'A new code for the device (X-Device-Key), at most one a minute.', response: { 200: resendCodeResponse } },
      },
      async (req) => {
        const res = await declarations.resendCode(db, deviceKeyOf(req));
        if (res.phoneHint) sendNow(req);
        return res;
      },
    );

    app.get(
      '/public/declarations/latest',
      {
        config: { rateLimit: { ...PUBLIC_LIMITS.readPerIp, keyGenerator: byIp } },
        schema: { tags: publicTags, security: [], description: "The device's last declaration (X-Device-Key), to prefill an update.", response: { 200: latestResponse } },
      },
      async (req) => declarations.latestForDevice(db, deviceKeyOf(req)),
    );

    app.get('/declarations/worklist', { schema: { tags, querystring: worklistQuery, response: { 200: worklistResponse } } }, async (req) =>
      declarations.worklist(db, actorOf(req), req.query),
    );

    app.get('/declarations', { schema: { tags, querystring: personDeclarationsQuery, response: { 200: z.array(declarationSummary) } } }, async (req) =>
      declarations.declarationsOfPerson(db, actorOf(req), req.query.personId),
    );

    app.get('/declarations/outbreak-areas', { schema: { tags, querystring: outbreakAreasQuery, response: { 200: z.array(outbreakAreaView) } } }, async (req) =>
      declarations.listOutbreakAreas(db, actorOf(req), req.query.on),
    );

    app.post('/declarations/outbreak-areas', { schema: { tags, body: outbreakAreaInput, response: { 200: outbreakAreaView } } }, async (req) =>
      declarations.markOutbreakArea(db, actorOf(req), req.body),
    );

    app.delete(
      '/declarations/outbreak-areas/:id',
      { schema: { tags, description: 'Ends the mark: the area stops counting after ?until (today by default).', params: idParams, querystring: endOutbreakAreaQuery, response: { 200: outbreakAreaView } } },
      async (req) => declarations.endOutbreakArea(db, actorOf(req), req.params.id, req.query.until),
    );

    app.get('/declarations/:id', { schema: { tags, params: idParams, response: { 200: declarationDetail } } }, async (req) =>
      declarations.getDeclaration(db, actorOf(req), req.params.id),
    );

    app.post('/declarations/:id/triage', { schema: { tags, params: idParams, body: triageBody, response: { 200: declarationDetail } } }, async (req) =>
      declarations.recordTriage(db, actorOf(req), req.params.id, req.body),
    );
  };
}
