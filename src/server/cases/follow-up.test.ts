import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { casesFixture, expose, levelsOf, peopleIn, saveModifiedProfile, type CasesFixture } from './test-helpers.js';
import { at, proposalsOf, recentCase, tasksOf, venue, visit } from './tracing-test-helpers.js';
import { changeCaseStatus, removeExposure } from './service.js';
import { followUpLevelChanges } from './follow-up.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

const HOUR = 3_600_000;

describe('follow-up of level changes', () => {
  it('creates the profile tasks of each new level, due from when tracing found the contact, and tells the commune', async () => {
    f = await casesFixture();
    const [source, f1, f2] = await peopleIn(f, 3);
    await recentCase(f, source);
    const before = Date.now();
    await expose(f, [[source, f1]], { setting: 'workplace', startedAt: at(1, 8).toISOString() });
    await expose(f, [[f1, f2]], { setting: 'workplace', startedAt: at(1, 20).toISOString() });
    const after = Date.now();
    // Exposed a day ago, found now: the deadlines count from now, so nothing is overdue on arrival.
    const starts = (rows: Awaited<ReturnType<typeof tasksOf>>, hours: Record<string, number>) =>
      rows.map((t) => {
        const start = new Date(t.due_at).getTime() - hours[t.kind] * HOUR;
        return [t.kind, t.level, t.status, start >= before - 1000 && start <= after + 1000];
      });
    expect(starts(await tasksOf(f, f1), { reach_phone: 2, quarantine: 24, test: 24 })).toEqual([
      ['reach_phone', 1, 'open', true],
      ['quarantine', 1, 'open', true],
      ['test', 1, 'open', true],
    ]);
    expect(starts(await tasksOf(f, f2), { reach_phone: 24, home_monitoring: 24 })).toEqual([
      ['reach_phone', 2, 'open', true],
      ['home_monitoring', 2, 'open', true],
    ]);
    expect((await tasksOf(f, source)).length).toBe(0);
    const messages = await queryRows<{ channel: string; recipient: string; template: string; params: Record<string, unknown> }>(
      f.h.db,
      sql`select channel, recipient, template, params from outbox order by id`,
    );
    expect(messages).toEqual([
      { channel: 'log', recipient: `unit:${f.units.hongHa}`, template: 'tracing.notify.new_tasks', params: { tasks: 3, people: 1 } },
      { channel: 'log', recipient: `unit:${f.units.hongHa}`, template: 'tracing.notify.new_tasks', params: { tasks: 2, people: 1 } },
    ]);
  });

  it('cancels the tasks that no longer fit: a contact who becomes F0, an F2 moving up, a contact no longer traced', async () => {
    f = await casesFixture();
    const [source, f1, f2, other] = await peopleIn(f, 4);
    await recentCase(f, source);
    await expose(f, [[source, f1], [f1, f2], [source, other]], { setting: 'workplace' });
    expect((await tasksOf(f, f2)).map((t) => [t.kind, t.level])).toEqual([
      ['reach_phone', 2],
      ['home_monitoring', 2],
    ]);
    // F1 confirmed: F0 now, their F1 tasks cancelled; F2 moves up with F1 tasks instead.
    await recentCase(f, f1);
    expect(await levelsOf(f, [f1, f2])).toEqual([0, 1]);
    expect((await tasksOf(f, f1)).map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect((await tasksOf(f, f2)).map((t) => [t.kind, t.level, t.status])).toEqual([
      ['reach_phone', 2, 'cancelled'],
      ['home_monitoring', 2, 'cancelled'],
      ['reach_phone', 1, 'open'],
      ['quarantine', 1, 'open'],
      ['test', 1, 'open'],
    ]);
    // An exposure removed: the contact is no longer traced and keeps no open task.
    const [exp] = await queryRows<{ id: number }>(f.h.db, sql`select id::int from exposures where contact_id = ${other}`);
    await removeExposure(f.h.db, f.commune, exp.id, { reason: 'Nhầm người' });
    expect((await tasksOf(f, other)).map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('proposes contacts of the newly traced above the deepest level only', async () => {
    f = await casesFixture();
    const market = await venue(f);
    const [source, f1, f2, met1, met2] = await peopleIn(f, 5);
    await visit(f, f1, market, at(1, 8), at(1, 9));
    await visit(f, met1, market, at(1, 8), at(1, 9));
    await visit(f, f2, market, at(1, 11), at(1, 12));
    await visit(f, met2, market, at(1, 11), at(1, 12));
    await recentCase(f, source);
    await expose(f, [[source, f1]], { setting: 'workplace', startedAt: at(1, 7).toISOString() });
    expect((await proposalsOf(f, f1)).map((p) => p.candidate_id)).toEqual([met1]);
    await expose(f, [[f1, f2]], { setting: 'workplace', startedAt: at(1, 10).toISOString() });
    // F2 is the deepest level (maxTracingLevel 2): no one is proposed from them.
    expect(await proposalsOf(f, f2)).toEqual([]);
  });

  it('ruling out the case cancels its contacts’ tasks and stops nothing else', async () => {
    f = await casesFixture();
    const [source, f1] = await peopleIn(f, 2);
    const kase = await recentCase(f, source);
    await expose(f, [[source, f1]], { setting: 'workplace' });
    await changeCaseStatus(f.h.db, f.province, kase.id, { status: 'ruled_out', note: 'Xét nghiệm lại âm tính' });
    expect(await levelsOf(f, [source, f1])).toEqual([null, null]);
    expect((await tasksOf(f, f1)).every((t) => t.status === 'cancelled')).toBe(true);
  });

  it('auto-accepts a household as a whole and stops there', async () => {
    f = await casesFixture();
    const home = await peopleIn(f, 4, { addressLine: 'Tổ 5 khu 3' });
    await recentCase(f, home[0]);
    expect(await levelsOf(f, home)).toEqual([0, 1, 1, 1]);
    const places = await queryRows<{ place: string }>(f.h.db, sql`select place from exposures where setting = 'household'`);
    // the case with each member; members already F1 are not proposed to each other
    expect(places.map((p) => p.place)).toEqual(['Tổ 5 khu 3', 'Tổ 5 khu 3', 'Tổ 5 khu 3']);
    const [{ pending }] = await queryRows<{ pending: number }>(f.h.db, sql`select count(*)::int as pending from tracing_proposals where status <> 'accepted'`);
    expect(pending).toBe(0);
  });

  it('does nothing for an empty list and leaves a level that did not move alone', async () => {
    f = await casesFixture();
    await saveModifiedProfile(f, (r) => void (r.tracing.autoAcceptHousehold = false));
    const [p] = await peopleIn(f, 1);
    expect(await followUpLevelChanges(f.h.db, f.commune, [])).toEqual({ tasksCreated: 0, tasksCancelled: 0, proposed: 0, autoAccepted: 0 });
    const same = await f.h.db.transaction((tx) =>
      followUpLevelChanges(tx, f.commune, [{ personId: p, fromLevel: 1, toLevel: 1, reason: 'contact_of', params: {}, caseId: null, exposedAt: null }]),
    );
    expect(same).toEqual({ tasksCreated: 0, tasksCancelled: 0, proposed: 0, autoAccepted: 0 });
  });
});
