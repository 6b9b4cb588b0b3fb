import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { actorFor, sessionCookie } from '../db/fixtures.js';
import { casesFixture, peopleIn, type CasesFixture } from './test-helpers.js';

describe('cases HTTP routes', () => {
  let f: CasesFixture;
  let app: FastifyInstance;
  let officer: string;
  let steering: string;

  beforeAll(async () => {
    f = await casesFixture();
    await actorFor(f.h.db, 'steering_member', f.units.province, 'bcd');
    app = await buildApp({ handle: f.h });
    officer = await sessionCookie(app, f.commune.username);
    steering = await sessionCookie(app, 'bcd');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  it('runs create → status → exposure → contacts → graph over HTTP', async () => {
    const [a, b, c] = await peopleIn(f, 3);
    const headers = { cookie: officer };
    const created = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { personId: a, status: 'suspected', symptomOnset: '2021-09-10' } });
    expect(created.statusCode).toBe(200);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ code: null, status: 'suspected', history: [{ status: 'suspected' }] });

    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/status`,
      headers,
      payload: { status: 'confirmed', confirmation: 'test', confirmationTest: 'RT-PCR 15/9', note: 'CDC tỉnh' },
    });
    expect(confirmed.json()).toMatchObject({ code: 'BN1', status: 'confirmed', infectiousFrom: '2021-09-08', sourceKnown: false });

    const bad = await app.inject({ method: 'POST', url: `/api/cases/${id}/status`, headers: { ...headers, 'x-lang': 'en' }, payload: { status: 'suspected' } });
    expect([bad.statusCode, bad.json().error.field, bad.json().error.message]).toEqual([400, 'status', 'This case cannot move from its current status to the one chosen']);

    for (const [s, t] of [
      [a, b],
      [b, c],
    ]) {
      const ex = await app.inject({ method: 'POST', url: '/api/tracing/exposures', headers, payload: { sourceId: s, contactId: t, setting: 'household', startedAt: '2021-09-09T19:00:00+07:00' } });
      expect(ex.statusCode).toBe(200);
      expect(ex.json().levelChanges).toBe(1);
    }
    const contacts = await app.inject({ method: 'GET', url: `/api/tracing/contacts?caseId=${id}`, headers });
    expect(contacts.json().rows.map((r: { personId: number; level: number }) => [r.personId, r.level])).toEqual([
      [b, 1],
      [c, 2],
    ]);
    const detail = await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers });
    expect(detail.json().contactCounts).toEqual([
      { level: 1, count: 1 },
      { level: 2, count: 1 },
    ]);
    const graph = await app.inject({ method: 'GET', url: `/api/tracing/graph?caseId=${id}&maxLevel=2`, headers });
    expect(graph.json()).toMatchObject({ truncated: false });
    expect(graph.json().nodes.map((n: { personId: number }) => n.personId)).toEqual([a, b, c]);
    expect(graph.json().edges).toHaveLength(2);
    const person = await app.inject({ method: 'GET', url: `/api/tracing/people/${c}`, headers });
    expect(person.json()).toMatchObject({ level: 2, via: { id: b }, rootCase: { id, code: 'BN1' } });
    const list = await app.inject({ method: 'GET', url: '/api/cases?unknownSource=true', headers });
    expect(list.json()).toMatchObject({ total: 1, rows: [{ id }] });
  });

  it('refuses a role without the permission and a visitor without a session', async () => {
    const [p] = await peopleIn(f, 1);
    const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: steering }, payload: { personId: p, status: 'suspected' } });
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/tracing/graph', headers: { cookie: steering } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
    const detect = await app.inject({ method: 'POST', url: '/api/tracing/clusters/detect', headers: { cookie: officer } });
    expect(detect.statusCode).toBe(403);
  });
});
