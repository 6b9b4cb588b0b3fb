import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { checkCharacter, codeFromBytes, codeKind, normalizeCode } from '../../shared/api/testing.js';
import { buildingOf, groupKey } from './pooling.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';

describe('sample and pool codes', () => {
  it('are a kind letter, eight base-31 characters and a check character', () => {
    const sample = codeFromBytes('sample', randomBytes(5));
    const pool = codeFromBytes('pool', randomBytes(5));
    expect(sample).toMatch(/^S[0-9A-HJKMNP-TV-Y]{9}$/);
    expect(pool).toMatch(/^P[0-9A-HJKMNP-TV-Y]{9}$/);
    expect(codeKind(sample)).toBe('sample');
    expect(codeKind(pool)).toBe('pool');
    expect(codeFromBytes('sample', new Uint8Array([0, 0, 0, 0, 1]))).toBe(`S00000001${checkCharacter('S00000001')}`);
  });

  it('catch every mistyped character and every swap of two neighbours', () => {
    for (let n = 0; n < 50; n++) {
      const code = codeFromBytes('sample', randomBytes(5));
      for (let i = 1; i < code.length; i++) {
        for (const c of ALPHABET) if (c !== code[i]) expect(codeKind(code.slice(0, i) + c + code.slice(i + 1))).toBeNull();
        if (i < code.length - 1 && code[i] !== code[i + 1]) {
          expect(codeKind(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBeNull();
        }
      }
    }
  });

  it('are read as typed: case, spaces and dashes ignored, O as zero, I and L as one', () => {
    const code = codeFromBytes('sample', new Uint8Array([1, 2, 3, 4, 5]));
    const typed = `${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect(normalizeCode(typed)).toBe(code);
    expect(codeKind('S12345')).toBeNull();
  });
});

describe('pooling groups', () => {
  it('put one household together whatever its spelling, and the flats of one building together', () => {
    const a = groupKey('household', { communeId: 7, addressLine: 'Số 12 ngõ 5 Lê Thánh Tông' });
    expect(groupKey('household', { communeId: 7, addressLine: 'so 12, Ngõ 5 - le thanh tong' })).toBe(a);
    expect(groupKey('household', { communeId: 8, addressLine: 'Số 12 ngõ 5 Lê Thánh Tông' })).not.toBe(a);
    expect(buildingOf('Phòng 203, Tòa A, Chung cư Hoàng Huy')).toBe('toa a chung cu hoang huy');
    expect(buildingOf('Tầng 7 phòng 702, Tòa A, Chung cư Hoàng Huy')).toBe('toa a chung cu hoang huy');
    expect(groupKey('building', { communeId: 7, addressLine: 'P. 405 Tòa A Chung cư Hoàng Huy' })).toBe(groupKey('building', { communeId: 7, addressLine: 'Phòng 203, Tòa A, Chung cư Hoàng Huy' }));
    expect(groupKey('household', { communeId: 7, addressLine: '' })).toBeNull();
    expect(groupKey(null, { communeId: 7, addressLine: 'Số 1' })).toBeNull();
  });
});
