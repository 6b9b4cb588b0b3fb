import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { mergePeople } from '../people/service.js';
import { currentLevels } from './service.js';
import { casesFixture, changesOf, confirmCase, expose, levelsOf, peopleIn, type CasesFixture } from './test-helpers.js';
import { proposalsOf, tasksOf } from './tracing-test-helpers.js';

const REASON = 'Cùng một người, đăng ký hai lần';

describe('merging two records of one person moves their tracing to the person kept', () => {
  let f: CasesFixture;
  beforeEach(async () => {
    f = await casesFixture();
  }, 60_000);
  afterEach(() => f.h.close());

  const merge = (keepId: number, mergeId: number) => mergePeople(f.h.db, f.province, { keepId, mergeId, reason: REASON });
  const exposuresOf = (id: number) =>
    queryRows<{ id: number; source_id: number; contact_id: number; removed_reason: string | null; evidence: Record<string, unknown> }>(
      f.h.db,
      sql`select id::int, source_id::int, contact_id::int, removed_reason, evidence from exposures where ${id}::int8 in (source_id, contact_id) order by id`,
    );

  it('a contact recorded under one record and a case confirmed under the other: the case reaches the contacts', async () => {
    // Registered at a checkpoint (kept) and, before that, named in a household contact list (merged).
    const [kept, merged, sister, colleague] = await peopleIn(f, 4);
    await expose(f, [[merged, sister]]);
    const c = await confirmCase(f, kept);
    await expose(f, [[kept, colleague]]);
    expect(await levelsOf(f, [kept, merged, sister, colleague])).toEqual([0, null, null, 1]);

    await merge(kept, merged);
    expect(await levelsOf(f, [kept, merged, sister, colleague])).toEqual([0, null, 1, 1]);
    const [moved] = await exposuresOf(sister);
    expect(moved).toMatchObject({ source_id: kept, contact_id: sister, removed_reason: null, evidence: { mergedFrom: merged } });
    expect((await currentLevels(f.h.db, [sister])).get(sister)).toMatchObject({ rootCaseId: c.id, viaPersonId: kept });
    expect((await changesOf(f, sister)).at(-1)).toMatchObject({ from_level: null, to_level: 1, reason: 'contact_of', case_id: c.id });
    expect((await tasksOf(f, sister)).map((t) => [t.level, t.status])).toContainEqual([1, 'open']);
  });

  it("the merged record's case and level move to the person kept, each move saying why; its tasks follow without doubling", async () => {
    const [source, kept, merged, child] = await peopleIn(f, 4);
    const c = await confirmCase(f, source);
    // Both records were traced as the source's F1: the kept one twice over the same kind of task.
    await expose(f, [
      [source, kept],
      [source, merged],
      [merged, child],
    ]);
    const keptTasks = await tasksOf(f, kept);
    const mergedTasks = await tasksOf(f, merged);
    expect(keptTasks.length).toBeGreaterThan(0);
    expect(await levelsOf(f, [kept, merged, child])).toEqual([1, 1, 2]);

    await merge(kept, merged);
    expect(await levelsOf(f, [kept, merged, child])).toEqual([1, null, 2]);
    expect((await currentLevels(f.h.db, [child])).get(child)).toMatchObject({ rootCaseId: c.id, viaPersonId: kept });
    expect((await changesOf(f, merged)).at(-1)).toMatchObject({ from_level: 1, to_level: null, reason: 'merged' });
    // The source's exposure to the merged record duplicated the kept one's only if they started together; here both stand.
    expect((await exposuresOf(merged)).every((e) => e.source_id !== merged && e.contact_id !== merged)).toBe(true);
    // One open task per kind, the kept person's own; the merged record's doubles are cancelled and kept as history.
    const after = await tasksOf(f, kept);
    const open = after.filter((t) => t.status === 'open');
    expect(open.map((t) => t.id).sort()).toEqual(keptTasks.map((t) => t.id).sort());
    expect(after.filter((t) => t.status === 'cancelled').map((t) => t.id).sort()).toEqual(mergedTasks.map((t) => t.id).sort());
    expect(await tasksOf(f, merged)).toEqual([]);
  });

  it("moves an open case from the merged record and drops the exposure between the two records", async () => {
    const [kept, merged, neighbour] = await peopleIn(f, 3);
    const c = await confirmCase(f, merged);
    await expose(f, [
      [merged, kept],
      [merged, neighbour],
    ]);
    expect(await levelsOf(f, [kept, merged, neighbour])).toEqual([1, 0, 1]);

    await merge(kept, merged);
    const [row] = await queryRows<{ person_id: number }>(f.h.db, sql`select person_id::int from cases where id = ${c.id}`);
    expect(row.person_id).toBe(kept);
    expect(await levelsOf(f, [kept, merged, neighbour])).toEqual([0, null, 1]);
    expect((await changesOf(f, kept)).at(-1)).toMatchObject({ from_level: 1, to_level: 0, reason: 'merged', case_id: c.id });
    const between = (await exposuresOf(kept)).find((e) => e.removed_reason !== null);
    expect(between).toMatchObject({ removed_reason: REASON });
    // A case keeps no contact task.
    expect((await tasksOf(f, kept)).filter((t) => t.status === 'open')).toEqual([]);
    const [entry] = await queryRows<{ details: Record<string, unknown> }>(f.h.db, sql`select details from audit_log where entity = 'person_tracing' and person_id = ${kept}`);
    expect(entry.details).toMatchObject({ mergedId: merged, cases: [c.id], exposuresRemoved: [between!.id] });
  });

  it('refuses to merge two records that both have an open case, and stores nothing of the merge', async () => {
    const [kept, merged] = await peopleIn(f, 2);
    await confirmCase(f, kept);
    await confirmCase(f, merged);
    const err = await refusal(merge(kept, merged));
    expect([err.status, err.field, err.messageKey]).toEqual([409, 'mergeId', 'cases.errors.merge_two_cases']);
    const [row] = await queryRows<{ merged_into: number | null }>(f.h.db, sql`select merged_into::int from people where id = ${merged}`);
    expect(row.merged_into).toBeNull();
    expect(await levelsOf(f, [kept, merged])).toEqual([0, 0]);
  });

  it('pending proposals follow the person; one between the two records or already made for the kept person is dropped', async () => {
    const [subject, kept, merged, other] = await peopleIn(f, 4);
    await confirmCase(f, subject);
    await f.h.db.execute(sql`
      insert into tracing_proposals (subject_id, candidate_id, setting, evidence) values
        (${subject}, ${kept}, 'other', '{}'), (${subject}, ${merged}, 'other', '{}'), (${merged}, ${other}, 'other', '{}'), (${kept}, ${merged}, 'other', '{}')`);
    await merge(kept, merged);
    expect((await proposalsOf(f, subject)).map((p) => p.candidate_id)).toEqual([kept]);
    expect((await proposalsOf(f, kept)).map((p) => p.candidate_id)).toEqual([other]);
    expect(await proposalsOf(f, merged)).toEqual([]);
  });
});
