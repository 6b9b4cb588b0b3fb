import { describe, expect, it } from 'vitest';
import { foldKey, nfc, properName } from './text.js';
import { normalizePhone } from './phone.js';
import { checkDocNumber, cccdPrefix, readCccd } from './id-document.js';
import { formatDate, formatDateTime, parseDate, todayInVietnam } from './dates.js';

describe('names', () => {
  it('folds accents, case, đ and spacing', () => {
    expect(foldKey('Nguyễn Văn  An')).toBe('nguyen van an');
    expect(foldKey('ĐẶNG THỊ Hoà')).toBe('dang thi hoa');
    expect(foldKey('Đặng Thị Hòa')).toBe(foldKey('Đặng Thị Hoà'));
  });
  it('composes decomposed input (NFC)', () => {
    const decomposed = 'Nguye\u0302\u0303n';
    expect(nfc(decomposed)).toBe('Nguyễn');
    expect(nfc(decomposed).length).toBe(6);
  });
  it('title-cases names and keeps accents', () => {
    expect(properName('  nguyễn   văn an ')).toBe('Nguyễn Văn An');
    expect(properName('ĐỖ THỊ ÁNH')).toBe('Đỗ Thị Ánh');
  });
});

describe('phones', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['(+84) 33-345-6789', '0333456789'],
    ['02033825555', '02033825555'],
  ])('%s -> %s', (input, out) => expect(normalizePhone(input)).toBe(out));
  it.each(['12345', '0112345678', '09123456789', 'abc0912345678', '+1 202 555 0100'])('refuses %s', (input) =>
    expect(normalizePhone(input)).toBeNull(),
  );
});

describe('identity documents', () => {
  it('accepts a CCCD consistent with the person', () => {
    const n = cccdPrefix('22', 'female', 1985) + '123456';
    expect(n).toBe('022185123456');
    expect(readCccd(n)).toEqual({ provinceCode: '22', sex: 'female', birthYear: 1985 });
    expect(checkDocNumber('cccd', n, { birthYear: 1985, sex: 'female' })).toBeNull();
    expect(checkDocNumber('cccd', cccdPrefix('22', 'male', 2003) + '000001', { birthYear: 2003 })).toBeNull();
  });
  it('names what is wrong with a CCCD', () => {
    expect(checkDocNumber('cccd', '02218512345')).toBe('doc_format_cccd');
    expect(checkDocNumber('cccd', '0221851234a6')).toBe('doc_format_cccd');
    expect(checkDocNumber('cccd', '099185123456')).toBe('doc_cccd_province');
    expect(checkDocNumber('cccd', '022185123456', { birthYear: 1986 })).toBe('doc_cccd_birth_year');
    expect(checkDocNumber('cccd', '022185123456', { birthYear: 1985, sex: 'male' })).toBe('doc_cccd_sex');
  });
  it('checks CMND and passports', () => {
    expect(checkDocNumber('cmnd', '100 234 567')).toBeNull();
    expect(checkDocNumber('cmnd', '1002345678')).toBe('doc_format_cmnd');
    expect(checkDocNumber('passport', 'c1234567')).toBeNull();
    expect(checkDocNumber('passport', 'C12')).toBe('doc_format_passport');
  });
});

describe('dates', () => {
  it('shows dd/MM/yyyy in Asia/Ho_Chi_Minh', () => {
    expect(formatDate('2021-07-14')).toBe('14/07/2021');
    // 18:30 UTC on 13/7 is already 14/7 in Vietnam (UTC+7).
    expect(formatDate(new Date('2021-07-13T18:30:00Z'))).toBe('14/07/2021');
    expect(formatDateTime('2021-07-13T18:30:00Z')).toBe('01:30 14/07/2021');
    expect(todayInVietnam(new Date('2021-07-13T18:30:00Z'))).toBe('2021-07-14');
  });
  it('parses only real dates', () => {
    expect(parseDate('01/02/1990')).toBe('1990-02-01');
    expect(parseDate('1990-02-01')).toBe('1990-02-01');
    expect(parseDate('31/02/1990')).toBeNull();
    expect(parseDate('1990/02/01')).toBeNull();
  });
});
