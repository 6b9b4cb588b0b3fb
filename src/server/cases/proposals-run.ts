// "Trace again": proposals for a case and the contacts traced from it, for check-ins and
// declarations that arrived after the case was confirmed (offline scanners, late declarations).
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { proposeForSubjects, tracingRules } from './proposals.js';
import { visibleCase } from './case-views.js';
import { autoAcceptHousehold } from './decide.js';

export async function runTracing(db: Db, actor: Actor, caseId: number): Promise<{ proposed: number; autoAccepted: number }> {
  requirePermission(actor, 'tracing.decide');
  return db.transaction(async (tx) => {
    const c = await visibleCase(tx, actor, caseId);
    const rules = await tracingRules(tx);
    const contacts = await queryRows<{ person_id: number }>(
      tx,
      sql`select person_id::int from contact_levels where root_case_id = ${caseId}::int8 and level between 1 and ${rules.contacts.maxTracingLevel - 1}`,
    );
    const stored = await proposeForSubjects(tx, [c.personId, ...contacts.map((r) => r.person_id)], rules);
    const accepted = await autoAcceptHousehold(tx, actor, stored, rules.tracing.autoAcceptHousehold);
    const result = {
      proposed: stored.length + (accepted?.followUp.proposed ?? 0),
      autoAccepted: (accepted?.accepted ?? 0) + (accepted?.followUp.autoAccepted ?? 0),
    };
    await audit.record(tx, actor, { action: 'update', entity: 'case_tracing', entityId: caseId, personId: c.personId, details: result });
    return result;
  });
}
