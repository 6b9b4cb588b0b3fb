import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { casesFixture, peopleIn, saveModifiedProfile, type CasesFixture } from './test-helpers.js';
import { at, proposalsOf, recentCase, venue, visit } from './tracing-test-helpers.js';
import { decideCrowd, listCrowds } from './crowds.js';
import { proposeForSubjects } from './proposals.js';
import { decideProposals } from './decide.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

describe('crowds', () => {
  it('stores a visit shared with more people than the profile crowd size once, and proposes small visits person by person', async () => {
    f = await casesFixture();
    await saveModifiedProfile(f, (r) => void (r.tracing.crowdSize = 3));
    const market = await venue(f);
    const shop = await venue(f, 'Cửa hàng Bãi Cháy');
    const [subject, ...others] = await peopleIn(f, 7);
    const marketVisit = await visit(f, subject, market, at(1, 8), at(1, 9));
    for (const p of others.slice(0, 4)) await visit(f, p, market, at(1, 8, 10), at(1, 8, 50));
    await visit(f, others[4], shop, at(1, 10), at(1, 11));
    await visit(f, subject, shop, at(1, 10), at(1, 10, 40));
    const c = await recentCase(f, subject, 3);

    expect((await proposalsOf(f, subject)).map((r) => r.candidate_id)).toEqual([others[4]]);
    const { total, rows } = await listCrowds(f.h.db, f.province, { caseId: c.id });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ subject: { id: subject }, venue: { id: market, name: 'Chợ Hạ Long 1' }, subjectVisitId: marketVisit, people: 4, status: 'pending' });
    expect(new Date(rows[0].windowStart).getTime()).toBe(at(1, 8).getTime());

    // Re-tracing stores the crowd once.
    await f.h.db.transaction((tx) => proposeForSubjects(tx, [subject]));
    expect((await listCrowds(f.h.db, f.province, { caseId: c.id })).total).toBe(1);

    const expanded = await decideCrowd(f.h.db, f.province, rows[0].id, { decision: 'expand' });
    expect(expanded.proposed).toBe(4);
    expect(expanded.crowd.status).toBe('expanded');
    const visitProposals = (await proposalsOf(f, subject)).filter((r) => r.subject_visit_id === marketVisit);
    expect(visitProposals.map((r) => r.candidate_id)).toEqual(others.slice(0, 4));

    await expect(decideCrowd(f.h.db, f.province, rows[0].id, { decision: 'dismiss' })).rejects.toMatchObject({ code: 'conflict', field: 'decision' });
    const [audited] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'tracing_crowd'`);
    expect(audited.n).toBe(1);
  });

  it('reads a visit to the end when one person\'s repeated check-ins fill it, and counts a crowd when it is first shown', async () => {
    f = await casesFixture();
    await saveModifiedProfile(f, (r) => void (r.tracing.crowdSize = 2));
    const shop = await venue(f, 'Cửa hàng Bãi Cháy');
    const market = await venue(f);
    const [subject, regular, late, a, b, c, d] = await peopleIn(f, 7);
    // Tracing reads crowdSize + 1 check-ins of a visit before deciding: here three rows of one
    // person, so the visit is read again to the end, where `late` is.
    await visit(f, subject, shop, at(1, 10), at(1, 11));
    for (const mm of [0, 5, 10]) await visit(f, regular, shop, at(1, 10, mm), at(1, 11));
    await visit(f, late, shop, at(1, 10, 20), at(1, 11));
    const marketVisit = await visit(f, subject, market, at(1, 8), at(1, 9));
    for (const p of [a, b, c, d]) await visit(f, p, market, at(1, 8), at(1, 9));
    const k = await recentCase(f, subject, 3);

    expect((await proposalsOf(f, subject)).map((r) => r.candidate_id).sort((x, y) => x - y)).toEqual([regular, late].sort((x, y) => x - y));
    // The market was read only until it showed a crowd: its head count waits until it is shown.
    const stored = await queryRows<{ people: number | null }>(f.h.db, sql`select people from tracing_crowds where subject_visit_id = ${marketVisit}::int8`);
    expect(stored).toEqual([{ people: null }]);
    const [shown] = (await listCrowds(f.h.db, f.province, { caseId: k.id })).rows;
    expect(shown).toMatchObject({ subjectVisitId: marketVisit, people: 4 });
    const kept = await queryRows<{ people: number | null }>(f.h.db, sql`select people from tracing_crowds where subject_visit_id = ${marketVisit}::int8`);
    expect(kept).toEqual([{ people: 4 }]);
  });

  it('dismisses a crowd without proposing anyone, and 0 turns crowds off', async () => {
    f = await casesFixture();
    await saveModifiedProfile(f, (r) => void (r.tracing.crowdSize = 2));
    const market = await venue(f);
    const [subject, a, b, c] = await peopleIn(f, 4);
    await visit(f, subject, market, at(1, 8), at(1, 9));
    for (const p of [a, b, c]) await visit(f, p, market, at(1, 8), at(1, 9));
    const k = await recentCase(f, subject, 3);
    const [crowd] = (await listCrowds(f.h.db, f.province, { caseId: k.id })).rows;
    const dismissed = await decideCrowd(f.h.db, f.province, crowd.id, { decision: 'dismiss', reason: 'Thông báo khẩn, xét nghiệm tại chợ' });
    expect(dismissed).toMatchObject({ proposed: 0, crowd: { status: 'dismissed' } });
    expect(await proposalsOf(f, subject)).toEqual([]);
    expect((await listCrowds(f.h.db, f.province, { caseId: k.id, status: 'dismissed' })).total).toBe(1);

    await saveModifiedProfile(f, (r) => void (r.tracing.crowdSize = 0));
    const [other] = await peopleIn(f, 1);
    await visit(f, other, market, at(1, 8), at(1, 9));
    await f.h.db.transaction((tx) => proposeForSubjects(tx, [other]));
    // `other` is not a case: nothing. The subject again, with crowds off: everyone, one by one.
    expect(await proposalsOf(f, other)).toEqual([]);
    await f.h.db.execute(sql`delete from tracing_crowds`);
    await f.h.db.transaction((tx) => proposeForSubjects(tx, [subject]));
    expect((await proposalsOf(f, subject)).map((r) => r.candidate_id).sort((x, y) => x - y)).toEqual([a, b, c, other].sort((x, y) => x - y));
    expect((await listCrowds(f.h.db, f.province, { caseId: k.id })).total).toBe(0);
  });

  it('proposes for many subjects in one statement, and two subjects who met get one proposal between them', async () => {
    f = await casesFixture();
    const market = await venue(f);
    const [s1, s2, a, b] = await peopleIn(f, 4);
    await visit(f, s1, market, at(1, 8), at(1, 9));
    await visit(f, s2, market, at(1, 8, 15), at(1, 9));
    await visit(f, a, market, at(1, 8, 30), at(1, 9));
    await visit(f, b, market, at(2, 8), at(2, 9));
    await visit(f, s2, market, at(2, 8), at(2, 9));
    const [c1, c2] = [await recentCase(f, s1, 3), await recentCase(f, s2, 3)];
    expect(c1.id).not.toBe(c2.id);
    const pairs = await queryRows<{ subject_id: number; candidate_id: number }>(
      f.h.db,
      sql`select subject_id::int, candidate_id::int from tracing_proposals order by subject_id, candidate_id`,
    );
    // s1 was confirmed first and proposed s2; s2's own run does not propose s1 back.
    expect(pairs).toEqual(
      [
        { subject_id: s1, candidate_id: s2 },
        { subject_id: s1, candidate_id: a },
        { subject_id: s2, candidate_id: a },
        { subject_id: s2, candidate_id: b },
      ].sort((x, y) => x.subject_id - y.subject_id || x.candidate_id - y.candidate_id),
    );
    // Both at once in a fresh run: the same pairs, and s1–s2 only once.
    await f.h.db.execute(sql`delete from tracing_proposals`);
    await f.h.db.transaction((tx) => proposeForSubjects(tx, [s1, s2]));
    const again = await queryRows<{ subject_id: number; candidate_id: number }>(
      f.h.db,
      sql`select subject_id::int, candidate_id::int from tracing_proposals order by subject_id, candidate_id`,
    );
    expect(again.filter((r) => [r.subject_id, r.candidate_id].sort().join() === [s1, s2].sort().join())).toHaveLength(1);
    expect(again).toHaveLength(4);
  });

  it('proposes a candidate of traced contacts once, whichever of them they met, and not again while it waits, except their household', async () => {
    f = await casesFixture();
    const shop = await venue(f, 'Cửa hàng Bãi Cháy');
    const office = await venue(f, 'Văn phòng Hồng Hà');
    const [f0, a, b, c, x] = await peopleIn(f, 5);
    for (const p of [f0, a, b, c]) await visit(f, p, shop, at(2, 8), at(2, 9));
    await recentCase(f, f0, 3);
    const pending = await proposalsOf(f, f0);
    const idOf = (p: number) => pending.find((r) => r.candidate_id === p)!.id;
    // a and b both met x at the office the next day, b for longer; c met x too.
    await visit(f, a, office, at(1, 8), at(1, 8, 30));
    await visit(f, b, office, at(1, 8), at(1, 10));
    await visit(f, c, office, at(1, 9), at(1, 10));
    await visit(f, x, office, at(1, 8), at(1, 10));

    await decideProposals(f.h.db, f.province, { decision: 'accept', ids: [idOf(a), idOf(b)] });
    const forX = await queryRows<{ subject_id: number }>(f.h.db, sql`select subject_id::int from tracing_proposals where candidate_id = ${x}::int8 and status = 'pending'`);
    expect(forX).toEqual([{ subject_id: b }]);

    // c met x too, and lives with them: the household is proposed (and accepted) all the same,
    // the office visit is not proposed again.
    await f.h.db.execute(sql`update people set address_line = 'Số 5 ngõ 12 Lê Thánh Tông', commune_id = (select commune_id from people where id = ${c}::int8) where id in (${c}::int8, ${x}::int8)`);
    await decideProposals(f.h.db, f.province, { decision: 'accept', ids: [idOf(c)] });
    const still = await queryRows<{ subject_id: number; setting: string; status: string }>(
      f.h.db,
      sql`select subject_id::int, setting, status from tracing_proposals where candidate_id = ${x}::int8 order by id`,
    );
    expect(still).toEqual([
      { subject_id: b, setting: 'venue', status: 'pending' },
      { subject_id: c, setting: 'household', status: 'accepted' },
    ]);
  });
});
