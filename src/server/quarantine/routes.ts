import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import {
  admissionResult,
  admitInput,
  cameraInput,
  cameraStatusBody,
  cameraView,
  dischargeBody,
  dueTestsQuery,
  dueTestsResponse,
  facilityDetail,
  facilityInput,
  facilityStatusBody,
  facilitySummary,
  listFacilitiesQuery,
  listStaysQuery,
  listStaysResponse,
  roomOverrideBody,
  staffEndBody,
  staffInput,
  staffQuery,
  staffView,
  stayDetail,
  stayTestBody,
  transferBody,
} from '../../shared/api/quarantine.js';
import * as quarantine from './service.js';

const tags = ['quarantine'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const positive = z.coerce.number().int().positive();
const staffParams = z.object({ id: positive, staffId: positive });
const cameraParams = z.object({ id: positive, cameraId: positive });
const testParams = z.object({ id: positive, testId: positive });
const rows = <T extends z.ZodType>(item: T) => z.object({ rows: z.array(item) });

export default function quarantineRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/quarantine/facilities', { schema: { tags, querystring: listFacilitiesQuery, response: { 200: rows(facilitySummary) } } }, async (req) => quarantine.listFacilities(db, actorOf(req), req.query));
    app.post('/quarantine/facilities', { schema: { tags, description: 'A facility with its zones, rooms and beds in one call.', body: facilityInput, response: { 200: facilityDetail } } }, async (req) => quarantine.createFacility(db, actorOf(req), req.body));
    app.get('/quarantine/facilities/:id', { schema: { tags, params: idParams, response: { 200: facilityDetail } } }, async (req) => quarantine.getFacility(db, actorOf(req), req.params.id));
    app.put(
      '/quarantine/facilities/:id',
      { schema: { tags, description: 'Rewrites the facility and its structure; rooms and beds are matched by code, zones by name.', params: idParams, body: facilityInput, response: { 200: facilityDetail } } },
      async (req) => quarantine.updateFacility(db, actorOf(req), req.params.id, req.body),
    );
    app.post('/quarantine/facilities/:id/status', { schema: { tags, params: idParams, body: facilityStatusBody, response: { 200: facilityDetail } } }, async (req) => quarantine.setFacilityStatus(db, actorOf(req), req.params.id, req.body));
    app.get('/quarantine/facilities/:id/staff', { schema: { tags, description: 'On duty now (or at ?at=), or the whole roster with ?all=true.', params: idParams, querystring: staffQuery, response: { 200: rows(staffView) } } }, async (req) => quarantine.listStaff(db, actorOf(req), req.params.id, req.query));
    app.post('/quarantine/facilities/:id/staff', { schema: { tags, params: idParams, body: staffInput, response: { 200: staffView } } }, async (req) => quarantine.addStaff(db, actorOf(req), req.params.id, req.body));
    app.post('/quarantine/facilities/:id/staff/:staffId/end', { schema: { tags, params: staffParams, body: staffEndBody, response: { 200: staffView } } }, async (req) =>
      quarantine.endStaffDuty(db, actorOf(req), req.params.id, req.params.staffId, req.body),
    );
    app.post('/quarantine/facilities/:id/cameras', { schema: { tags, params: idParams, body: cameraInput, response: { 200: cameraView } } }, async (req) => quarantine.addCamera(db, actorOf(req), req.params.id, req.body));
    app.post('/quarantine/facilities/:id/cameras/:cameraId/status', { schema: { tags, params: cameraParams, body: cameraStatusBody, response: { 200: cameraView } } }, async (req) =>
      quarantine.setCameraStatus(db, actorOf(req), req.params.id, req.params.cameraId, req.body),
    );

    app.post(
      '/quarantine/admissions',
      { schema: { tags, description: 'Admits people (an F1 list, the F1s of a case, checkpoint arrivals, a case, or by hand) in one transaction, allocating rooms; dryRun proposes rooms only.', body: admitInput, response: { 200: admissionResult } } },
      async (req) => quarantine.admit(db, actorOf(req), req.body),
    );
    app.get('/quarantine/stays', { schema: { tags, querystring: listStaysQuery, response: { 200: listStaysResponse } } }, async (req) => quarantine.listStays(db, actorOf(req), req.query));
    app.get('/quarantine/stays/:id', { schema: { tags, params: idParams, response: { 200: stayDetail } } }, async (req) => quarantine.getStay(db, actorOf(req), req.params.id));
    app.post('/quarantine/stays/:id/room', { schema: { tags, description: 'Staff override of the room, with a reason.', params: idParams, body: roomOverrideBody, response: { 200: stayDetail } } }, async (req) => quarantine.moveStayRoom(db, actorOf(req), req.params.id, req.body));
    app.post('/quarantine/stays/:id/tests/:testId', { schema: { tags, params: testParams, body: stayTestBody, response: { 200: stayDetail } } }, async (req) =>
      quarantine.recordStayTest(db, actorOf(req), req.params.id, req.params.testId, req.body),
    );
    app.post('/quarantine/stays/:id/transfer', { schema: { tags, params: idParams, body: transferBody, response: { 200: stayDetail } } }, async (req) => quarantine.transferStay(db, actorOf(req), req.params.id, req.body));
    app.post('/quarantine/stays/:id/discharge', { schema: { tags, params: idParams, body: dischargeBody, response: { 200: stayDetail } } }, async (req) => quarantine.dischargeStay(db, actorOf(req), req.params.id, req.body));
    app.get('/quarantine/stays/:id/certificate.pdf', { schema: { tags, params: idParams } }, async (req, reply) => {
      const { fileName, pdf } = await quarantine.stayCertificate(db, actorOf(req), req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}"`).send(pdf);
    });
    app.get('/quarantine/tests/due', { schema: { tags, description: 'Open test tasks of active stays due on or before dueOn (today).', querystring: dueTestsQuery, response: { 200: dueTestsResponse } } }, async (req) => quarantine.dueTests(db, actorOf(req), req.query));
  };
}
