// The costs screen's filters as they live in the address, the request they make, and money as
// Vietnamese write it.
import { STAY_STATUSES } from '../../../shared/api/quarantine.js';
import type { CostsQuery } from '../../../shared/api/quarantine-monitoring.js';

const PAGE = 50;
const positive = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export interface CostsFilter {
  facilityId?: number;
  unitId?: number;
  status?: CostsQuery['status'];
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  page: number;
}

/** ?facilityId=&unitId=&status=&from=&to=&page= → the costs query; a "to" before "from" is left for the server to name. */
export function costsQueryOf(params: URLSearchParams): CostsFilter {
  const page = positive(params.get('page')) ?? 1;
  return {
    facilityId: positive(params.get('facilityId')),
    unitId: positive(params.get('unitId')),
    status: STAY_STATUSES.find((s) => s === params.get('status')),
    from: day(params.get('from')),
    to: day(params.get('to')),
    limit: PAGE,
    offset: (page - 1) * PAGE,
    page,
  };
}

/** The export takes the same filters but no page: it has every stay. */
export function exportQueryOf(f: CostsFilter): Omit<CostsFilter, 'limit' | 'offset' | 'page'> {
  const { limit: _l, offset: _o, page: _p, ...rest } = f;
  return rest;
}

/** 1.234.000 đ (Vietnamese) or VND 1,234,000 (English). */
export function formatVnd(amount: number, lang: 'vi' | 'en'): string {
  return lang === 'vi' ? `${new Intl.NumberFormat('vi-VN').format(amount)} đ` : `VND ${new Intl.NumberFormat('en-US').format(amount)}`;
}
