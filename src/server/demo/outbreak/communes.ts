/** Communes for runs without a database: Quảng Ninh's 2021 units from the dvhcvn list, with made-up ids. */
import { dvhcvnRows } from '../units.js';
import type { PopulationCommune } from '../population.js';

/** Quảng Ninh's communes with the demo's weighting: wards denser than townships, townships than rural communes. */
export function quangNinhCommunes(): PopulationCommune[] {
  const rows = dvhcvnRows().filter((r) => r.provinceCode === '22' && r.communeCode);
  const districts = [...new Set(rows.map((r) => r.districtCode!))];
  const weight: Record<string, number> = { Phường: 1.8, 'Thị trấn': 1.3, Xã: 0.8 };
  return rows.map((r, i) => ({
    id: i + 1,
    code: r.communeCode!,
    districtId: 10_000 + districts.indexOf(r.districtCode!),
    provinceId: 1,
    urban: r.communeType !== 'Xã',
    population: Math.round(1000 * (weight[r.communeType!] ?? 1) * (0.6 + 0.8 * ((parseInt(r.communeCode!, 10) * 2654435761) % 1000) / 1000)),
  }));
}
