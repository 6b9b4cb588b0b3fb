import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf, requestLang } from '../http/context.js';
import { AppError, errorBody } from '../http/errors.js';
import { DEVICE_KEY_HEADER } from '../../shared/api/declarations.js';
import {
  citizenCheckinBody,
  citizenCheckoutBody,
  deviceBody,
  deviceIssued,
  deviceVenue,
  listVenuesQuery,
  listVenuesResponse,
  personVisitsQuery,
  personVisitsResponse,
  publicVenue,
  publicVenueRegistered,
  scanBatchBody,
  scanBatchResponse,
  staffCheckoutBody,
  staffScanBody,
  suspendBody,
  venueDetail,
  venueInput,
  venueView,
  visitView,
  visitorsExportQuery,
  visitorsQuery,
  visitorsResponse,
} from '../../shared/api/checkins.js';
import * as checkins from './service.js';
import { settings } from './settings.js';

export const VENUE_DEVICE_HEADER = 'x-venue-device';
const idParams = z.object({ id: z.coerce.number().int().positive() });
const ok = z.object({ ok: z.literal(true) });
const tags = ['checkins'];
const publicTags = ['public'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' && v ? v : undefined;
};
const byIp = (req: FastifyRequest) => req.ip;
/** Where citizens reach the site, for links in venue QR codes: PUBLIC_ORIGIN, else this request's origin. */
const originOf = (req: FastifyRequest) => settings.publicOrigin ?? `${req.protocol}://${req.host}`;
const perMinute = (max: number) => ({ max, timeWindow: '1 minute' });

export default function checkinRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  /** Staff scanning: a venue device key when one is sent, else the signed-in account. */
  async function scannerOf(req: FastifyRequest): Promise<checkins.Scanner> {
    const key = header(req, VENUE_DEVICE_HEADER);
    if (key === undefined) return { kind: 'staff', actor: actorOf(req) };
    const venueId = await checkins.venueOfDeviceKey(db, key);
    if (venueId === null) throw new AppError('unauthorized', 'checkins.errors.device_unknown');
    return { kind: 'device', venueId };
  }

  return async (app) => {
    // A second limit per device, on top of the per-IP one of the route config (a route has one of those).
    const perDevice = (name: string, max: number) => {
      const limiter = app.createRateLimit({
        ...perMinute(max),
        keyGenerator: (req) => `${name}:${header(req, name)}`,
        allowList: (req) => header(req, name) === undefined,
      });
      return async (req: FastifyRequest) => {
        const r = await limiter(req);
        if (!r.isAllowed && r.isExceeded) throw new AppError('rate_limited', 'errors.rate_limited', { seconds: r.ttlInSeconds });
      };
    };
    const perIp = { rateLimit: { ...perMinute(settings.ratePerIp), keyGenerator: byIp } };
    const publicWrite = { config: perIp, onRequest: perDevice(DEVICE_KEY_HEADER, settings.ratePerDevice) };

    app.get(
      '/public/checkins/venues/:token',
      {
        config: perIp,
        schema: { tags: publicTags, security: [], description: 'The venue a scanned venue QR names, for the check-in page.', params: z.object({ token: z.string().max(300) }), response: { 200: publicVenue } },
      },
      async (req) => checkins.publicVenue(db, req.params.token),
    );

    app.post(
      '/public/checkins',
      {
        ...publicWrite,
        schema: {
          tags: publicTags,
          security: [],
          description: "One tap on the page a venue QR opened: the venue's token and the device's personal QR token. Answers once the visit is stored.",
          body: citizenCheckinBody,
          response: { 200: visitView },
        },
      },
      async (req) => checkins.citizenCheckIn(db, req.body),
    );

    app.post(
      '/public/checkins/checkout',
      { ...publicWrite, schema: { tags: publicTags, security: [], description: 'Closes the open visit at the venue (optional).', body: citizenCheckoutBody, response: { 200: visitView } } },
      async (req) => checkins.citizenCheckOut(db, req.body),
    );

    app.post(
      '/public/venues',
      {
        config: { rateLimit: { max: settings.registrationsPerIpHour, timeWindow: '1 hour', keyGenerator: byIp } },
        schema: { tags: publicTags, security: [], description: "A venue's owner registers it; it waits for the commune to activate it.", body: venueInput, response: { 200: publicVenueRegistered } },
      },
      async (req) => checkins.registerVenuePublic(db, req.body),
    );

    const scanLimit = { config: perIp, onRequest: perDevice(VENUE_DEVICE_HEADER, settings.ratePerVenueDevice) };
    const scanDescription = 'Signed-in staff of the jurisdiction, or a venue device sending its key in X-Venue-Device.';

    app.post('/checkins/scan', { ...scanLimit, schema: { tags, description: `A scanned personal QR (or its typed code). ${scanDescription}`, body: staffScanBody, response: { 200: visitView } } }, async (req) =>
      checkins.staffScan(db, await scannerOf(req), req.body),
    );

    app.post(
      '/checkins/scan/batch',
      { ...scanLimit, schema: { tags, description: `An offline device's queued scans, each with its clientId; resending stores nothing twice. ${scanDescription}`, body: scanBatchBody, response: { 200: scanBatchResponse } } },
      async (req) => {
        const lang = requestLang(req);
        const results = await checkins.staffScanBatch(db, await scannerOf(req), req.body);
        return { results: results.map((r) => (r.ok ? r : { clientId: r.clientId, ok: false as const, error: errorBody(lang, r.error).error })) };
      },
    );

    app.post('/checkins/scan/checkout', { ...scanLimit, schema: { tags, description: scanDescription, body: staffCheckoutBody, response: { 200: visitView } } }, async (req) =>
      checkins.staffCheckOut(db, await scannerOf(req), req.body),
    );

    app.get(
      '/checkins/device',
      { ...scanLimit, schema: { tags, security: [], description: 'The venue of the scanning device whose key is sent in X-Venue-Device (404 when unknown or revoked).', response: { 200: deviceVenue } } },
      async (req) => checkins.deviceVenue(db, header(req, VENUE_DEVICE_HEADER)),
    );

    app.get('/checkins/venues', { schema: { tags, querystring: listVenuesQuery, response: { 200: listVenuesResponse } } }, async (req) =>
      checkins.listVenues(db, actorOf(req), req.query, originOf(req)),
    );
    app.post('/checkins/venues', { schema: { tags, body: venueInput, response: { 200: venueView } } }, async (req) => checkins.registerVenue(db, actorOf(req), req.body));
    app.get('/checkins/venues/:id', { schema: { tags, params: idParams, response: { 200: venueDetail } } }, async (req) =>
      checkins.getVenue(db, actorOf(req), req.params.id, originOf(req)),
    );
    app.post('/checkins/venues/:id/suspend', { schema: { tags, params: idParams, body: suspendBody, response: { 200: venueView } } }, async (req) =>
      checkins.suspendVenue(db, actorOf(req), req.params.id, req.body),
    );
    app.post('/checkins/venues/:id/activate', { schema: { tags, params: idParams, response: { 200: venueView } } }, async (req) =>
      checkins.activateVenue(db, actorOf(req), req.params.id),
    );

    app.get(
      '/checkins/venues/:id/poster.pdf',
      { schema: { tags, params: idParams, description: 'The A4 poster with the venue QR, to print.', produces: ['application/pdf'] } },
      async (req, reply) => {
        const pdf = await checkins.venuePoster(db, actorOf(req), req.params.id, originOf(req));
        return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="ma-qr-dia-diem-${req.params.id}.pdf"`).send(pdf);
      },
    );

    app.post('/checkins/venues/:id/devices', { schema: { tags, params: idParams, body: deviceBody, response: { 200: deviceIssued } } }, async (req) =>
      checkins.issueVenueDevice(db, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      '/checkins/venues/:id/devices/:deviceId',
      { schema: { tags, params: idParams.extend({ deviceId: z.coerce.number().int().positive() }), response: { 200: ok } } },
      async (req) => {
        await checkins.revokeVenueDevice(db, actorOf(req), req.params.id, req.params.deviceId);
        return { ok: true as const };
      },
    );

    app.get('/checkins/venues/:id/visitors', { schema: { tags, params: idParams, querystring: visitorsQuery, response: { 200: visitorsResponse } } }, async (req) =>
      checkins.venueVisitors(db, actorOf(req), req.params.id, req.query),
    );
    app.get(
      '/checkins/venues/:id/visitors.xlsx',
      { schema: { tags, params: idParams, querystring: visitorsExportQuery, produces: [XLSX] } },
      async (req, reply) => {
        const file = await checkins.exportVisitors(db, actorOf(req), req.params.id, req.query);
        return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="khach-ra-vao-${req.params.id}.xlsx"`).send(file);
      },
    );
    app.get('/checkins/people/:id/visits', { schema: { tags, params: idParams, querystring: personVisitsQuery, response: { 200: personVisitsResponse } } }, async (req) =>
      checkins.personVisits(db, actorOf(req), req.params.id, req.query),
    );
  };
}
