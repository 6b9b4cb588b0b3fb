// Discharge: allowed once the period has passed and the required tests are done negative (for
// treatment, the profile's release rule); otherwise refused with the reason. It numbers the
// completion certificate and hands the person over to their commune for the rule's
// self-monitoring days: a stay event and a notice through the outbox.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { getProfile } from '../profiles/service.js';
import { communeRecipient, enqueue } from '../cases/outbox.js';
import { formatDate, todayInVietnam } from '../../shared/vn/dates.js';
import { dischargeBody, type StayDetail } from '../../shared/api/quarantine.js';
import { stayEvents, stays } from './schema.js';
import { stayDetailOf, visibleStay } from './stays.js';
import { testsOf } from './stay-views.js';
import { dischargeBlocks } from './discharge-rules.js';
import { addDays, planOfStay } from './stay-rules.js';

/** "12/GXN-KCL-BC": the stay number, then the facility's code (home stays: the commune's). */
const certificateNumber = (stayId: number, facilityCode: string | null) => `${stayId}/GXN-${facilityCode ?? 'TAINHA'}`;

export async function dischargeStay(db: Db, actor: Actor, stayId: number, raw: unknown, now = new Date()): Promise<StayDetail> {
  requirePermission(actor, 'quarantine.admit');
  const body = parseInput(dischargeBody, raw);
  const at = body.at ? new Date(body.at) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) throw invalid('at', 'quarantine.errors.time_future');
  const day = todayInVietnam(at);
  return db.transaction(async (tx) => {
    const stay = await visibleStay(tx, actor, stayId, { lock: true });
    const blocks = dischargeBlocks(stay, await testsOf(tx, stay.id), day);
    if (blocks.length) {
      const b = blocks[0];
      const field = b.code === 'period_not_over' ? 'at' : b.code === 'not_active' ? 'stayId' : 'tests';
      throw new AppError('conflict', `quarantine.discharge.${b.code}`, { dayNumber: b.dayNumber ?? '', plannedUntil: formatDate(stay.plannedUntil) }, field);
    }
    const plan = planOfStay((await getProfile(tx, stay.profileId)).rules, stay);
    const [facility] = stay.facilityId === null ? [] : await queryRows<{ code: string; name: string }>(tx, sql`select code, name from facilities where id = ${stay.facilityId}`);
    const number = certificateNumber(stay.id, facility?.code ?? null);
    await tx.update(stays).set({ status: 'discharged', dischargedAt: at, certificateNumber: number }).where(eq(stays.id, stay.id));
    const monitorUntil = plan.monitoringDays > 0 ? addDays(day, plan.monitoringDays) : null;
    await tx.insert(stayEvents).values([
      { stayId: stay.id, kind: 'discharged', at, by: actor.accountId, params: { certificateNumber: number, note: body.note } },
      { stayId: stay.id, kind: 'handed_over', at, by: actor.accountId, params: { communeId: stay.communeId, monitoringDays: plan.monitoringDays, monitorUntil } },
    ]);
    await enqueue(tx, [
      {
        channel: 'log',
        recipient: communeRecipient(stay.communeId),
        template: monitorUntil ? 'quarantine.notify.handed_over' : 'quarantine.notify.released',
        params: { stayId: stay.id, facility: facility?.name ?? '', dischargedOn: formatDate(day), monitoringDays: plan.monitoringDays, monitorUntil: monitorUntil ? formatDate(monitorUntil) : '' },
      },
    ]);
    await audit.record(tx, actor, { action: 'update', entity: 'stay', entityId: stay.id, personId: stay.personId, details: { discharged: day, certificateNumber: number } });
    return stayDetailOf(tx, actor, await visibleStay(tx, actor, stay.id), todayInVietnam(now));
  });
}
