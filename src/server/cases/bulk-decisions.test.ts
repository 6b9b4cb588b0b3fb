import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { queryRows } from '../db/handle.js';
import { refusal, sessionCookie } from '../db/fixtures.js';
import { casesFixture, levelsOf, peopleIn, type CasesFixture } from './test-helpers.js';
import { at, recentCase, venue, visit } from './tracing-test-helpers.js';
import { getBulkDecision, listBulkDecisions, queueBulkDecision, runBulkDecision, runQueuedBulkDecisions } from './bulk-decisions.js';
import { listClusters } from './service.js';

let f: CasesFixture;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await f?.h.close();
});

/** A case in a cluster of its commune who shared a market morning with a, b and c; a then met x at the office. */
async function clusterWithContacts() {
  f = await casesFixture();
  const market = await venue(f);
  const office = await venue(f, 'Văn phòng Hồng Hà');
  const [subject, a, b, c, x] = await peopleIn(f, 5);
  await visit(f, subject, market, at(1, 8), at(1, 9));
  for (const p of [a, b, c]) await visit(f, p, market, at(1, 8), at(1, 9));
  await visit(f, a, office, at(1, 21), at(1, 22));
  await visit(f, x, office, at(1, 21), at(1, 22));
  const kase = await recentCase(f, subject);
  const [{ id: clusterId }] = await queryRows<{ id: number }>(
    f.h.db,
    sql`insert into clusters (province_id, number, name, commune_id, district_id)
        select province_id, 1, 'Ổ dịch Chợ Hạ Long 1', commune_id, district_id from cases where id = ${kase.id}
        returning id::int`,
  );
  await f.h.db.execute(sql`update cases set cluster_id = ${clusterId} where id = ${kase.id}`);
  return { clusterId, people: [subject, a, b, c, x] };
}

describe('bulk decisions run in the background', () => {
  it('queues a cluster’s decision, one at a time, runs it as the officer who asked, then the contacts’ decision', async () => {
    const { clusterId, people } = await clusterWithContacts();
    const queued = await queueBulkDecision(f.h.db, f.commune, { decision: 'accept', clusterId });
    expect(queued).toMatchObject({ clusterId, decision: 'accept', subjects: 'cases', status: 'queued', requestedBy: f.commune.username, result: null, error: null });
    expect((await listClusters(f.h.db, f.commune)).rows[0].deciding).toEqual({ id: queued.id, subjects: 'cases' });
    // A second click while the first waits is refused, naming the cluster; nothing more is queued.
    const twice = await refusal(queueBulkDecision(f.h.db, f.district, { decision: 'accept', clusterId, subjects: 'contacts' }));
    expect([twice.code, twice.messageKey, twice.field]).toEqual(['conflict', 'tracing.errors.bulk_in_progress', 'clusterId']);
    expect((await listBulkDecisions(f.h.db, f.province, {})).rows.map((r) => r.id)).toEqual([queued.id]);
    expect(await levelsOf(f, people)).toEqual([0, null, null, null, null]);

    expect(await runBulkDecision(f.h.db, queued.id)).toMatchObject({ status: 'done', result: { decided: 3, levelChanges: 3 } });
    const done = await getBulkDecision(f.h.db, f.district, queued.id);
    expect(done).toMatchObject({ status: 'done', result: { decided: 3, levelChanges: 3, tasksCreated: 9 }, error: null });
    expect(done.startedAt).not.toBeNull();
    expect(new Date(done.finishedAt!).getTime()).toBeGreaterThanOrEqual(new Date(done.startedAt!).getTime());
    expect(await levelsOf(f, people)).toEqual([0, 1, 1, 1, null]);
    expect((await listClusters(f.h.db, f.commune)).rows[0].deciding).toBeNull();
    // Audited as the officer who asked, through the background run.
    const audited = await queryRows<{ account_id: number; via: string }>(f.h.db, sql`select account_id, via from audit_log where entity = 'tracing_proposal' order by id`);
    expect(audited.length).toBe(3);
    expect(audited.every((r) => r.account_id === f.commune.accountId && r.via === 'job:bulk-decision')).toBe(true);
    // Run once only.
    expect(await runBulkDecision(f.h.db, queued.id)).toBeNull();

    const contacts = await queueBulkDecision(f.h.db, f.commune, { decision: 'accept', clusterId, subjects: 'contacts' });
    expect(await runQueuedBulkDecisions(f.h.db)).toEqual({ done: 1, failed: 0 });
    expect(await getBulkDecision(f.h.db, f.commune, contacts.id)).toMatchObject({ subjects: 'contacts', status: 'done', result: { decided: 1 } });
    expect(await levelsOf(f, people)).toEqual([0, 1, 1, 1, 2]);
  });

  it('stores why a run failed, in the reader’s language, with nothing of it kept', async () => {
    const { clusterId, people } = await clusterWithContacts();
    const rejected = await queueBulkDecision(f.h.db, f.commune, { decision: 'reject', clusterId, subjects: 'contacts' });
    expect(await runBulkDecision(f.h.db, rejected.id)).toMatchObject({ status: 'failed' });
    expect((await getBulkDecision(f.h.db, f.commune, rejected.id)).error).toEqual({
      code: 'not_found',
      message: 'Các ca bệnh này không còn đề xuất nào chờ quyết định',
      field: 'clusterId',
    });
    expect((await getBulkDecision(f.h.db, { ...f.commune, lang: 'en' }, rejected.id)).error?.message).toBe('These cases have no proposal waiting for a decision');
    // An account disabled after asking decides nothing.
    const accepted = await queueBulkDecision(f.h.db, f.commune, { decision: 'accept', clusterId });
    await f.h.db.execute(sql`update accounts set active = false where id = ${f.commune.accountId}`);
    expect(await runQueuedBulkDecisions(f.h.db)).toEqual({ done: 0, failed: 1 });
    expect(await getBulkDecision(f.h.db, f.province, accepted.id)).toMatchObject({ status: 'failed', error: { code: 'forbidden' } });
    expect(await levelsOf(f, people)).toEqual([0, null, null, null, null]);
    const [{ n }] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from tracing_proposals where status <> 'pending'`);
    expect(n).toBe(0);
  });

  it('takes up a decision a process left when it died, shown as running meanwhile', async () => {
    const { clusterId, people } = await clusterWithContacts();
    const queued = await queueBulkDecision(f.h.db, f.commune, { decision: 'accept', clusterId });
    // The process took it up (started_at) and died before its transaction committed.
    await f.h.db.execute(sql`update tracing_bulk_decisions set started_at = now() - interval '5 minutes' where id = ${queued.id}`);
    const running = await getBulkDecision(f.h.db, f.commune, queued.id);
    expect(running.status).toBe('running');
    expect(await runQueuedBulkDecisions(f.h.db)).toEqual({ done: 1, failed: 0 });
    const done = await getBulkDecision(f.h.db, f.commune, queued.id);
    expect([done.status, done.startedAt]).toEqual(['done', running.startedAt]);
    expect(await levelsOf(f, people)).toEqual([0, 1, 1, 1, null]);
  });

  // Two connections at once: PGlite has one, so this runs against a PostgreSQL server only.
  it.runIf(process.env.DATABASE_URL)('leaves a decision another process is running alone, without waiting for it', async () => {
    const { clusterId } = await clusterWithContacts();
    const queued = await queueBulkDecision(f.h.db, f.commune, { decision: 'accept', clusterId });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const other = f.h.db.transaction(async (tx) => {
      await tx.execute(sql`select id from tracing_bulk_decisions where id = ${queued.id} for update`);
      locked();
      await held;
    });
    await lockTaken;
    expect(await runBulkDecision(f.h.db, queued.id)).toBeNull();
    expect(await runQueuedBulkDecisions(f.h.db)).toEqual({ done: 0, failed: 0 });
    release();
    await other;
    expect(await runQueuedBulkDecisions(f.h.db)).toEqual({ done: 1, failed: 0 });
  });

  it('refuses a cluster outside the jurisdiction and a body naming neither or both scopes; hides others’ decisions', async () => {
    const { clusterId } = await clusterWithContacts();
    const outside = await refusal(queueBulkDecision(f.h.db, f.otherCommune, { decision: 'accept', clusterId }));
    expect([outside.code, outside.field]).toEqual(['not_found', 'clusterId']);
    for (const body of [{ decision: 'accept' as const }, { decision: 'accept' as const, clusterId, caseIds: [1] }]) {
      const err = await refusal(queueBulkDecision(f.h.db, f.commune, body));
      expect([err.code, err.messageKey, err.field]).toEqual(['validation', 'tracing.errors.bulk_scope', 'clusterId']);
    }
    const forbidden = await refusal(queueBulkDecision(f.h.db, { ...f.commune, role: 'community_member' }, { decision: 'accept', clusterId }));
    expect(forbidden.code).toBe('forbidden');
    const queued = await queueBulkDecision(f.h.db, f.commune, { decision: 'accept', clusterId });
    const hidden = await refusal(getBulkDecision(f.h.db, f.otherCommune, queued.id));
    expect([hidden.code, hidden.field]).toEqual(['not_found', 'id']);
    expect((await listBulkDecisions(f.h.db, f.otherCommune, {})).rows).toEqual([]);
    const [{ n }] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'tracing_bulk_decision'`);
    expect(n).toBe(1);
  });

  it('over HTTP: answers 202 at once, the run goes on in the background, and errors name the field in Vietnamese', async () => {
    const { clusterId, people } = await clusterWithContacts();
    app = await buildApp({ handle: f.h });
    const headers = { cookie: await sessionCookie(app, f.commune.username) };
    const res = await app.inject({ method: 'POST', url: '/api/tracing/bulk-decisions', headers, payload: { decision: 'accept', clusterId } });
    expect(res.statusCode).toBe(202);
    const { id } = res.json() as { id: number };
    let view = res.json() as { status: string; result: unknown };
    for (let i = 0; i < 100 && view.status !== 'done' && view.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = (await app.inject({ method: 'GET', url: `/api/tracing/bulk-decisions/${id}`, headers })).json();
    }
    expect(view).toMatchObject({ status: 'done', result: { decided: 3, levelChanges: 3, tasksCreated: 9 } });
    expect(await levelsOf(f, people)).toEqual([0, 1, 1, 1, null]);
    const list = await app.inject({ method: 'GET', url: `/api/tracing/bulk-decisions?clusterId=${clusterId}`, headers });
    expect(list.json().rows.map((r: { id: number }) => r.id)).toEqual([id]);
    const bad = await app.inject({ method: 'POST', url: '/api/tracing/bulk-decisions', headers, payload: { decision: 'accept' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'clusterId', message: 'Chọn một ổ dịch hoặc danh sách ca bệnh (chỉ một trong hai)' });
  });
});
