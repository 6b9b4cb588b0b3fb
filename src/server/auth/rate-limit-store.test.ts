import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { buildApp } from '../app.js';
import { PUBLIC_LIMITS } from '../declarations/routes.js';
import { SharedCounters } from './rate-limit-store.js';
import { purgeExpiredSessions } from './service.js';

describe('rate-limit counters in the database', () => {
  let h: DbHandle;
  beforeEach(async () => {
    h = await testDb();
  });
  afterEach(() => h.close());

  it('two API processes on one database meet one limit per client, not one each', async () => {
    const apps = [await buildApp({ handle: h }), await buildApp({ handle: h })];
    const { max } = PUBLIC_LIMITS.submitPerIp;
    // Each process counts a key by itself up to a tenth of the limit: the most the two can let through.
    const bound = max + (Math.ceil(max / 10) - 1);
    const statuses: number[] = [];
    try {
      // Bad bodies are cheap and still count; the load balancer sends each request to the other process.
      for (let i = 0; i < bound + 5; i++) {
        statuses.push((await apps[i % 2].inject({ method: 'POST', url: '/api/public/declarations', payload: {}, remoteAddress: '10.9.0.1' })).statusCode);
      }
      // Another client is not held back by the first.
      expect((await apps[1].inject({ method: 'POST', url: '/api/public/declarations', payload: {}, remoteAddress: '10.9.0.2' })).statusCode).toBe(400);
    } finally {
      for (const app of apps) await app.close();
    }
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThanOrEqual(max);
    expect(firstRefused).toBeLessThanOrEqual(bound);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    const [row] = await queryRows<{ count: number }>(h.db, sql`select count from rate_limit_counters where key like '%10.9.0.1'`);
    expect(row.count).toBe(bound + 5);
  });

  it("adds each process's requests, and a window that has ended starts again from the next request", async () => {
    const a = new SharedCounters(h.db);
    const b = new SharedCounters(h.db);
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) await a.incr('k', 1000, Infinity, t0 + i);
    // b is answered with a's three requests and takes the window a began.
    const fromB = await b.incr('k', 1000, Infinity, t0 + 10);
    expect(fromB.current).toBe(4);
    expect(fromB.ttl).toBeLessThanOrEqual(1000);
    expect(await a.incr('k', 1000, Infinity, t0 + 30)).toMatchObject({ current: 5 });
    expect(b.read('k', t0 + 40)).toMatchObject({ current: 4 });

    // After the window: a fresh count, in the process and in the database.
    expect(await b.incr('k', 1000, Infinity, t0 + 1500)).toMatchObject({ current: 1 });
    const [row] = await queryRows<{ count: number }>(h.db, sql`select count from rate_limit_counters where key = 'k'`);
    expect(row.count).toBe(1);
  });

  it('shares a key only once the process has seen a tenth of its limit: one-off clients cost no write', async () => {
    const c = new SharedCounters(h.db);
    for (let i = 0; i < 50; i++) c.incr(`phone-${i}`, 60_000, 30);
    for (let i = 0; i < 3; i++) c.incr('scanner', 60_000, 30);
    await c.close();
    const rows = await queryRows<{ key: string; count: number }>(h.db, sql`select key, count from rate_limit_counters`);
    expect(rows).toEqual([{ key: 'scanner', count: 3 }]);
  });

  it('keeps counting in the process when the database cannot be reached', async () => {
    const gone = await testDb();
    await gone.close();
    const errors: unknown[] = [];
    const c = new SharedCounters(gone.db, (err) => errors.push(err));
    await c.incr('k', 60_000);
    await c.incr('k', 60_000);
    expect(errors.length).toBeGreaterThan(0);
    expect(await c.incr('k', 60_000)).toMatchObject({ current: 3 });
    expect(c.read('k').current).toBe(3);
  });

  it('the nightly purge deletes ended windows only', async () => {
    const c = new SharedCounters(h.db);
    await c.incr('ended', 1000, Infinity, Date.now() - 5000);
    await c.incr('live', 60_000);
    expect(await purgeExpiredSessions(h.db, new Date())).toMatchObject({ rateLimitCounters: 1 });
    const rows = await queryRows<{ key: string }>(h.db, sql`select key from rate_limit_counters`);
    expect(rows.map((r) => r.key)).toEqual(['live']);
  });
});
