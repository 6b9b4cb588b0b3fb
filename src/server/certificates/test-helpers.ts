// Shared set-up for the certificate tests: the unit fixture, the disease profiles, officials,
// a person of Hồng Hà, and a negative RT-PCR test entry as the testing capability will send it.
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { createPerson } from '../people/service.js';
import { ensureDefaultProfiles, profileInForce } from '../profiles/service.js';
import { KeyRing, type TrustedKey } from '../../shared/dcc/index.js';
import type { IssueCertificateInput } from '../../shared/api/certificates.js';
import { publishedKeys, revokedList } from './service.js';

export interface CertificateFixture {
  h: DbHandle;
  units: UnitFixture;
  admin: Actor;
  lab: Actor;
  commune: Actor;
  otherCommune: Actor;
  personId: number;
  /** testing.certificateValidityHours of the profile in force on the sample day. */
  validityHours: number;
}

export const SAMPLE_TIME = '2021-09-20T08:15:00+07:00';
export const AFTER_SAMPLE = new Date('2021-09-20T10:00:00+07:00');

export async function certificateFixture(): Promise<CertificateFixture> {
  const h = await testDb();
  const units = await seedUnitFixture(h.db);
  await ensureDefaultProfiles(h.db);
  const commune = await actorFor(h.db, 'commune_officer', units.hongHa);
  const created = await createPerson(h.db, commune, { fullName: 'Đặng Thị Ngọc Ánh', sex: 'female', birthDate: '1990-04-30', communeId: units.hongHa });
  return {
    h,
    units,
    admin: await actorFor(h.db, 'system_admin', units.province),
    lab: await actorFor(h.db, 'lab_technician', units.province),
    commune,
    otherCommune: await actorFor(h.db, 'commune_officer', units.kaLong),
    personId: created.person.id,
    validityHours: (await profileInForce(h.db, 'covid-19', '2021-09-20')).rules.testing.certificateValidityHours,
  };
}

export function testCertificate(f: CertificateFixture, over: Partial<IssueCertificateInput> & { sc?: string } = {}): IssueCertificateInput {
  const { sc = SAMPLE_TIME, ...rest } = over;
  return {
    type: 't',
    personId: f.personId,
    provinceId: f.units.province,
    validityHours: f.validityHours,
    payload: {
      tg: '840539006',
      tt: 'LP6464-4',
      nm: 'Cobas SARS-CoV-2 (Roche)',
      sc,
      tr: '260415000',
      tc: 'Trung tâm Kiểm soát bệnh tật Quảng Ninh',
      co: 'VN',
      is: 'Sở Y tế tỉnh Quảng Ninh',
    },
    ...rest,
  } as IssueCertificateInput;
}

/** What a verifier downloads: the published keys (through JSON, as over HTTP) and the revoked hashes. */
export async function verifierLists(h: DbHandle, now = new Date()) {
  const keys = JSON.parse(JSON.stringify(await publishedKeys(h.db, now))) as { keys: TrustedKey[] };
  return { keys: new KeyRing(keys.keys), revoked: new Set((await revokedList(h.db, now)).hashes) };
}

export async function auditOf(h: DbHandle, entity: string) {
  return queryRows<{ action: string; entity_id: string; person_id: number | null; username: string | null; details: Record<string, unknown> }>(
    h.db,
    sql`select action, entity_id, person_id::int as person_id, username, details from audit_log where entity = ${entity} order by id`,
  );
}
