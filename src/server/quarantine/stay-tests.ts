// Recording a stay's test: a result read at the facility, or the code of a sample taken through
// the testing capability, whose result is read from there (the task waits until the lab has
// one). A positive result extends the stay and its room's (stay-extension.ts).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { getSample } from '../testing/service.js';
import { can } from '../../shared/roles.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { stayTestBody, type StayDetail, type StayTestResult } from '../../shared/api/quarantine.js';
import { stayEvents, stayTests } from './schema.js';
import { stayDetailOf, visibleStay } from './stays.js';
import { extendAfterPositive } from './stay-extension.js';

interface FromSample {
  code: string;
  personId: number;
  result: StayTestResult | null;
  testedAt: string | null;
}

async function sampleOf(db: Db, actor: Actor, code: string): Promise<FromSample> {
  if (!can(actor.role, 'testing.read')) throw new AppError('forbidden', 'quarantine.errors.sample_forbidden', {}, 'sampleCode');
  const s = await getSample(db, actor, code).catch((err: unknown) => {
    throw err instanceof AppError && err.code !== 'forbidden' ? invalid('sampleCode', 'quarantine.errors.sample_unknown') : err;
  });
  return { code: s.code, personId: s.personId, result: s.result, testedAt: s.testedAt };
}

export async function recordStayTest(db: Db, actor: Actor, stayId: number, testId: number, raw: unknown, now = new Date()): Promise<StayDetail> {
  requirePermission(actor, 'quarantine.admit');
  const body = parseInput(stayTestBody, raw);
  const sample = body.sampleCode ? await sampleOf(db, actor, body.sampleCode) : null;
  return db.transaction(async (tx) => {
    const stay = await visibleStay(tx, actor, stayId, { lock: true });
    if (stay.status !== 'active') throw invalid('stayId', 'quarantine.errors.stay_not_active');
    const [test] = await tx.select().from(stayTests).where(and(eq(stayTests.id, testId), eq(stayTests.stayId, stay.id))).for('update');
    if (!test) throw notFound('quarantine.errors.test_unknown');
    // An invalid result is taken again; a negative or positive one stands.
    if (test.status === 'cancelled' || (test.status === 'done' && test.result !== 'invalid')) throw new AppError('conflict', 'quarantine.errors.test_closed', { dayNumber: test.dayNumber }, 'result');
    if (sample && sample.personId !== stay.personId) throw invalid('sampleCode', 'quarantine.errors.sample_other_person');
    const result = body.result ?? sample?.result ?? null;
    const testedAt = body.testedAt ? new Date(body.testedAt) : sample?.testedAt ? new Date(sample.testedAt) : now;
    if (testedAt.getTime() > now.getTime() + 5 * 60_000) throw invalid('testedAt', 'quarantine.errors.time_future');
    const sampleDay = todayInVietnam(testedAt);
    if (sampleDay < stay.admissionDay) throw invalid('testedAt', 'quarantine.errors.test_before_admission');
    await tx
      .update(stayTests)
      .set({ sampleCode: sample?.code ?? test.sampleCode, result, status: result === null ? 'open' : 'done', resultAt: result === null ? null : testedAt, recordedBy: actor.accountId })
      .where(eq(stayTests.id, test.id));
    await tx.insert(stayEvents).values({ stayId: stay.id, kind: 'test_recorded', by: actor.accountId, params: { stayTestId: test.id, dayNumber: test.dayNumber, result, sampleCode: sample?.code ?? null } });
    await audit.record(tx, actor, { action: 'update', entity: 'stay_test', entityId: test.id, personId: stay.personId, details: { stayId: stay.id, dayNumber: test.dayNumber, result, sampleCode: sample?.code ?? null } });
    if (result === 'positive') await extendAfterPositive(tx, actor, stay, test.id, sampleDay);
    return stayDetailOf(tx, actor, await visibleStay(tx, actor, stay.id));
  });
}
