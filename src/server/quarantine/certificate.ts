// The completion certificate of a discharged stay, gathered from the stay, the person, the
// facility and the units they lie in. Reading it reads personal health data: audited.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { getProfile } from '../profiles/service.js';
import { summariesByIds } from '../people/service.js';
import { formatDate, todayInVietnam } from '../../shared/vn/dates.js';
import { visibleStay } from './stays.js';
import { testsOf } from './stay-views.js';
import { addDays, dayNumberOn, planOfStay } from './stay-rules.js';
import { renderCertificate, type CertificateData } from './certificate-pdf.js';

interface UnitNames {
  commune: string;
  district: string | null;
  district_short: string | null;
  province: string;
  province_short: string;
}

async function namesOf(db: Db, communeId: number): Promise<UnitNames> {
  const [u] = await queryRows<UnitNames>(
    db,
    sql`select c.full_name as commune, d.full_name as district, d.name as district_short, p.full_name as province, p.name as province_short
        from admin_units c left join admin_units d on d.id = c.district_id join admin_units p on p.id = c.province_id
        where c.id = ${communeId}`,
  );
  return u;
}

export async function stayCertificate(db: Db, actor: Actor, stayId: number): Promise<{ fileName: string; pdf: Buffer }> {
  requirePermission(actor, 'quarantine.read');
  const data = await db.transaction(async (tx) => {
    const stay = await visibleStay(tx, actor, stayId);
    if (stay.status !== 'discharged' || !stay.certificateNumber || !stay.dischargedAt) throw new AppError('conflict', 'quarantine.errors.no_certificate', {}, 'stayId');
    await audit.record(tx, actor, { action: 'read', entity: 'stay_certificate', entityId: stay.id, personId: stay.personId });
    return stay;
  });
  const person = (await summariesByIds(db, [data.personId])).get(data.personId)!;
  const home = await namesOf(db, person.communeId);
  const [facility] =
    data.facilityId === null
      ? []
      : await queryRows<{ name: string; address_line: string; commune_id: number; managing: string | null }>(
          db,
          sql`select f.name, f.address_line, f.commune_id, m.full_name as managing from facilities f left join admin_units m on m.id = f.managing_unit_id where f.id = ${data.facilityId}`,
        );
  const site = facility ? await namesOf(db, facility.commune_id) : home;
  const plan = planOfStay((await getProfile(db, data.profileId)).rules, data);
  const endDay = todayInVietnam(data.dischargedAt!);
  const until = endDay < data.plannedUntil ? endDay : data.plannedUntil;
  const tests = (await testsOf(db, data.id)).filter((t) => t.status === 'done' && t.result === 'negative' && t.resultAt);
  const cert: CertificateData = {
    number: data.certificateNumber!,
    kind: data.kind,
    place: data.place,
    superior: `UBND ${facility?.managing ?? site.district ?? site.province}`,
    issuer: facility?.name ?? `UBND ${home.commune}`,
    town: site.district_short ?? site.province_short,
    issuedOn: endDay,
    person: {
      fullName: person.fullName,
      sex: person.sex,
      birth: person.birthDate ? formatDate(person.birthDate) : String(person.birthYear),
      document: person.docNumber,
      address: [person.addressLine, home.commune, home.district, home.province].filter(Boolean).join(', '),
    },
    facility: facility ? { name: facility.name, address: [facility.address_line, site.commune, site.district].filter(Boolean).join(', ') } : null,
    from: data.admissionDay,
    until,
    days: dayNumberOn(data.admissionDay, until),
    negativeTests: tests.map((t) => ({ dayNumber: t.dayNumber, on: todayInVietnam(t.resultAt!) })),
    monitoringDays: plan.monitoringDays,
    monitorUntil: plan.monitoringDays > 0 ? addDays(endDay, plan.monitoringDays) : null,
    commune: `UBND ${home.commune}`,
    stayId: data.id,
  };
  return { fileName: `giay-xac-nhan-${data.id}.pdf`, pdf: await renderCertificate(cert) };
}
