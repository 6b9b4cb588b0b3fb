import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { actorFor, seedUnitFixture } from '../db/fixtures.js';
import { loginFailures, sessions } from '../auth/schema.js';
import { startJobs, type Jobs } from './runner.js';
import { JOBS } from './definitions.js';

let h: DbHandle;
let jobs: Jobs | undefined;
beforeEach(async () => {
  h = await testDb();
});
afterEach(async () => {
  await jobs?.stop();
  await h.close();
});

describe('scheduled jobs', () => {
  it('schedules every job in Vietnam time and runs one on demand', async () => {
    const units = await seedUnitFixture(h.db);
    const officer = await actorFor(h.db, 'commune_officer', units.hongHa);
    const hour = 3600_000;
    await h.db.insert(sessions).values([
      { tokenHash: 'old', accountId: officer.accountId, expiresAt: new Date(Date.now() - hour) },
      { tokenHash: 'live', accountId: officer.accountId, expiresAt: new Date(Date.now() + hour) },
    ]);
    await h.db.insert(loginFailures).values([
      { username: 'x', ip: '1.1.1.1', at: new Date(Date.now() - 2 * hour) },
      { username: 'x', ip: '1.1.1.1', at: new Date() },
    ]);
    const done: string[] = [];
    jobs = await startJobs(h, JOBS, { log: (msg) => done.push(msg), pollingSeconds: 0.5 });
    const schedules = (await h.executeSql('select name, cron, timezone from pgboss.schedule order by name')).rows;
    expect(schedules).toEqual([...JOBS].sort((a, b) => a.name.localeCompare(b.name)).map((j) => ({ name: j.name, cron: j.cron, timezone: 'Asia/Ho_Chi_Minh' })));

    await jobs.runNow('purge-sessions');
    for (let i = 0; i < 40 && !done.includes('job purge-sessions done'); i++) await new Promise((r) => setTimeout(r, 250));
    expect(done).toContain('job purge-sessions done');
    expect((await h.db.select({ t: sessions.tokenHash }).from(sessions)).map((r) => r.t)).toEqual(['live']);
    expect(await h.db.select().from(loginFailures)).toHaveLength(1);
  });
});
