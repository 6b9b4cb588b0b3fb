import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvLine } from './copy.js';
import type { GeneratedPerson } from './population.js';

const person: GeneratedPerson = {
  docType: null,
  docNumber: null,
  phone: '0912345678',
  fullName: 'Nguyễn "Bé" Văn An',
  nameKey: 'nguyen be van an',
  birthDate: '1990-02-03',
  birthYear: 1990,
  sex: 'male',
  nationality: 'VN',
  addressLine: '',
  communeId: 11,
  districtId: null,
  provinceId: 1,
};

describe('csvLine', () => {
  it('quotes text, doubles quotes, and tells NULL (bare empty) from the empty string (quoted)', () => {
    const line = csvLine({ ...person, addressLine: 'Số 12, Tổ 3, Khu 5' });
    expect(line).toBe(',,"0912345678","Nguyễn ""Bé"" Văn An","nguyen be van an","1990-02-03",1990,"male","VN","Số 12, Tổ 3, Khu 5",11,,1\n');
    const [fields] = parse(line) as string[][];
    expect(fields).toEqual(['', '', '0912345678', 'Nguyễn "Bé" Văn An', 'nguyen be van an', '1990-02-03', '1990', 'male', 'VN', 'Số 12, Tổ 3, Khu 5', '11', '', '1']);
    expect(csvLine(person)).toContain(',"VN","",11,,1\n');
  });
});
