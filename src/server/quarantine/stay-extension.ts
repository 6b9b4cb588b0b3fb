// A positive test during quarantine: the person and everyone sharing their room start a new
// period from the day of the positive sample (the profile's days for their rule), with the
// rule's test days laid again from that day; tests of the old plan still open after it are
// cancelled. The commune of the positive person hears of it through the outbox.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { getProfile } from '../profiles/service.js';
import { communeRecipient, enqueue } from '../cases/outbox.js';
import { formatDate } from '../../shared/vn/dates.js';
import { stayEvents, stays, stayTests, type StayRow } from './schema.js';
import { addDays, dayNumberOn, lastDay, planOfStay } from './stay-rules.js';

export interface Extension {
  stayId: number;
  from: string;
  to: string;
}

export async function extendAfterPositive(tx: DbOrTx, actor: Actor, positive: StayRow, stayTestId: number, sampleDay: string): Promise<Extension[]> {
  const roommates =
    positive.kind === 'quarantine' && positive.roomId !== null
      ? await tx.select().from(stays).where(and(eq(stays.roomId, positive.roomId), eq(stays.status, 'active'), sql`${stays.id} <> ${positive.id}`)).for('update')
      : [];
  const out: Extension[] = [];
  const profiles = new Map<number, Awaited<ReturnType<typeof getProfile>>>();
  for (const stay of [positive, ...roommates]) {
    if (!profiles.has(stay.profileId)) profiles.set(stay.profileId, await getProfile(tx, stay.profileId));
    const plan = planOfStay(profiles.get(stay.profileId)!.rules, stay);
    const until = lastDay(sampleDay, plan.days);
    if (until <= stay.plannedUntil) continue;
    const offset = dayNumberOn(stay.admissionDay, sampleDay) - 1;
    const newDays = plan.testDays.map((d) => offset + d);
    await tx.update(stays).set({ plannedUntil: until }).where(eq(stays.id, stay.id));
    await tx
      .update(stayTests)
      .set({ status: 'cancelled' })
      .where(and(eq(stayTests.stayId, stay.id), eq(stayTests.status, 'open'), gt(stayTests.dueOn, sampleDay), newDays.length ? sql`${stayTests.dayNumber} <> all(${`{${newDays.join(',')}}`}::int[])` : sql`true`));
    if (newDays.length) {
      await tx
        .insert(stayTests)
        .values(newDays.map((d) => ({ stayId: stay.id, dayNumber: d, dueOn: addDays(stay.admissionDay, d - 1) })))
        .onConflictDoUpdate({ target: [stayTests.stayId, stayTests.dayNumber], set: { status: sql`case when ${stayTests.status} = 'cancelled' then 'open' else ${stayTests.status} end` } });
    }
    await tx.insert(stayEvents).values({
      stayId: stay.id,
      kind: 'extended',
      by: actor.accountId,
      params: { reason: stay.id === positive.id ? 'own_positive_test' : 'roommate_positive_test', sourceStayId: positive.id, stayTestId, from: stay.plannedUntil, to: until },
    });
    out.push({ stayId: stay.id, from: stay.plannedUntil, to: until });
  }
  const [facility] = positive.facilityId === null ? [] : await queryRows<{ name: string }>(tx, sql`select name from facilities where id = ${positive.facilityId}`);
  await enqueue(tx, [
    {
      channel: 'log',
      recipient: communeRecipient(positive.communeId),
      template: 'quarantine.notify.positive_in_stay',
      params: { stayId: positive.id, facility: facility?.name ?? '', sampleDay: formatDate(sampleDay), extended: out.length },
    },
  ]);
  return out;
}
