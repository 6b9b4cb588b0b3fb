// The missed-reports job: after each Vietnam day, every home stay that was at home all that day
// and reported fewer times than its profile's treatment.monitoring.timesPerDay is recorded
// (stay_events 'report_missed') and its commune team alerted through the outbox. The event's
// unique index on (stay, day) makes it once per stay and day however often the job runs.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import { communeRecipient, enqueue } from '../cases/outbox.js';
import { formatDate, todayInVietnam } from '../../shared/vn/dates.js';
import { rulesByProfile } from './home.js';

export const MISSED_TEMPLATE = 'quarantineMonitoring.notify.report_missed';

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export async function alertMissedReports(db: Db, now = new Date()): Promise<{ day: string; missed: number }> {
  const day = previousDay(todayInVietnam(now));
  return db.transaction(async (tx) => {
    const profiles = await queryRows<{ profile_id: number }>(
      tx,
      sql`select distinct profile_id from stays where place = 'home' and status = 'active' and admission_day < ${day}::date`,
    );
    const rules = await rulesByProfile(tx, profiles.map((p) => p.profile_id));
    const expected = JSON.stringify(Object.fromEntries([...rules].map(([id, r]) => [id, r.treatment.monitoring.timesPerDay])));
    const missed = await queryRows<{ stay_id: number; person_id: number; commune_id: number; expected: number; done: number }>(
      tx,
      sql`with due as (
            select s.id, s.person_id, s.commune_id, (${expected}::jsonb ->> s.profile_id::text)::int as expected,
                   (select count(*)::int from health_checks h
                     where h.stay_id = s.id and h.at >= (${day}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
                       and h.at < (${day}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh') as done
              from stays s
             where s.place = 'home' and s.status = 'active' and s.admission_day < ${day}::date
          ), marked as (
            insert into stay_events (stay_id, kind, at, params)
            select id, 'report_missed', ${now.toISOString()}::timestamptz, jsonb_build_object('day', ${day}::text, 'expected', expected, 'done', done)
              from due where done < expected
            on conflict (stay_id, (params ->> 'day')) where kind = 'report_missed' do nothing
            returning stay_id
          )
          select d.id::int as stay_id, d.person_id::int, d.commune_id, d.expected, d.done
            from marked m join due d on d.id = m.stay_id order by d.id`,
    );
    await enqueue(
      tx,
      missed.map((m) => ({
        channel: 'log' as const,
        recipient: communeRecipient(m.commune_id),
        template: MISSED_TEMPLATE,
        params: { stayId: m.stay_id, personId: m.person_id, day: formatDate(day), expected: m.expected, done: m.done },
      })),
    );
    return { day, missed: missed.length };
  });
}
