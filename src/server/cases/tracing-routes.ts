// HTTP routes of automated tracing and the tracing work: proposals and decisions, re-tracing a
// case, contact list import and its template, tasks. Registered from the cases routes.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/handle.js';
import { actorOf } from '../http/context.js';
import { invalid } from '../http/errors.js';
import {
  assignTaskBody,
  completeTaskBody,
  decideCrowdBody,
  decideCrowdResponse,
  decideProposalsBody,
  decideProposalsResponse,
  exportTasksQuery,
  importOutcomesResponse,
  importResponse,
  listCrowdsQuery,
  listCrowdsResponse,
  listProposalsQuery,
  listProposalsResponse,
  listTasksQuery,
  listTasksResponse,
  runTracingResponse,
  taskView,
} from '../../shared/api/cases.js';
import { listProposals } from './proposals.js';
import { runTracing } from './proposals-run.js';
import { decideProposals } from './decide.js';
import { decideCrowd, listCrowds } from './crowds.js';
import { contactListTemplate, importContactList } from './contact-import.js';
import { assignTask, completeTask, listTasks } from './tasks.js';
import { exportTasks, TASKS_EXPORT_LIMIT } from './tasks-export.js';
import { importTaskOutcomes } from './tasks-import.js';
import { todayInVietnam } from '../../shared/vn/dates.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['tracing'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The upload in the multipart field "file" (a contact list, or the worklist with outcomes). */
async function uploaded(req: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  const file = await req.file();
  if (!file || file.fieldname !== 'file') throw invalid('file', 'tracing.errors.file_required');
  return { name: file.filename, data: await file.toBuffer() };
}

export function tracingRoutes({ db }: DbHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tracing/proposals',
      {
        schema: {
          tags,
          description: 'Proposed contacts waiting for (or after) a decision, of one case (its person and traced contacts) or one subject; candidates outside the jurisdiction have candidate null.',
          querystring: listProposalsQuery,
          response: { 200: listProposalsResponse },
        },
      },
      async (req) => listProposals(db, actorOf(req), req.query),
    );
    app.post(
      '/tracing/proposals/decide',
      {
        schema: {
          tags,
          description: 'Accept or reject proposals by ids, or every pending proposal of one venue visit of the subject (subjectVisitId). Accepted ones become exposures in one transaction.',
          body: decideProposalsBody,
          response: { 200: decideProposalsResponse },
        },
      },
      async (req) => decideProposals(db, actorOf(req), req.body),
    );
    app.get(
      '/tracing/crowds',
      {
        schema: {
          tags,
          description: "Visits of traced people shared with more people than the profile's tracing.crowdSize: one row each, with the head count, to screen or expand.",
          querystring: listCrowdsQuery,
          response: { 200: listCrowdsResponse },
        },
      },
      async (req) => listCrowds(db, actorOf(req), req.query),
    );
    app.post(
      '/tracing/crowds/:id/decide',
      {
        schema: {
          tags,
          description: 'Expand a crowd into person-by-person proposals, or dismiss it (screened by announcement or testing).',
          params: idParams,
          body: decideCrowdBody,
          response: { 200: decideCrowdResponse },
        },
      },
      async (req) => decideCrowd(db, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/trace',
      { schema: { tags, description: 'Proposes contacts again for the case and the contacts traced from it (late check-ins, declarations).', params: idParams, response: { 200: runTracingResponse } } },
      async (req) => runTracing(db, actorOf(req), req.params.id),
    );

    app.post(
      '/tracing/import',
      {
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          description: 'Multipart: the field "file", a contact list in the template layout (GET /tracing/import/template). Row problems come back in error.details.rows; nothing is saved when any row fails.',
          response: { 200: importResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req, 'cases.write');
        return importContactList(db, actor, await uploaded(req));
      },
    );
    app.get('/tracing/import/template', { schema: { tags, description: 'The contact list template (XLSX, Vietnamese headers).', produces: [XLSX] } }, async (req, reply) => {
      actorOf(req, 'cases.write');
      const file = await contactListTemplate();
      return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="mau-danh-sach-tiep-xuc.xlsx"').send(file);
    });

    app.get(
      '/tracing/tasks',
      { schema: { tags, description: 'Tracing tasks of the jurisdiction (or unitId inside it), soonest due first, with the count of overdue open tasks.', querystring: listTasksQuery, response: { 200: listTasksResponse } } },
      async (req) => listTasks(db, actorOf(req), req.query),
    );
    app.get(
      '/tracing/tasks/export',
      {
        schema: {
          tags,
          description: `The worklist with the same filters as an XLSX workbook (headers in the caller's language, dates dd/MM/yyyy HH:mm in Vietnam time); more than ${TASKS_EXPORT_LIMIT} tasks is refused. Every person listed is audited as read.`,
          querystring: exportTasksQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const file = await exportTasks(db, actorOf(req), req.query);
        return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="nhiem-vu-truy-vet-${todayInVietnam().split('-').reverse().join('-')}.xlsx"`).send(file);
      },
    );
    app.post(
      '/tracing/tasks/import',
      {
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          description: 'Multipart: the field "file", the exported worklist with outcomes written in (column Kết quả / Outcome, and Ghi chú / Note). Each row with an outcome completes its open task; row problems come back in error.details.rows, and nothing is saved when any row fails. The same file twice changes nothing.',
          response: { 200: importOutcomesResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req, 'tasks.work');
        return importTaskOutcomes(db, actor, await uploaded(req));
      },
    );
    app.post('/tracing/tasks/:id/complete', { schema: { tags, params: idParams, body: completeTaskBody, response: { 200: taskView } } }, async (req) =>
      completeTask(db, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/tracing/tasks/:id/assign',
      { schema: { tags, description: 'accountId null unassigns.', params: idParams, body: assignTaskBody, response: { 200: taskView } } },
      async (req) => assignTask(db, actorOf(req), req.params.id, req.body),
    );
  };
}

export default tracingRoutes;
