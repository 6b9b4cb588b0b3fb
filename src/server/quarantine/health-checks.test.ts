import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { actorFor, refusal } from '../db/fixtures.js';
import { peopleIn } from '../cases/test-helpers.js';
import { acceptTransferProposal, listHealthChecks, listTransferProposals, recordHealthCheck, rejectTransferProposal } from './monitoring-service.js';
import { WARNING_TEMPLATE } from './health-checks.js';
import { transferStay } from './transfer.js';
import { facilityIn, messagesOf, monitoringFixture, stayFor, type MonitoringFixture } from './monitoring-test-helpers.js';

const NOW = new Date('2021-09-12T10:00:00+07:00');
const normalF0 = { temperature: 37, spo2: 98, respiratoryRate: 18, pulse: 80, systolic: 120, diastolic: 80 };

describe('health checks and warning signs', () => {
  let f: MonitoringFixture;
  let fieldHospital: number;
  let centralized: number;
  let patient: { stayId: number; personId: number };
  let contact: { stayId: number; personId: number };
  let atHome: { stayId: number; personId: number };

  beforeAll(async () => {
    f = await monitoringFixture();
    fieldHospital = await facilityIn(f, { kind: 'treatment_field', tier: 1, oxygen: 2 });
    centralized = await facilityIn(f, { kind: 'quarantine_centralized' });
    patient = await stayFor(f, { facilityId: fieldHospital, kind: 'treatment' });
    contact = await stayFor(f, { facilityId: centralized });
    atHome = await stayFor(f, {});
  }, 120_000);
  afterAll(() => f.h.close());

  it('asks an F1 for the temperature only and finds nothing in a normal check', async () => {
    const check = await recordHealthCheck(f.h.db, f.commune, contact.stayId, { temperature: 36.84, symptoms: ['cough'] }, NOW);
    expect(check).toMatchObject({ stayId: contact.stayId, temperature: 36.8, spo2: null, symptoms: ['cough'], warnings: [], selfReport: false, transferProposalId: null });
    expect(check.reportedBy?.id).toBe(f.commune.accountId);
    expect((await refusal(recordHealthCheck(f.h.db, f.commune, contact.stayId, { symptoms: [] }, NOW))).field).toBe('temperature');
    expect((await refusal(recordHealthCheck(f.h.db, f.commune, contact.stayId, { temperature: 37, symptoms: ['cough', 'headache'] }, NOW))).field).toBe('symptoms[1]');
    expect((await refusal(recordHealthCheck(f.h.db, f.commune, contact.stayId, { temperature: 93 }, NOW))).field).toBe('temperature');
    const future = await refusal(recordHealthCheck(f.h.db, f.commune, contact.stayId, { temperature: 37, at: '2021-09-12T11:00:00+07:00' }, NOW));
    expect(future).toMatchObject({ field: 'at', messageKey: 'quarantineMonitoring.errors.time_in_future' });
    expect((await refusal(recordHealthCheck(f.h.db, f.commune, contact.stayId, { temperature: 37, at: '2021-09-09T11:00:00+07:00' }, NOW))).field).toBe('at');
  });

  it("asks a patient for every measure of the profile's monitoring", async () => {
    const missing = await refusal(recordHealthCheck(f.h.db, f.province, patient.stayId, { temperature: 37, spo2: 98, respiratoryRate: 18, pulse: 80 }, NOW));
    expect(missing).toMatchObject({ code: 'validation', field: 'systolic', messageKey: 'quarantineMonitoring.errors.measure_required' });
    const fine = await recordHealthCheck(f.h.db, f.province, patient.stayId, normalF0, NOW);
    expect(fine.warnings).toEqual([]);
    const list = await listHealthChecks(f.h.db, f.province, patient.stayId);
    expect(list.required.sort()).toEqual(['diastolic', 'pulse', 'respiratoryRate', 'spo2', 'systolic', 'temperature']);
    expect(list.timesPerDay).toBe(2);
    expect(list.rows.map((r) => r.id)).toEqual([fine.id]);
  });

  it('stores the signs, alerts the facility and proposes the next tier, once while it is pending', async () => {
    const at = '2021-09-12T09:30:00+07:00';
    const check = await recordHealthCheck(f.h.db, f.province, patient.stayId, { ...normalF0, spo2: 93, symptoms: ['chest_pain'], at }, NOW);
    expect(check.warnings).toEqual([
      { code: 'spo2_low', value: 93, threshold: 96 },
      { code: 'symptom', value: 'chest_pain', threshold: null },
    ]);
    expect(check.transferProposalId).toEqual(expect.any(Number));
    const [proposal] = (await listTransferProposals(f.h.db, f.province, { stayId: patient.stayId })).rows;
    expect(proposal).toMatchObject({ id: check.transferProposalId, fromTier: 1, toTier: 2, status: 'pending', healthCheckId: check.id, reasons: check.warnings, createdAt: new Date(at).toISOString() });
    expect(proposal.person?.id).toBe(patient.personId);
    expect(proposal.facility?.id).toBe(fieldHospital);

    const [alert] = await messagesOf(f, WARNING_TEMPLATE);
    expect(alert.recipient).toBe(`facility:${fieldHospital}`);
    expect(alert.params).toMatchObject({ stayId: patient.stayId, dayNumber: 3, place: 'Cơ sở 1' });
    expect(alert.params.signs).toBe('SpO2 93% (dưới 96%); Đau tức ngực');
    expect(alert.params.proposal).toContain('tầng 2');

    const again = await recordHealthCheck(f.h.db, f.province, patient.stayId, { ...normalF0, pulse: 130 }, NOW);
    expect(again.warnings).toEqual([{ code: 'pulse_high', value: 130, threshold: 120 }]);
    expect(again.transferProposalId).toBeNull();
    expect((await listTransferProposals(f.h.db, f.province, { stayId: patient.stayId })).total).toBe(1);
    expect(await messagesOf(f, WARNING_TEMPLATE)).toHaveLength(2);
    const events = await queryRows<{ kind: string }>(f.h.db, sql`select kind from stay_events where stay_id = ${patient.stayId} and kind <> 'admitted' order by id`);
    expect(events.map((e) => e.kind)).toEqual(['warning_signs', 'transfer_proposed', 'warning_signs']);
  });

  it('proposes tier 1 from home and alerts the commune', async () => {
    const check = await recordHealthCheck(f.h.db, f.community, atHome.stayId, { temperature: 38.5, symptoms: ['cyanosis'] }, NOW);
    const [proposal] = (await listTransferProposals(f.h.db, f.commune, { stayId: atHome.stayId })).rows;
    expect(proposal).toMatchObject({ id: check.transferProposalId, fromTier: null, toTier: 1 });
    const alerts = await messagesOf(f, WARNING_TEMPLATE);
    expect(alerts[alerts.length - 1]).toMatchObject({ recipient: `unit:${f.units.hongHa}`, params: { place: 'tại nhà', stayId: atHome.stayId } });
  });

  it('keeps to the jurisdiction of the person or the facility; community teams to home stays', async () => {
    expect((await refusal(recordHealthCheck(f.h.db, f.otherCommune, contact.stayId, { temperature: 37 }, NOW))).code).toBe('not_found');
    expect((await refusal(recordHealthCheck(f.h.db, f.community, contact.stayId, { temperature: 37 }, NOW))).code).toBe('not_found');
    // An arrival from Ka Long in a Hồng Hà facility: the facility's manager watches them, Ka Long's officer too.
    const [outsider] = await peopleIn(f, 1, { communeId: f.units.kaLong });
    const arrival = await stayFor(f, { personId: outsider, facilityId: centralized, risk: 'arrival' });
    expect((await recordHealthCheck(f.h.db, f.facilityManager, arrival.stayId, { temperature: 37.1 }, NOW)).stayId).toBe(arrival.stayId);
    expect((await listHealthChecks(f.h.db, f.otherCommune, arrival.stayId)).rows).toHaveLength(1);
    const steering = await actorFor(f.h.db, 'steering_member', f.units.province);
    expect((await refusal(listHealthChecks(f.h.db, steering, arrival.stayId))).code).toBe('forbidden');
    const ended = await stayFor(f, { facilityId: centralized, dischargedAt: '2021-09-11T08:00:00+07:00' });
    expect((await refusal(recordHealthCheck(f.h.db, f.commune, ended.stayId, { temperature: 37 }, NOW))).code).toBe('conflict');
    const audit = await queryRows<{ action: string; entity: string }>(f.h.db, sql`select action, entity from audit_log where person_id = ${arrival.personId} and entity like 'health_check%' order by id`);
    expect(audit).toEqual([
      { action: 'create', entity: 'health_check' },
      { action: 'read', entity: 'health_checks' },
    ]);
  });

  it('lets an admitting official accept or reject a proposal, once', async () => {
    const pending = (await listTransferProposals(f.h.db, f.commune, { status: 'pending' })).rows;
    expect(pending.map((p) => p.stayId).sort()).toEqual([patient.stayId, atHome.stayId].sort());
    const home = pending.find((p) => p.stayId === atHome.stayId)!;
    const hospital = pending.find((p) => p.stayId === patient.stayId)!;

    expect((await refusal(rejectTransferProposal(f.h.db, f.commune, home.id, { note: '' }))).field).toBe('note');
    expect((await refusal(acceptTransferProposal(f.h.db, f.community, home.id, {}))).code).toBe('forbidden');
    expect((await refusal(acceptTransferProposal(f.h.db, f.otherCommune, home.id, {}))).code).toBe('not_found');
    const rejected = await rejectTransferProposal(f.h.db, f.commune, home.id, { note: 'Đã khám lại, SpO2 98%' }, NOW);
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'Đã khám lại, SpO2 98%', decidedBy: { id: f.commune.accountId }, decidedAt: NOW.toISOString() });

    // Accepted into a facility of the proposed tier: the person is transferred in the same step.
    const otherField = await facilityIn(f, { kind: 'treatment_field', tier: 1 });
    const districtHospital = await facilityIn(f, { kind: 'treatment_district', tier: 2 });
    const below = await refusal(acceptTransferProposal(f.h.db, f.province, hospital.id, { facilityId: otherField }, NOW));
    expect(below).toMatchObject({ field: 'facilityId', messageKey: 'quarantineMonitoring.errors.facility_tier_below' });
    const accepted = await acceptTransferProposal(f.h.db, f.province, hospital.id, { note: 'Chuyển BV tuyến huyện', facilityId: districtHospital }, NOW);
    expect(accepted).toMatchObject({ status: 'accepted', decisionNote: 'Chuyển BV tuyến huyện', transferredStayId: expect.any(Number) });
    const moved = await queryRows<{ id: number; status: string; facility_id: number; tier: number | null; source: string }>(
      f.h.db,
      sql`select id::int, status, facility_id, tier, source from stays where person_id = ${patient.personId} order by id`,
    );
    expect(moved).toEqual([
      { id: patient.stayId, status: 'transferred', facility_id: fieldHospital, tier: 1, source: 'case' },
      { id: accepted.transferredStayId, status: 'active', facility_id: districtHospital, tier: 2, source: 'transfer' },
    ]);
    expect((await refusal(rejectTransferProposal(f.h.db, f.province, hospital.id, { note: 'đổi ý' }))).code).toBe('conflict');
    expect((await listTransferProposals(f.h.db, f.province, { status: 'pending' })).total).toBe(0);
    // A new sign after the decision opens a new proposal.
    const next = await recordHealthCheck(f.h.db, f.commune, atHome.stayId, { temperature: 37, symptoms: ['unable_to_drink'] }, NOW);
    expect(next.transferProposalId).not.toBe(home.id);
    expect(next.transferProposalId).toEqual(expect.any(Number));
    // Transferred by the admitting staff before anyone decided: accepting records where the person went.
    const moved2 = await transferStay(f.h.db, f.province, atHome.stayId, { facilityId: otherField, reason: 'Khó thở, chuyển BV dã chiến' }, NOW);
    expect((await refusal(acceptTransferProposal(f.h.db, f.province, next.transferProposalId!, { facilityId: districtHospital }, NOW))).code).toBe('conflict');
    const late = await acceptTransferProposal(f.h.db, f.province, next.transferProposalId!, {}, NOW);
    expect(late).toMatchObject({ status: 'accepted', transferredStayId: moved2.id });
  });
});
