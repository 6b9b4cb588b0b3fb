// Plan targets: how many people a unit (province, district or commune) must be able to hold in
// quarantine or in treatment, entered per unit by the officials who manage facilities. Each change
// is audited with the value it replaced.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import { requirePermission, unitInJurisdiction, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { unitChain } from '../geo/service.js';
import { parseInput } from '../people/validate.js';
import { capacityTargetInput, type CapacityTargetInput } from '../../shared/api/quarantine-monitoring.js';
import { E } from './monitoring-access.js';

export async function setCapacityTarget(db: Db, actor: Actor, raw: CapacityTargetInput, now = new Date()) {
  requirePermission(actor, 'quarantine.manage');
  const input = parseInput(capacityTargetInput, raw);
  const chain = await unitChain(db, input.unitId).catch(() => {
    throw invalid('unitId', E('unit_unknown'));
  });
  const unit = chain[chain.length - 1];
  if (unit.validTo !== null) throw invalid('unitId', E('unit_unknown'));
  if (!unitInJurisdiction(actor.jurisdiction, unit)) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'unitId');
  return db.transaction(async (tx) => {
    const [before] = await queryRows<{ target: number }>(tx, sql`select target from capacity_targets where unit_id = ${unit.id} and kind = ${input.kind} for update`);
    const [row] = await queryRows<{ updated_at: Date | string }>(
      tx,
      sql`insert into capacity_targets (unit_id, kind, target, updated_by, updated_at)
          values (${unit.id}, ${input.kind}, ${input.target}, ${actor.accountId}, ${now.toISOString()}::timestamptz)
          on conflict (unit_id, kind) do update set target = excluded.target, updated_by = excluded.updated_by, updated_at = excluded.updated_at
          returning updated_at`,
    );
    await audit.record(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'capacity_target',
      entityId: `${unit.id}:${input.kind}`,
      details: { unitId: unit.id, kind: input.kind, from: before?.target ?? null, to: input.target },
    });
    return { unitId: unit.id, kind: input.kind, target: input.target, updatedAt: new Date(row.updated_at).toISOString() };
  });
}
