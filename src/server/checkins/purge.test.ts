import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { purgeCheckins } from './service.js';
import { checkinCount, checkinFixture, type CheckinFixture } from './test-helpers.js';

describe('purge of check-ins', () => {
  let f: CheckinFixture;
  beforeAll(async () => {
    f = await checkinFixture(1);
  });
  afterAll(() => f.h.close());

  it('deletes check-ins older than the retention period in batches, keeping daily counts per venue', async () => {
    const now = new Date('2021-10-30T03:00:00Z');
    // 45 days old, 40 days old (three visits: 08:00 and 10:00 on the 20th, 00:30 on the 21st in Vietnam) and 10 days old.
    const rows = [
      ['2021-09-15T02:00:00Z', f.local[0].id],
      ['2021-09-20T01:00:00Z', f.local[0].id],
      ['2021-09-20T17:30:00Z', f.outside[0].id],
      ['2021-09-20T03:00:00Z', f.outside[0].id],
      ['2021-10-20T03:00:00Z', f.outside[0].id],
    ] as const;
    for (const [at, personId] of rows) {
      await f.h.db.execute(sql`insert into checkins (person_id, checked_in_at, venue_id, commune_id, source) values (${personId}, ${at}::timestamptz, ${f.venueId}, ${f.units.hongHa}, 1)`);
    }
    const result = await purgeCheckins(f.h.db, now, 2);
    expect(result).toMatchObject({ retentionDays: 30, deleted: 4, batches: 3 });
    expect(await checkinCount(f.h)).toBe(1);
    const stats = await queryRows<{ day: string; visits: number }>(f.h.db, sql`select day::text as day, visits from checkin_stats order by day`);
    expect(stats).toEqual([
      { day: '2021-09-15', visits: 1 },
      { day: '2021-09-20', visits: 2 },
      { day: '2021-09-21', visits: 1 },
    ]);
    expect((await purgeCheckins(f.h.db, now)).deleted).toBe(0);
  });
});
