import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { casesFixture, levelsOf, peopleIn, type CasesFixture } from './test-helpers.js';
import { at, proposalsOf, recentCase, venue, visit } from './tracing-test-helpers.js';
import { decideProposals } from './decide.js';
import { proposeForSubjects } from './proposals.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

async function twoVisits() {
  f = await casesFixture();
  const market = await venue(f);
  const [subject, a, b, c, d] = await peopleIn(f, 5);
  const morning = await visit(f, subject, market, at(1, 8), at(1, 9));
  const evening = await visit(f, subject, market, at(1, 18), at(1, 19));
  for (const p of [a, b, c]) await visit(f, p, market, at(1, 8), at(1, 9));
  await visit(f, d, market, at(1, 18), at(1, 19));
  await recentCase(f, subject);
  return { subject, a, b, c, d, morning, evening };
}

describe('deciding tracing proposals', () => {
  it('accepts every pending proposal of one visit at once: exposures, levels and tasks in one go, audited', async () => {
    const { subject, a, b, c, d, morning } = await twoVisits();
    const res = await decideProposals(f.h.db, f.commune, { decision: 'accept', subjectVisitId: morning });
    expect(res).toEqual({ decided: 3, levelChanges: 3, tasksCreated: 9 });
    expect(await levelsOf(f, [subject, a, b, c, d])).toEqual([0, 1, 1, 1, null]);
    const rows = await proposalsOf(f, subject);
    expect(rows.map((r) => [r.candidate_id, r.status])).toEqual([
      [a, 'accepted'],
      [b, 'accepted'],
      [c, 'accepted'],
      [d, 'pending'],
    ]);
    const exposures = await queryRows<{ contact_id: number; origin: string; setting: string; place: string; venue_id: number; started_at: Date; ended_at: Date; evidence: Record<string, unknown> }>(
      f.h.db,
      sql`select contact_id::int, origin, setting, place, venue_id, started_at, ended_at, evidence from exposures where source_id = ${subject} order by contact_id`,
    );
    expect(exposures.map((e) => [e.contact_id, e.origin, e.setting, e.place])).toEqual([
      [a, 'proposal', 'venue', 'Chợ Hạ Long 1'],
      [b, 'proposal', 'venue', 'Chợ Hạ Long 1'],
      [c, 'proposal', 'venue', 'Chợ Hạ Long 1'],
    ]);
    expect([new Date(exposures[0].started_at).getTime(), new Date(exposures[0].ended_at).getTime()]).toEqual([at(1, 8).getTime(), at(1, 9).getTime()]);
    expect(exposures[0].evidence).toMatchObject({ proposalId: rows[0].id, venueName: 'Chợ Hạ Long 1' });
    // One audit row per decision on a person, naming the exposure it made (no second row for the exposure).
    const audited = await queryRows<{ person_id: number; details: { exposureId: number; sourceId: number; setting: string } }>(
      f.h.db,
      sql`select person_id::int, details from audit_log where entity = 'tracing_proposal' and action = 'update' order by person_id`,
    );
    expect(audited.map((r) => r.person_id)).toEqual([a, b, c]);
    const exposureIds = await queryRows<{ id: number }>(f.h.db, sql`select id::int from exposures where source_id = ${subject} order by contact_id`);
    expect(audited.map((r) => [r.details.exposureId, r.details.sourceId, r.details.setting])).toEqual(exposureIds.map((e) => [e.id, subject, 'venue']));
    const [{ n }] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'exposure' and person_id in (${a}, ${b}, ${c})`);
    expect(n).toBe(0);
  });

  it('rejects by id for good, lets a rejected one be accepted later, and refuses to reject an accepted one', async () => {
    const { subject, a, b } = await twoVisits();
    const [pa, pb] = await proposalsOf(f, subject);
    expect(await decideProposals(f.h.db, f.commune, { decision: 'reject', ids: [pa.id], reason: 'Đeo khẩu trang, cách xa' })).toEqual({ decided: 1, levelChanges: 0, tasksCreated: 0 });
    // Tracing again does not bring it back.
    expect(await f.h.db.transaction((tx) => proposeForSubjects(tx, [subject]))).toEqual([]);
    expect((await proposalsOf(f, subject)).find((p) => p.id === pa.id)?.status).toBe('rejected');
    // A tracer changing their mind.
    expect(await decideProposals(f.h.db, f.commune, { decision: 'accept', ids: [pa.id, pb.id] })).toMatchObject({ decided: 2, levelChanges: 2 });
    expect(await levelsOf(f, [a, b])).toEqual([1, 1]);
    const err = await refusal(decideProposals(f.h.db, f.commune, { decision: 'reject', ids: [pa.id] }));
    expect([err.code, err.messageKey, err.field]).toEqual(['conflict', 'tracing.errors.proposal_accepted', 'ids']);
  });

  it('finds nothing outside the jurisdiction and changes nothing when one id is unknown', async () => {
    const { subject, morning } = await twoVisits();
    const ids = (await proposalsOf(f, subject)).map((p) => p.id);
    const other = await refusal(decideProposals(f.h.db, f.otherCommune, { decision: 'accept', ids }));
    expect([other.code, other.messageKey, other.field]).toEqual(['not_found', 'tracing.errors.proposal_unknown', 'ids']);
    const visitOther = await refusal(decideProposals(f.h.db, f.otherCommune, { decision: 'accept', subjectVisitId: morning }));
    expect([visitOther.code, visitOther.field]).toEqual(['not_found', 'subjectVisitId']);
    const unknown = await refusal(decideProposals(f.h.db, f.commune, { decision: 'accept', ids: [ids[0], 999_999] }));
    expect(unknown.code).toBe('not_found');
    expect((await proposalsOf(f, subject)).every((p) => p.status === 'pending')).toBe(true);
    const empty = await refusal(decideProposals(f.h.db, f.commune, { decision: 'accept', ids: [] }));
    expect([empty.messageKey, empty.field]).toEqual(['cases.errors.nothing_to_decide', 'ids']);
    const community = await refusal(decideProposals(f.h.db, { ...f.commune, role: 'community_member' }, { decision: 'accept', ids }));
    expect(community.code).toBe('forbidden');
  });

  it('accepts every pending proposal of a set of cases, then every one of the contacts traced from them', async () => {
    const { subject, a, b, c, d } = await twoVisits();
    const office = await venue(f, 'Văn phòng Hồng Hà');
    const [x] = await peopleIn(f, 1);
    // Yesterday evening, after a met the subject: today's early hours are still ahead just after midnight.
    await visit(f, a, office, at(1, 21), at(1, 22));
    await visit(f, x, office, at(1, 21), at(1, 22));
    const [k] = await queryRows<{ id: number }>(f.h.db, sql`select id::int from cases where person_id = ${subject}::int8`);

    const cases = await decideProposals(f.h.db, f.commune, { decision: 'accept', caseIds: [k.id] });
    expect(cases.decided).toBe(4);
    expect(await levelsOf(f, [subject, a, b, c, d, x])).toEqual([0, 1, 1, 1, 1, null]);
    // a's colleague x was proposed by the follow-up, and is accepted with the contacts' proposals.
    const contacts = await decideProposals(f.h.db, f.commune, { decision: 'accept', caseIds: [k.id], subjects: 'contacts' });
    expect(contacts.decided).toBe(1);
    expect(await levelsOf(f, [x])).toEqual([2]);
    await expect(decideProposals(f.h.db, f.commune, { decision: 'accept', caseIds: [k.id], subjects: 'contacts' })).rejects.toMatchObject({ code: 'not_found', field: 'caseIds' });
    await expect(decideProposals(f.h.db, f.commune, { decision: 'accept', caseIds: [k.id], subjects: 'others' as 'cases' })).rejects.toMatchObject({ field: 'subjects' });
  });
});
