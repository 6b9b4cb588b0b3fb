import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import { purgeDeclarations, recordTriage, submitDeclaration } from './service.js';
import { countRows, declarationIn, declarationsDb } from './test-helpers.js';

describe('purge of old declarations', () => {
  let h: DbHandle;
  let units: UnitFixture;
  beforeAll(async () => {
    ({ h, units } = await declarationsDb());
  });
  afterAll(() => h.close());

  it('deletes declarations past the retention period with their triage actions and keeps daily counts', async () => {
    const officer = await actorFor(h.db, 'commune_officer', units.hongHa);
    // 2022-03-01 10:00 and 2022-03-02 06:00 in Vietnam; the profile in force keeps declarations 30 days.
    const day1 = new Date('2022-03-01T03:00:00Z');
    const day2 = new Date('2022-03-01T23:00:00Z');
    const sick = await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { symptoms: ['cough'] } }), { now: day1 });
    await submitDeclaration(h.db, declarationIn(units.hongHa, {}, { fullName: 'Hoàng Văn Nam', phone: '0966777888', sex: 'male', birthDate: '1999-09-09' }), { now: day1 });
    await submitDeclaration(h.db, declarationIn(units.hongHa), { now: day2 });
    const kept = await submitDeclaration(h.db, declarationIn(units.kaLong, {}, { fullName: 'Đặng Ngọc Mai', phone: '0955111000', birthDate: '1988-08-08' }), { now: new Date('2022-03-20T03:00:00Z') });
    await recordTriage(h.db, officer, sick.declarationId, { action: 'home_monitoring', outcome: 'Tự theo dõi 7 ngày' });

    const result = await purgeDeclarations(h.db, new Date('2022-04-05T00:00:00Z'));
    expect(result).toEqual({ deleted: 3, cutoff: '2022-03-06T00:00:00.000Z' });
    const left = await queryRows<{ id: number }>(h.db, sql`select id::int from declarations`);
    expect(left.map((r) => r.id)).toEqual([kept.declarationId]);
    expect(await countRows(h, 'declaration_triage_actions')).toBe(0);
    const stats = await queryRows<{ date: string; commune_id: number; kind: string; count: number; symptomatic_count: number }>(
      h.db,
      sql`select to_char(date, 'YYYY-MM-DD') as date, commune_id, kind, count, symptomatic_count from declaration_stats order by date`,
    );
    expect(stats).toEqual([
      { date: '2022-03-01', commune_id: units.hongHa, kind: 'health', count: 2, symptomatic_count: 1 },
      { date: '2022-03-02', commune_id: units.hongHa, kind: 'health', count: 1, symptomatic_count: 0 },
    ]);

    // Nothing more to purge the same day; a later run adds to the counts.
    expect((await purgeDeclarations(h.db, new Date('2022-04-05T00:00:00Z'))).deleted).toBe(0);
    expect((await purgeDeclarations(h.db, new Date('2022-04-30T00:00:00Z'))).deleted).toBe(1);
    expect(await countRows(h, 'declaration_stats')).toBe(3);
  });
});
