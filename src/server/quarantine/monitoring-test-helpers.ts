// Shared set-up for the monitoring tests: the cases fixture (units, default profiles, officers),
// a community-team member and a facility manager of Hồng Hà, facilities made through the
// facilities service and stays admitted through the admission service, in September 2021 (under
// the 2021 profile, whose F1 rule puts a sign on the house).
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { actorFor } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { casesFixture, confirmCase, peopleIn, type CasesFixture } from '../cases/test-helpers.js';
import { BY_DECISION } from './test-helpers.js';
import type { FacilityKind, StayKind, StayRisk } from '../../shared/api/quarantine.js';
import { createFacility } from './facilities.js';
import { admit } from './admission.js';

export interface MonitoringFixture extends CasesFixture {
  community: Actor;
  facilityManager: Actor;
  /** the 2021 COVID-19 profile (version 1) */
  profileId: number;
}

export async function monitoringFixture(): Promise<MonitoringFixture> {
  const f = await casesFixture();
  const [p] = await queryRows<{ id: number }>(f.h.db, sql`select id from disease_profiles where disease = 'covid-19' and version = 1`);
  return {
    ...f,
    profileId: p.id,
    community: await actorFor(f.h.db, 'community_member', f.units.hongHa),
    facilityManager: await actorFor(f.h.db, 'facility_manager', f.units.hongHa),
  };
}

let serial = 0;
/** A facility of `rooms` rooms of `perRoom` places, through the facilities service; a treatment one lists beds, `oxygen` of them oxygen beds. */
export async function facilityIn(
  f: MonitoringFixture,
  opts: { kind: FacilityKind; communeId?: number; tier?: number; rooms?: number; perRoom?: number; oxygen?: number; icu?: number; listBeds?: boolean; status?: 'ready' | 'active'; fundingSource?: string },
): Promise<number> {
  serial++;
  const treatment = opts.kind.startsWith('treatment');
  let oxygen = opts.oxygen ?? 0;
  let icu = opts.icu ?? 0;
  const rooms = Array.from({ length: opts.rooms ?? 2 }, (_, i) => ({
    code: `P${i + 1}`,
    capacity: opts.perRoom ?? 4,
    beds: treatment && opts.listBeds !== false
      ? Array.from({ length: opts.perRoom ?? 4 }, (_, j) => ({ code: `G${j + 1}`, kind: oxygen-- > 0 ? 'oxygen' : icu-- > 0 ? 'icu' : 'normal' }))
      : [],
  }));
  const created = await createFacility(f.h.db, f.province, {
    code: `CS${serial}`,
    name: `Cơ sở ${serial}`,
    kind: opts.kind,
    tier: treatment ? (opts.tier ?? 1) : null,
    communeId: opts.communeId ?? f.units.hongHa,
    fundingSource: opts.fundingSource ?? 'state',
    ...(opts.listBeds === false ? { oxygenBeds: opts.oxygen ?? 0, icuBeds: opts.icu ?? 0 } : {}),
    zones: [{ name: 'Khu A', rooms }],
  });
  if (opts.status === 'active') await f.h.db.execute(sql`update facilities set status = 'active' where id = ${created.id}`);
  return created.id;
}

export interface StayOpts {
  personId?: number;
  facilityId?: number | null;
  /** Moves the person onto a free bed of this kind afterwards (allocation gives normal beds first). */
  bedKind?: 'oxygen' | 'icu';
  kind?: StayKind;
  /** For a quarantine stay: f1 (close contact) or arrival (from abroad). */
  risk?: Extract<StayRisk, 'f1' | 'arrival'>;
  admittedAt?: string;
  /** Ends the stay as a discharge would leave it (discharge eligibility is the stays service's, tested there). */
  dischargedAt?: string;
}

/**
 * A stay admitted through the admission service (at home unless a facility is given): quarantine
 * by hand, or treatment of a confirmed case; for a new resident of Hồng Hà unless a person is given.
 */
export async function stayFor(f: MonitoringFixture, opts: StayOpts = {}): Promise<{ stayId: number; personId: number }> {
  const personId = opts.personId ?? (await peopleIn(f, 1))[0];
  const admittedAt = opts.admittedAt ?? '2021-09-10T09:00:00+07:00';
  const facilityId = opts.facilityId ?? null;
  const input =
    opts.kind === 'treatment'
      ? { facilityId, source: 'case', caseId: (await confirmCase(f, personId)).id, admittedAt }
      : { facilityId, source: 'manual', personIds: [personId], category: opts.risk === 'arrival' ? 'arrival_abroad' : 'close_contact', risk: opts.risk ?? 'f1', admittedAt, placeReason: BY_DECISION };
  const result = await admit(f.h.db, f.province, input, new Date(Math.max(Date.now(), Date.parse(admittedAt))));
  const stayId = result.stays[0].stayId!;
  if (opts.bedKind) {
    await f.h.db.execute(sql`update stays s set bed_id = (select b.id from facility_beds b join facility_rooms r on r.id = b.room_id
                                                            where r.facility_id = s.facility_id and b.kind = ${opts.bedKind}
                                                              and not exists (select 1 from stays o where o.bed_id = b.id and o.status = 'active') order by b.id limit 1)
                              where s.id = ${stayId}`);
  }
  if (opts.dischargedAt) await f.h.db.execute(sql`update stays set status = 'discharged', discharged_at = ${opts.dischargedAt}::timestamptz where id = ${stayId}`);
  return { stayId, personId };
}

/** Outbox messages of a template, oldest first. */
export async function messagesOf(f: MonitoringFixture, template: string) {
  return queryRows<{ recipient: string; params: Record<string, unknown> }>(f.h.db, sql`select recipient, params from outbox where template = ${template} order by id`);
}
