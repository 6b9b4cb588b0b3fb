import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { refusal } from '../db/fixtures.js';
import { queryRows } from '../db/handle.js';
import { admit } from './admission.js';
import { stayCertificate } from './certificate.js';
import { dischargeStay } from './discharge.js';
import { recordStayTest } from './stay-tests.js';
import { getStay } from './stays.js';
import { pdfText } from './pdf-text.js';
import { facilityWith, quarantineFixture, residents, vnMorning, type QuarantineFixture } from './test-helpers.js';

const flat = (s: string) => s.replace(/\s+/g, '');

describe('completion certificate', () => {
  let f: QuarantineFixture;
  let stayId: number;
  beforeAll(async () => {
    f = await quarantineFixture();
    const facility = await facilityWith(f, [{ capacity: 2 }], { code: 'KCL-CD' });
    const [person] = await residents(f, 1, { sex: 'female', addressLine: 'Số 8 phố Bến Đoan' });
    const r = await admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: [person], admittedAt: vnMorning('2021-09-10') });
    stayId = r.stays[0].stayId!;
    for (const t of (await getStay(f.h.db, f.commune, stayId)).tests) await recordStayTest(f.h.db, f.commune, stayId, t.id, { result: 'negative', testedAt: `${t.dueOn}T09:00:00+07:00` });
  }, 60_000);
  afterAll(() => f.h.close());

  it('is given only for a completed stay', async () => {
    const early = await refusal(stayCertificate(f.h.db, f.commune, stayId));
    expect({ code: early.code, key: early.messageKey }).toEqual({ code: 'conflict', key: 'quarantine.errors.no_certificate' });
  });

  it('is one A4 page in the official layout, with the person, the period and the tests, and its reading is audited', async () => {
    await dischargeStay(f.h.db, f.commune, stayId, { at: vnMorning('2021-09-23') });
    const { fileName, pdf } = await stayCertificate(f.h.db, f.district, stayId);
    expect(fileName).toBe(`giay-xac-nhan-${stayId}.pdf`);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const text = pdfText(pdf);
    const [{ full_name }] = await queryRows<{ full_name: string }>(f.h.db, sql`select p.full_name from people p join stays s on s.person_id = p.id where s.id = ${stayId}`);
    for (const expected of [
      'UBND THÀNH PHỐ HẠ LONG',
      'KHU CÁCH LY TẬP TRUNG TRƯỜNG CAO ĐẲNG DU LỊCH',
      `Số: ${stayId}/GXN-KCL-CD`,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hạ Long, ngày 23 tháng 09 năm 2021',
      'GIẤY XÁC NHẬN HOÀN THÀNH THỜI GIAN CÁCH LY',
      full_name.toUpperCase(),
      'Giới tính: Nữ',
      'Nơi cư trú: Số 8 phố Bến Đoan, Phường Hồng Hà, Thành phố Hạ Long, Tỉnh Quảng Ninh',
      'từ ngày 10/09/2021 đến ngày 23/09/2021 (14 ngày)',
      'ngày thứ 1: 10/09/2021; ngày thứ 7: 16/09/2021; ngày thứ 14: 23/09/2021',
      'tự theo dõi sức khỏe tại nơi cư trú 14 ngày, đến hết ngày 07/10/2021',
      'THỦ TRƯỞNG ĐƠN VỊ',
      'Nơi nhận:',
      '- UBND Phường Hồng Hà (để theo dõi);',
    ]) {
      expect(flat(text), expected).toContain(flat(expected));
    }
    const reads = await queryRows<{ username: string }>(f.h.db, sql`select username from audit_log where entity = 'stay_certificate' and entity_id = ${String(stayId)}`);
    expect(reads.map((r) => r.username)).toEqual([f.district.username]);
    expect((await refusal(stayCertificate(f.h.db, f.otherCommune, stayId))).code).toBe('not_found');
  });
});
