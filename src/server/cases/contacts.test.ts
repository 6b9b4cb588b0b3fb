import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { refusal } from '../db/fixtures.js';
import { auditLog } from '../audit/schema.js';
import { listContacts, personTracing, recordExposure } from './service.js';
import { casesFixture, confirmCase, expose, peopleIn, type CasesFixture } from './test-helpers.js';

describe('contacts and jurisdiction', () => {
  let f: CasesFixture;
  beforeEach(async () => {
    f = await casesFixture();
  }, 60_000);
  afterEach(() => f.h.close());

  it('lists a case’s contacts, naming those of the commune and counting the others', async () => {
    const [a, b, c] = await peopleIn(f, 3);
    const [far, farther] = await peopleIn(f, 2, { communeId: f.units.kaLong, name: 'Trần Thị' });
    const caseA = await confirmCase(f, a);
    await expose(f, [
      [a, b],
      [a, far],
      [b, c],
      [far, farther],
    ]);
    const list = await listContacts(f.h.db, f.commune, { caseId: caseA.id });
    expect(list.total).toBe(4);
    const byId = new Map(list.rows.map((r) => [r.personId, r]));
    expect(byId.get(b)).toMatchObject({ level: 1, person: { id: b }, via: { id: a } });
    expect(byId.get(far)).toMatchObject({ level: 1, person: null });
    expect(byId.get(farther)).toMatchObject({ level: 2, person: null, via: { id: far, fullName: null } });
    expect((await listContacts(f.h.db, f.commune, { caseId: caseA.id, level: 2 })).rows.map((r) => r.personId).sort()).toEqual([c, farther].sort());
    // The Ka Long officer sees their residents, reached through a case they cannot open.
    const theirs = await listContacts(f.h.db, f.otherCommune);
    expect(theirs.rows.map((r) => [r.personId, r.person?.id ?? null])).toEqual([
      [far, far],
      [farther, farther],
    ]);
    expect((await refusal(listContacts(f.h.db, f.otherCommune, { caseId: caseA.id }))).status).toBe(404);
    // Only the named contacts were read into the audit log.
    const reads = await f.h.db.select().from(auditLog).where(and(eq(auditLog.entity, 'contact_level'), eq(auditLog.accountId, f.commune.accountId)));
    expect(new Set(reads.map((r) => r.personId))).toEqual(new Set([b, c]));
  });

  it('gives a person’s tracing record: level, via, root case, the moves and the exposures', async () => {
    const [a, b] = await peopleIn(f, 2);
    const caseA = await confirmCase(f, a);
    const { exposure, levelChanges } = await recordExposure(f.h.db, f.commune, {
      sourceId: a,
      contactId: b,
      setting: 'workplace',
      place: 'Xưởng may số 2',
      startedAt: '2021-09-09T08:00:00+07:00',
      evidence: 'Ngồi cùng bàn ăn trưa',
    });
    expect(levelChanges).toBe(1);
    expect(exposure).toMatchObject({ setting: 'workplace', evidence: { note: 'Ngồi cùng bàn ăn trưa' }, origin: 'manual', source: { id: a } });
    const t = await personTracing(f.h.db, f.commune, b);
    expect(t).toMatchObject({ personId: b, level: 1, rootCase: { id: caseA.id, code: `BN${caseA.number}` }, via: { id: a }, caseId: null, exposedAt: '2021-09-09T01:00:00.000Z' });
    expect(t.changes).toMatchObject([{ fromLevel: null, toLevel: 1, reason: 'contact_of' }]);
    expect(t.exposures.map((e) => e.id)).toEqual([exposure.id]);
    expect((await refusal(personTracing(f.h.db, f.otherCommune, b))).status).toBe(404);
    const audited = await f.h.db.select().from(auditLog).where(eq(auditLog.entity, 'person_tracing'));
    expect(audited.map((r) => r.personId)).toEqual([b]);
    const created = await f.h.db.select().from(auditLog).where(eq(auditLog.entity, 'exposure'));
    expect(created).toMatchObject([{ action: 'create', personId: b, accountId: f.commune.accountId }]);
  });

  it('refuses an exposure between two people outside the jurisdiction, and a self-exposure on its field', async () => {
    const [x, y] = await peopleIn(f, 2, { communeId: f.units.kaLong });
    const outside = await refusal(recordExposure(f.h.db, f.commune, { sourceId: x, contactId: y, setting: 'other', startedAt: '2021-09-09T08:00:00+07:00' }));
    expect(outside.status).toBe(403);
    const self = await refusal(recordExposure(f.h.db, f.otherCommune, { sourceId: x, contactId: x, setting: 'other', startedAt: '2021-09-09T08:00:00+07:00' }));
    expect([self.field, self.messageKey]).toEqual(['contactId', 'cases.errors.self_exposure']);
  });
});
