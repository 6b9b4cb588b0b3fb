import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { refusal } from '../db/fixtures.js';
import { auditLog } from '../audit/schema.js';
import { changeCaseStatus, createCase, getCase, listCases } from './service.js';
import { casesFixture, confirmCase, confirmedInput, expose, peopleIn, saveModifiedProfile, type CasesFixture } from './test-helpers.js';

describe('cases', () => {
  let f: CasesFixture;
  beforeEach(async () => {
    f = await casesFixture();
  }, 60_000);
  afterEach(() => f.h.close());

  it('opens a suspected case and confirms it with a test reference, keeping the history', async () => {
    const [p] = await peopleIn(f, 1);
    const suspected = await createCase(f.h.db, f.commune, { personId: p, status: 'suspected' });
    expect(suspected).toMatchObject({ status: 'suspected', number: null, confirmedAt: null });
    const confirmed = await changeCaseStatus(f.h.db, f.commune, suspected.id, {
      status: 'confirmed',
      confirmation: 'test',
      confirmationTest: 'RT-PCR 2021-0915-001',
      positiveSampleDate: '2021-09-15',
      note: 'Kết quả từ CDC tỉnh',
    });
    expect(confirmed).toMatchObject({ status: 'confirmed', number: 1, confirmationTest: 'RT-PCR 2021-0915-001', infectiousFrom: '2021-09-13', infectiousUntil: null });
    const detail = await getCase(f.h.db, f.commune, suspected.id);
    expect(detail.code).toBe('BN1');
    expect(detail.history.map((h) => [h.status, h.note, h.accountName])).toEqual([
      ['suspected', '', f.commune.username],
      ['confirmed', 'Kết quả từ CDC tỉnh', f.commune.username],
    ]);
  });

  it('confirms manually only with a reason, and names the missing field', async () => {
    const [p] = await peopleIn(f, 1);
    const err = await refusal(createCase(f.h.db, f.commune, confirmedInput(p, { confirmation: 'manual', confirmationReason: '' })));
    expect([err.status, err.field, err.messageKey]).toEqual([400, 'confirmationReason', 'cases.errors.reason_required']);
    const noTest = await refusal(createCase(f.h.db, f.commune, confirmedInput(p, { confirmationTest: null })));
    expect([noTest.field, noTest.messageKey]).toEqual(['confirmationTest', 'cases.errors.test_required']);
    const row = await createCase(f.h.db, f.commune, confirmedInput(p, { confirmation: 'manual', confirmationReason: 'Liên quan dịch tễ, có triệu chứng, test nhanh dương tính' }));
    expect(row).toMatchObject({ confirmation: 'manual', confirmationTest: null, number: 1 });
  });

  it('refuses transitions outside the state machine, naming the field status', async () => {
    const [p] = await peopleIn(f, 1);
    const c = await confirmCase(f, p);
    const back = await refusal(changeCaseStatus(f.h.db, f.province, c.id, { status: 'suspected' }));
    expect([back.status, back.field, back.messageKey]).toEqual([400, 'status', 'cases.errors.transition']);
    const noDate = await refusal(changeCaseStatus(f.h.db, f.province, c.id, { status: 'recovered' }));
    expect(noDate.field).toBe('negativeTestDate');
    const rec = await changeCaseStatus(f.h.db, f.province, c.id, { status: 'recovered', negativeTestDate: '2021-09-30' });
    expect(rec.infectiousUntil).toBe('2021-09-30');
    for (const status of ['transferred', 'died', 'confirmed'] as const) {
      expect((await refusal(changeCaseStatus(f.h.db, f.province, c.id, { status, transferredTo: 'Hà Nội' }))).field, status).toBe('status');
    }
  });

  it('reopens a recovered case as re-positive: one open case per person', async () => {
    const [p] = await peopleIn(f, 1);
    const c = await confirmCase(f, p);
    await changeCaseStatus(f.h.db, f.province, c.id, { status: 'recovered', negativeTestDate: '2021-09-30' });
    const twice = await refusal(createCase(f.h.db, f.province, confirmedInput(p)));
    expect([twice.status, twice.field, twice.messageKey, twice.params]).toEqual([409, 'personId', 'cases.errors.open_case_exists', { code: 'BN1' }]);
    const again = await changeCaseStatus(f.h.db, f.province, c.id, { status: 're_positive', positiveSampleDate: '2021-10-20', note: 'Tái dương tính sau 3 tuần' });
    expect(again).toMatchObject({ id: c.id, status: 're_positive', number: 1, infectiousUntil: null, positiveSampleDate: '2021-10-20' });
    const detail = await getCase(f.h.db, f.province, c.id);
    expect(detail.history.map((h) => h.status)).toEqual(['confirmed', 'recovered', 're_positive']);
    // A ruled-out case closes; the person may then have a new one.
    const [q] = await peopleIn(f, 1);
    const wrong = await createCase(f.h.db, f.province, { personId: q, status: 'suspected' });
    await changeCaseStatus(f.h.db, f.province, wrong.id, { status: 'ruled_out', note: 'Âm tính' });
    expect((await createCase(f.h.db, f.province, { personId: q, status: 'suspected' })).id).not.toBe(wrong.id);
  });

  it('numbers confirmations BN1, BN2 … per province without duplicates, even at the same moment', async () => {
    const ids = await peopleIn(f, 6);
    const suspected = await Promise.all(ids.slice(0, 3).map((personId) => createCase(f.h.db, f.province, { personId, status: 'suspected' })));
    const rows = await Promise.all([
      ...ids.slice(3).map((p) => createCase(f.h.db, f.province, confirmedInput(p))),
      ...suspected.map((s) => changeCaseStatus(f.h.db, f.province, s.id, { status: 'confirmed', confirmation: 'test', confirmationTest: `XN${s.id}`, positiveSampleDate: '2021-09-15' })),
    ]);
    expect(rows.map((r) => r.number).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('computes the infectious window from the profile in force, not a constant', async () => {
    const [p, q, r] = await peopleIn(f, 3);
    expect((await createCase(f.h.db, f.province, confirmedInput(p, { symptomOnset: '2021-09-10' }))).infectiousFrom).toBe('2021-09-08');
    expect((await createCase(f.h.db, f.province, confirmedInput(q, { symptomOnset: null, positiveSampleDate: '2021-09-10' }))).infectiousFrom).toBe('2021-09-08');
    await saveModifiedProfile(f, (rules) => {
      rules.contacts.infectiousDaysBeforeOnset = 4;
      rules.contacts.infectiousDaysBeforePositiveSample = 3;
    });
    const later = await createCase(f.h.db, f.province, confirmedInput(r, { symptomOnset: '2021-09-10' }));
    expect(later.infectiousFrom).toBe('2021-09-06');
  });

  it('marks the source: a traced contact gets its root case, an untraced one lands in the unknown-source list', async () => {
    const [a, b, stray, imported] = await peopleIn(f, 4);
    const caseA = await confirmCase(f, a);
    await expose(f, [[a, b]]);
    const caseB = await confirmCase(f, b);
    const caseStray = await confirmCase(f, stray);
    await createCase(f.h.db, f.province, confirmedInput(imported, { imported: true }));
    expect([caseB.sourceCaseId, caseB.sourceKnown, caseStray.sourceCaseId, caseStray.sourceKnown]).toEqual([caseA.id, true, null, false]);
    const unknown = await listCases(f.h.db, f.commune, { unknownSource: true });
    expect(unknown.rows.map((r) => r.id).sort()).toEqual([caseA.id, caseStray.id].sort());
    const one = await getCase(f.h.db, f.commune, caseB.id);
    expect(one.sourceCase).toMatchObject({ id: caseA.id, code: `BN${caseA.number}` });
    expect(one.sourceCase?.personName).toMatch(/^Nguyễn Văn/);
    expect((await getCase(f.h.db, f.commune, caseA.id)).contactCounts).toEqual([]);
  });

  it('shows a commune officer only the cases of their commune, and audits the reads', async () => {
    const [local] = await peopleIn(f, 1);
    const [far] = await peopleIn(f, 1, { communeId: f.units.kaLong });
    const mine = await confirmCase(f, local);
    const theirs = await confirmCase(f, far);
    expect((await listCases(f.h.db, f.commune)).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await listCases(f.h.db, f.province)).total).toBe(2);
    const hidden = await refusal(getCase(f.h.db, f.commune, theirs.id));
    expect(hidden.status).toBe(404);
    const outside = await refusal(createCase(f.h.db, f.commune, confirmedInput(far)));
    expect([outside.field, outside.messageKey]).toEqual(['personId', 'cases.errors.person_unknown']);
    await getCase(f.h.db, f.commune, mine.id);
    const reads = await f.h.db.select().from(auditLog).where(eq(auditLog.entity, 'case'));
    expect(reads.filter((r) => r.action === 'read' && r.accountId === f.commune.accountId).map((r) => r.personId)).toEqual([local, local]);
    const byName = await listCases(f.h.db, f.province, { q: `BN${theirs.number}` });
    expect(byName.rows.map((r) => r.id)).toEqual([theirs.id]);
  });

  it('refuses a role without the permission', async () => {
    const { actorFor } = await import('../db/fixtures.js');
    const lab = await actorFor(f.h.db, 'steering_member', f.units.province);
    const [p] = await peopleIn(f, 1);
    expect((await refusal(createCase(f.h.db, lab, confirmedInput(p)))).status).toBe(403);
    expect((await refusal(listCases(f.h.db, lab))).status).toBe(403);
  });
});
