import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../app.js';
import { actorFor, sessionCookie } from '../db/fixtures.js';
import { formatDate } from '../../shared/vn/dates.js';
import { casesFixture, peopleIn, type CasesFixture } from './test-helpers.js';
import { at, dayBefore, recentCase, venue, visit } from './tracing-test-helpers.js';

const BOUNDARY = '----tracing-test-boundary';
function multipart(field: string, name: string, data: Buffer) {
  const payload = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

describe('tracing HTTP routes', () => {
  let f: CasesFixture;
  let app: FastifyInstance;
  let officer: string;
  let team: string;
  let teamId: number;

  beforeAll(async () => {
    f = await casesFixture();
    teamId = (await actorFor(f.h.db, 'community_member', f.units.hongHa, 'to_cong_dong')).accountId;
    app = await buildApp({ handle: f.h });
    officer = await sessionCookie(app, f.commune.username);
    team = await sessionCookie(app, 'to_cong_dong');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  it('lists proposals, decides a visit, then works the tasks it made', async () => {
    const market = await venue(f);
    const [subject, a, b] = await peopleIn(f, 3);
    const visitId = await visit(f, subject, market, at(2, 8), at(2, 9));
    for (const p of [a, b]) await visit(f, p, market, at(2, 8, 10), at(2, 9));
    const kase = await recentCase(f, subject);
    const headers = { cookie: officer };

    const list = await app.inject({ method: 'GET', url: `/api/tracing/proposals?caseId=${kase.id}`, headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    expect(list.json().rows[0]).toMatchObject({ setting: 'venue', subjectVisitId: visitId, overlapMinutes: 50, venue: { id: market }, status: 'pending', candidate: { id: a } });

    const refused = await app.inject({ method: 'POST', url: '/api/tracing/proposals/decide', headers: { cookie: team }, payload: { decision: 'accept', subjectVisitId: visitId } });
    expect(refused.statusCode).toBe(403);
    const empty = await app.inject({ method: 'POST', url: '/api/tracing/proposals/decide', headers: { ...headers, 'x-lang': 'en' }, payload: { decision: 'accept' } });
    expect([empty.statusCode, empty.json().error.field]).toEqual([400, 'ids']);
    const decided = await app.inject({ method: 'POST', url: '/api/tracing/proposals/decide', headers, payload: { decision: 'accept', subjectVisitId: visitId } });
    expect(decided.json()).toEqual({ decided: 2, levelChanges: 2, tasksCreated: 6 });

    const again = await app.inject({ method: 'POST', url: `/api/cases/${kase.id}/trace`, headers });
    expect(again.json()).toEqual({ proposed: 0, autoAccepted: 0 });

    const fresh = await app.inject({ method: 'GET', url: '/api/tracing/tasks?overdue=true', headers: { cookie: team } });
    expect(fresh.json()).toMatchObject({ total: 0, overdue: 0 });
    // Two days later nobody has worked them: all six are late.
    await f.h.db.execute(sql`update tracing_tasks set due_at = due_at - interval '2 days'`);
    const tasks = await app.inject({ method: 'GET', url: '/api/tracing/tasks?overdue=true', headers: { cookie: team } });
    expect(tasks.statusCode).toBe(200);
    expect(tasks.json()).toMatchObject({ total: 6, overdue: 6 });
    const task = tasks.json().rows[0];
    expect(task).toMatchObject({ kind: 'reach_phone', level: 1, caseCode: `BN${kase.number}`, communeName: 'Phường Hồng Hà', overdue: true });

    const assigned = await app.inject({ method: 'POST', url: `/api/tracing/tasks/${task.id}/assign`, headers, payload: { accountId: teamId } });
    expect(assigned.json().assignedTo).toEqual({ id: teamId, name: 'to_cong_dong' });
    const badAssign = await app.inject({ method: 'POST', url: `/api/tracing/tasks/${task.id}/assign`, headers: { ...headers, 'x-lang': 'en' }, payload: { accountId: 999_999 } });
    expect([badAssign.statusCode, badAssign.json().error.field]).toEqual([400, 'accountId']);
    const done = await app.inject({ method: 'POST', url: `/api/tracing/tasks/${task.id}/complete`, headers: { cookie: team }, payload: { outcome: 'reached', note: 'Đã gọi' } });
    expect(done.json()).toMatchObject({ status: 'done', outcome: 'reached', overdue: false });
    const twice = await app.inject({ method: 'POST', url: `/api/tracing/tasks/${task.id}/complete`, headers: { cookie: team, 'x-lang': 'en' }, payload: { outcome: 'reached' } });
    expect([twice.statusCode, twice.json().error.message]).toEqual([409, 'This task is already done or cancelled']);
    expect((await app.inject({ method: 'GET', url: '/api/tracing/tasks' })).statusCode).toBe(401);
  });

  it('serves the template and imports a list, answering bad rows with their numbers', async () => {
    const [subject] = await peopleIn(f, 1);
    const kase = await recentCase(f, subject);
    const template = await app.inject({ method: 'GET', url: '/api/tracing/import/template', headers: { cookie: officer } });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const time = `${formatDate(dayBefore(1))} 10:00`;
    sheet.addRow([`BN${kase.number}`, 'Vũ Thị Yến', null, '0904 555 666', 1995, 'Nữ', '', '06697', 'Nơi làm việc', time, 'Văn phòng']);
    sheet.addRow([`BN${kase.number}`, 'Vũ Văn Hải', null, null, 1995, '?', '', '06697', 'Nơi làm việc', time, '']);
    const bad = await app.inject({ method: 'POST', url: '/api/tracing/import', ...withLang(multipart('file', 'ds.xlsx', Buffer.from(await book.xlsx.writeBuffer())), 'en') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation', field: 'file', details: { rows: [{ row: 3, field: 'sex', message: 'Sex must be Nam, Nữ or Khác (male, female, other)' }] } });
    sheet.spliceRows(3, 1);
    const ok = await app.inject({ method: 'POST', url: '/api/tracing/import', ...withLang(multipart('file', 'ds.xlsx', Buffer.from(await book.xlsx.writeBuffer())), 'vi') });
    expect([ok.statusCode, ok.json()]).toEqual([200, { rows: 1, created: 1, existing: 0, peopleCreated: 1 }]);
    const noFile = await app.inject({ method: 'POST', url: '/api/tracing/import', ...withLang(multipart('other', 'x.xlsx', Buffer.from('x')), 'vi') });
    expect([noFile.statusCode, noFile.json().error.field]).toEqual([400, 'file']);
  });

  it('documents its routes in the OpenAPI description', async () => {
    const doc = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const p of ['/api/tracing/proposals', '/api/tracing/proposals/decide', '/api/cases/{id}/trace', '/api/tracing/import', '/api/tracing/import/template', '/api/tracing/tasks', '/api/tracing/tasks/{id}/complete', '/api/tracing/tasks/{id}/assign']) {
      expect(paths).toContain(p);
    }
  });

  function withLang(body: { payload: Buffer; headers: Record<string, string> }, lang: string) {
    return { payload: body.payload, headers: { ...body.headers, cookie: officer, 'x-lang': lang } };
  }
});
