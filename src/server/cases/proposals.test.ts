import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { casesFixture, expose, peopleIn, saveModifiedProfile, type CasesFixture } from './test-helpers.js';
import { at, proposalsOf, recentCase, trip, venue, visit, dayBefore } from './tracing-test-helpers.js';
import { listProposals, proposeForSubjects } from './proposals.js';
import { runTracing } from './proposals-run.js';
import { subjectWindows, tracingRules } from './proposals-window.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

describe('tracing proposals', () => {
  it('proposes the venue visitors whose presence overlaps the case by the profile minutes, once', async () => {
    f = await casesFixture();
    const market = await venue(f);
    const shop = await venue(f, 'Cửa hàng Bãi Cháy');
    const [subject, a, b, c, d, e, g, old] = await peopleIn(f, 8);
    const subjectVisit = await visit(f, subject, market, at(1, 8), at(1, 9));
    await visit(f, a, market, at(1, 8, 30), at(1, 8, 50)); // 20 min together
    await visit(f, b, market, at(1, 8, 50), at(1, 9, 30)); // 10 min: below 15
    await visit(f, c, market, at(1, 7, 30)); // no check-out: assumed 60 min, 30 together
    await visit(f, d, market, at(1, 6)); // gone at 7:00
    await visit(f, e, shop, at(1, 8), at(1, 9)); // another venue
    await visit(f, g, market, at(1, 1), at(1, 10)); // a long shift covering the whole visit
    await visit(f, subject, market, at(9, 8), at(9, 9)); // before the infectious window
    await visit(f, old, market, at(9, 8), at(9, 9));

    await recentCase(f, subject, 3);
    const rows = await proposalsOf(f, subject);
    expect(rows.map((r) => [r.candidate_id, r.setting, r.subject_visit_id, r.overlap_minutes])).toEqual([
      [a, 'venue', subjectVisit, 20],
      [c, 'venue', subjectVisit, 30],
      [g, 'venue', subjectVisit, 60],
    ]);
    expect(rows[1].evidence).toMatchObject({ venueName: 'Chợ Hạ Long 1', candidateOut: null, assumedStayMinutes: 60 });
    expect(new Date(rows[0].evidence.subjectIn as string).getTime()).toBe(at(1, 8).getTime());
    expect(new Date(rows[0].evidence.candidateIn as string).getTime()).toBe(at(1, 8, 30).getTime());

    // Re-running proposes nothing new.
    expect(await runTracing(f.h.db, f.commune, (await caseIdOf(subject))!)).toEqual({ proposed: 0, autoAccepted: 0 });
    expect(await proposalsOf(f, subject)).toHaveLength(3);
  });

  it('does not propose a record merged into another', async () => {
    f = await casesFixture();
    const market = await venue(f);
    const [subject, kept, merged] = await peopleIn(f, 3);
    await visit(f, subject, market, at(1, 8), at(1, 9));
    await visit(f, kept, market, at(1, 8), at(1, 9));
    await visit(f, merged, market, at(1, 8), at(1, 9));
    await f.h.db.execute(sql`update people set merged_into = ${kept} where id = ${merged}`);
    await recentCase(f, subject);
    expect((await proposalsOf(f, subject)).map((r) => r.candidate_id)).toEqual([kept]);
  });

  it("follows merges: the subject's visits and trips under its merged records, a candidate seen under a merged record proposed as the person kept", async () => {
    f = await casesFixture();
    const market = await venue(f);
    const shop = await venue(f, 'Cửa hàng Bãi Cháy');
    const [subject, subjectOld, a, kept, middle, oldest, traveller, travellerOld, selfCopy] = await peopleIn(f, 9);
    // The subject declared once before under another record, merged since.
    const oldVisit = await visit(f, subjectOld, market, at(1, 8), at(1, 9));
    await visit(f, a, market, at(1, 8, 30), at(1, 8, 50));
    // A chain of merges: oldest into middle, middle into kept; the shop saw the oldest record.
    const shopVisit = await visit(f, subject, shop, at(1, 10), at(1, 11));
    await visit(f, oldest, shop, at(1, 10), at(1, 11));
    // The subject's third record at the same shop is the subject, never their own contact; its
    // check-in is a visit of the subject's like any other.
    const copyVisit = await visit(f, selfCopy, shop, at(1, 10), at(1, 11));
    const day = dayBefore(1);
    const oldTrip = await trip(f, subjectOld, '14B-123.45', day, 'A05');
    await trip(f, travellerOld, '14B-123.45', day, 'A06');
    for (const [merged, into] of [
      [subjectOld, subject],
      [selfCopy, subject],
      [oldest, middle],
      [middle, kept],
      [travellerOld, traveller],
    ]) {
      await f.h.db.execute(sql`update people set merged_into = ${into} where id = ${merged}`);
    }

    await recentCase(f, subject, 3);
    expect((await proposalsOf(f, subject)).map((r) => [r.candidate_id, r.setting, r.subject_visit_id])).toEqual([
      [a, 'venue', oldVisit],
      [kept, 'venue', shopVisit],
      [kept, 'venue', copyVisit],
      [traveller, 'vehicle', oldTrip],
    ]);
  });

  it('follows the profile overlap minutes', async () => {
    f = await casesFixture();
    await saveModifiedProfile(f, (r) => {
      r.tracing.venueOverlapMinutes = 5;
      r.tracing.assumedStayMinutes = 120;
    });
    const market = await venue(f);
    const [subject, b, d] = await peopleIn(f, 3);
    await visit(f, subject, market, at(1, 8), at(1, 9));
    await visit(f, b, market, at(1, 8, 50), at(1, 9, 30)); // 10 min ≥ 5
    await visit(f, d, market, at(1, 6)); // assumed until 8:00: no overlap
    await recentCase(f, subject);
    expect((await proposalsOf(f, subject)).map((r) => r.candidate_id)).toEqual([b]);
  });

  it('proposes the household (same commune and address) and auto-accepts it when the profile says so', async () => {
    f = await casesFixture();
    const [subject, home1] = await peopleIn(f, 2, { addressLine: 'Số 5 ngõ 12 Lê Thánh Tông' });
    const [elsewhere] = await peopleIn(f, 1, { addressLine: 'Số 5 ngõ 12 Lê Thánh Tông', communeId: f.units.baiChay });
    await peopleIn(f, 2); // no address: never a household
    await recentCase(f, subject);
    const rows = await proposalsOf(f, subject);
    expect(rows.map((r) => [r.candidate_id, r.setting, r.status])).toEqual([[home1, 'household', 'accepted']]);
    expect(rows[0].evidence).toMatchObject({ addressLine: 'Số 5 ngõ 12 Lê Thánh Tông', communeId: f.units.hongHa });
    const [exp] = await queryRows<{ origin: string; contact_id: number }>(f.h.db, sql`select origin, contact_id::int from exposures where source_id = ${subject}`);
    expect(exp).toEqual({ origin: 'proposal', contact_id: home1 });
    expect(elsewhere).toBeGreaterThan(0);
  });

  it('leaves household proposals pending without auto-accept', async () => {
    f = await casesFixture();
    await saveModifiedProfile(f, (r) => void (r.tracing.autoAcceptHousehold = false));
    const [subject, home1, home2] = await peopleIn(f, 3, { addressLine: 'Thôn 3' });
    await recentCase(f, subject);
    expect((await proposalsOf(f, subject)).map((r) => [r.candidate_id, r.status])).toEqual([
      [home1, 'pending'],
      [home2, 'pending'],
    ]);
  });

  it('proposes fellow travellers of the same vehicle and day, with both seats', async () => {
    f = await casesFixture();
    const [subject, same, otherDay, otherBus] = await peopleIn(f, 4);
    const day = dayBefore(1);
    const subjectTrip = await trip(f, subject, '14B-123.45', day, 'A05');
    await trip(f, same, '14b 12345', day, 'A06');
    await trip(f, otherDay, '14B-123.45', dayBefore(7), 'A06');
    await trip(f, otherBus, '14B-999.99', day, 'A07');
    await recentCase(f, subject);
    const rows = await proposalsOf(f, subject);
    expect(rows.map((r) => [r.candidate_id, r.setting, r.subject_visit_id])).toEqual([[same, 'vehicle', subjectTrip]]);
    expect(rows[0].evidence).toMatchObject({ vehicleNumber: '14B-123.45', departureDate: day, subjectSeat: 'A05', candidateSeat: 'A06' });
  });

  it('skips candidates already exposed to the subject, either way', async () => {
    f = await casesFixture();
    const market = await venue(f);
    const [subject, known, knownOther, fresh] = await peopleIn(f, 4);
    await visit(f, subject, market, at(1, 8), at(1, 9));
    for (const p of [known, knownOther, fresh]) await visit(f, p, market, at(1, 8), at(1, 9));
    await expose(f, [[subject, known]], { setting: 'workplace' });
    await expose(f, [[knownOther, subject]], { setting: 'workplace' });
    await recentCase(f, subject);
    expect((await proposalsOf(f, subject)).map((r) => r.candidate_id)).toEqual([fresh]);
  });

  it('traces an F1 from their exposure until their quarantine, not before', async () => {
    f = await casesFixture();
    await saveModifiedProfile(f, (r) => void (r.tracing.autoAcceptHousehold = false));
    const market = await venue(f);
    const cafe = await venue(f, 'Quán cà phê Hồng Hà');
    const [subject, f1, before, after, late] = await peopleIn(f, 5);
    await visit(f, subject, market, at(1, 8), at(1, 9));
    await visit(f, f1, market, at(1, 8), at(1, 9));
    await visit(f, f1, cafe, at(2, 10), at(2, 11)); // before the exposure
    await visit(f, before, cafe, at(2, 10), at(2, 11));
    await visit(f, f1, cafe, at(1, 15), at(1, 16)); // after it
    await visit(f, after, cafe, at(1, 15), at(1, 16));
    await recentCase(f, subject);
    const [p] = await proposalsOf(f, subject);
    await f.h.db.transaction(async (tx) => {
      const { acceptProposals } = await import('./decide.js');
      await acceptProposals(tx, f.province, [p.id]);
    });
    expect((await proposalsOf(f, f1)).map((r) => r.candidate_id)).toEqual([after]);

    // Quarantine done: later visits are no longer traced.
    await f.h.db.execute(sql`update tracing_tasks set status = 'done', done_at = ${at(1, 20).toISOString()}::timestamptz where person_id = ${f1} and kind = 'quarantine'`);
    const rules = await tracingRules(f.h.db);
    const [w] = await subjectWindows(f.h.db, [f1], rules);
    expect([w.level, w.from.getTime(), w.to.getTime()]).toEqual([1, at(1, 8).getTime(), at(1, 20).getTime()]);
    await visit(f, f1, cafe, at(1, 21), at(1, 22));
    await visit(f, late, cafe, at(1, 21), at(1, 22));
    expect(await f.h.db.transaction((tx) => proposeForSubjects(tx, [f1]))).toEqual([]);
    expect(before).toBeGreaterThan(0);
  });

  it('does not propose contacts of one visit to each other, but keeps a second case’s shared contacts', async () => {
    f = await casesFixture();
    const market = await venue(f);
    const [subject, a, b, c, second] = await peopleIn(f, 5);
    for (const p of [subject, a, b, c]) await visit(f, p, market, at(1, 8), at(1, 9));
    await recentCase(f, subject);
    const { decideProposals } = await import('./decide.js');
    const visitId = (await proposalsOf(f, subject))[0].subject_visit_id!;
    await decideProposals(f.h.db, f.commune, { decision: 'accept', subjectVisitId: visitId });
    // a, b and c are F1 already: none is proposed as the others' F2.
    for (const p of [a, b, c]) expect(await proposalsOf(f, p)).toEqual([]);
    // Another case who met a that afternoon: a is proposed again, linking the two cases.
    await visit(f, second, market, at(1, 14), at(1, 15));
    await visit(f, a, market, at(1, 14), at(1, 15));
    await recentCase(f, second);
    expect((await proposalsOf(f, second)).map((r) => r.candidate_id)).toEqual([a]);
  });

  it('lists proposals of the jurisdiction, counting outside candidates without naming them', async () => {
    f = await casesFixture();
    const market = await venue(f);
    const [subject, local] = await peopleIn(f, 2);
    const [outsider] = await peopleIn(f, 1, { communeId: f.units.kaLong, name: 'Trần Thị' });
    await visit(f, subject, market, at(1, 8), at(1, 9));
    await visit(f, local, market, at(1, 8), at(1, 9));
    await visit(f, outsider, market, at(1, 8), at(1, 9));
    const kase = await recentCase(f, subject);
    const list = await listProposals(f.h.db, f.commune, { caseId: kase.id });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.candidateId, r.candidate?.id ?? null, r.setting, r.subject.level])).toEqual([
      [local, local, 'venue', 0],
      [outsider, null, 'venue', 0],
    ]);
    expect(list.rows[0].venue).toEqual({ id: market, name: 'Chợ Hạ Long 1' });
    const wide = await listProposals(f.h.db, f.province, { subjectId: subject });
    expect(wide.rows.map((r) => r.candidate?.id)).toEqual([local, outsider]);
    // The other commune sees neither the case's proposals nor the case.
    expect((await listProposals(f.h.db, f.otherCommune, {})).total).toBe(0);
    const audits = await queryRows<{ person_id: number }>(f.h.db, sql`select person_id::int from audit_log where entity = 'tracing_proposal' and action = 'read' and username = ${f.commune.username}`);
    expect(audits.map((r) => r.person_id)).toEqual([local]);
  });
});

async function caseIdOf(personId: number): Promise<number | undefined> {
  const [r] = await queryRows<{ id: number }>(f.h.db, sql`select id::int from cases where person_id = ${personId}`);
  return r?.id;
}
