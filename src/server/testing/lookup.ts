// The citizen's result look-up: the sample code from the label plus the CCCD/CMND number or the
// phone given at sampling. A wrong code and a wrong identity get the same refusal, so neither
// can be probed; the route is rate-limited per address and every attempt is audited.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { AppError } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { summariesByIds } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { profileInForce } from '../profiles/service.js';
import { getUnit } from '../geo/service.js';
import { normalizePhone } from '../../shared/vn/phone.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { DCC_TEST_TYPES } from '../../shared/api/certificates.js';
import type { IssueCertificateInput, IssuedCertificateDto } from '../../shared/api/certificates.js';
import { certificateForSource, issueCertificate } from '../certificates/service.js';
import { TEST_NOT_DETECTED } from '../../shared/dcc/types.js';
import { codeKind, lookupBody, normalizeCode, type LookupBody, type LookupResultDto, type TestResult, type TestType } from '../../shared/api/testing.js';
import { DISEASE } from './campaigns.js';

/** SNOMED CT code of COVID-19, the disease the DCC test entry names. */
const COVID_19 = '840539006';

interface Found {
  id: number;
  code: string;
  person_id: number;
  state: string;
  collected_at: Date | string;
  tested_at: Date | string | null;
  test_type: TestType | null;
  own: TestResult | null;
  pooled: boolean;
  pool_result: TestResult | null;
  site_province: number;
  centre: string;
}

const refused = () => new AppError('not_found', 'testing.errors.lookup_refused', {}, 'code');

async function sampleByCode(db: DbOrTx, code: string): Promise<Found | undefined> {
  const [row] = await queryRows<Found>(
    db,
    sql`select s.id::int, s.code, s.person_id::int, s.state, s.collected_at, s.tested_at, s.test_type, s.result as own,
               s.pool_id is not null as pooled, p.result as pool_result, t.province_id as site_province,
               coalesce(l.name, t.name) as centre
          from testing_samples s join testing_sites t on t.id = s.site_id
          left join testing_pools p on p.id = s.pool_id left join testing_labs l on l.id = s.lab_id
         where s.code = ${code}`,
  );
  return row;
}

/** Whether what the citizen typed is the person's document number or phone. */
function identifies(identity: string, person: { docNumber: string | null; phone: string | null }): boolean {
  const compact = identity.replace(/[\s.-]/g, '').toUpperCase();
  if (person.docNumber && compact === person.docNumber.toUpperCase()) return true;
  const phone = normalizePhone(identity);
  return phone !== null && phone === person.phone;
}

function resultOf(s: Found): LookupResultDto['result'] {
  if (s.state !== 'tested') return 'pending';
  if (!s.pooled) return s.own ?? 'pending';
  return s.pool_result === 'positive' ? 'pool_positive' : (s.pool_result ?? 'pending');
}

async function validUntil(db: DbOrTx, s: Found): Promise<Date> {
  const collected = new Date(s.collected_at);
  const hours = (await profileInForce(db, DISEASE, todayInVietnam(collected))).rules.testing.certificateValidityHours;
  return new Date(collected.getTime() + hours * 3_600_000);
}

export interface LookupContext {
  ip: string;
  now?: Date;
}

/** The sample a citizen proved they hold (code + identity), or the one refusal. Audited either way. */
export async function provenSample(db: Db, raw: LookupBody, ctx: LookupContext): Promise<Found> {
  const body = parseInput(lookupBody, raw);
  const code = normalizeCode(body.code);
  const sample = codeKind(code) === 'sample' ? await sampleByCode(db, code) : undefined;
  const person = (await summariesByIds(db, sample ? [sample.person_id] : [])).get(sample?.person_id ?? 0);
  const ok = sample !== undefined && person !== undefined && identifies(body.identity, person);
  await audit.record(db, null, {
    action: 'read',
    entity: 'testing_result_lookup',
    entityId: ok ? sample.id : null,
    personId: ok ? sample.person_id : null,
    details: { ok, ip: ctx.ip, code: ok ? code : code.slice(0, 4) },
  });
  if (!ok) throw refused();
  return sample;
}

export async function lookupTestResult(db: Db, raw: LookupBody, ctx: LookupContext): Promise<LookupResultDto> {
  const now = ctx.now ?? new Date();
  const sample = await provenSample(db, raw, ctx);
  const result = resultOf(sample);
  const until = result === 'negative' ? await validUntil(db, sample) : null;
  const valid = until !== null && now < until;
  return {
    code: sample.code,
    result,
    testType: sample.test_type,
    sampledAt: new Date(sample.collected_at).toISOString(),
    testedAt: sample.tested_at ? new Date(sample.tested_at).toISOString() : null,
    validUntil: until?.toISOString() ?? null,
    valid,
    certificateAvailable: valid,
  };
}

/**
 * What the certificate service needs to issue a DCC test certificate for a sample a citizen
 * proved they hold (see provenSample): null unless its result is negative and still valid.
 * The lead wires this to certificates' issueCertificate(db, null, request).
 */
export async function testCertificateRequest(db: Db, raw: LookupBody, ctx: LookupContext): Promise<IssueCertificateInput | null> {
  const now = ctx.now ?? new Date();
  const sample = await provenSample(db, raw, ctx);
  if (resultOf(sample) !== 'negative' || !sample.test_type) return null;
  const until = await validUntil(db, sample);
  if (now >= until) return null;
  const province = await getUnit(db, sample.site_province);
  const collected = new Date(sample.collected_at);
  const hours = Math.round((until.getTime() - collected.getTime()) / 3_600_000);
  return {
    type: 't',
    personId: sample.person_id,
    provinceId: sample.site_province,
    validityHours: hours,
    sourceRef: `testing-sample:${sample.id}`,
    payload: {
      tg: COVID_19,
      tt: sample.test_type === 'rt_pcr' ? DCC_TEST_TYPES[0] : DCC_TEST_TYPES[1],
      sc: collected.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      tr: TEST_NOT_DETECTED,
      tc: sample.centre.slice(0, 80),
      co: 'VN',
      is: `Sở Y tế ${province.fullName.replace(/^(Tỉnh|Thành phố) /, '')}`.slice(0, 80),
    },
  };
}

/**
 * A citizen's test certificate: the one already issued for this sample, or a new one. Refused,
 * in the look-up's own words, when the result is not a valid negative.
 */
export async function citizenTestCertificate(db: Db, raw: LookupBody, ctx: LookupContext): Promise<IssuedCertificateDto> {
  const request = await testCertificateRequest(db, raw, ctx);
  if (!request) throw new AppError('not_found', 'testing.errors.no_certificate', {}, 'code');
  return db.transaction(async (tx) => {
    // One certificate per sample however often the citizen asks; the lock keeps two tabs from issuing two.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${request.sourceRef!}))`);
    return (await certificateForSource(tx, 't', request.sourceRef!)) ?? (await issueCertificate(tx, null, request, { now: ctx.now }));
  });
}
