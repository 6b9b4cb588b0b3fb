import { describe, expect, it } from 'vitest';
import { costsQuery } from '../../../shared/api/quarantine-monitoring.js';
import { costsQueryOf, exportQueryOf, formatVnd } from './model';

describe('costs screen', () => {
  it('reads the filters from the address into a query the API accepts', () => {
    const f = costsQueryOf(new URLSearchParams('facilityId=3&unitId=208&status=active&from=2021-08-01&to=2021-08-31&page=2'));
    expect(f).toEqual({ facilityId: 3, unitId: 208, status: 'active', from: '2021-08-01', to: '2021-08-31', limit: 50, offset: 50, page: 2 });
    const { page: _, ...query } = f;
    expect(costsQuery.parse(query)).toMatchObject(query);
    expect(costsQueryOf(new URLSearchParams('status=bogus&from=01/08/2021&facilityId=-1'))).toMatchObject({ status: undefined, from: undefined, facilityId: undefined, page: 1 });
  });

  it('exports with the same filters but without paging', () => {
    expect(exportQueryOf(costsQueryOf(new URLSearchParams('facilityId=3&page=4')))).toEqual({ facilityId: 3, unitId: undefined, status: undefined, from: undefined, to: undefined });
  });

  it('writes money as Vietnamese and English readers do', () => {
    expect(formatVnd(1_234_000, 'vi')).toBe('1.234.000 đ');
    expect(formatVnd(1_234_000, 'en')).toBe('VND 1,234,000');
  });
});
