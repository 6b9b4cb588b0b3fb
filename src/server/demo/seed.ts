import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbHandle } from '../db/handle.js';
import type { Role } from '../../shared/roles.js';
import { adminUnits } from '../geo/schema.js';
import { accounts } from '../auth/schema.js';
import { bootstrapAccount } from '../auth/service.js';
import { loadDemoUnits } from './units.js';
import { seedOutbreak } from './outbreak-seed.js';
import { seedTesting } from './testing-seed.js';
import { seedQuarantine } from './quarantine-seed.js';
import { ensureDefaultProfiles } from '../profiles/service.js';
import { scanDuplicates } from '../people/service.js';
import type { Actor } from '../auth/actor.js';

export const DEMO_PASSWORD = 'PhongDich@2021';
export const DEMO_SEED = 2021;

/** Where the demo staff work: the province, one district (Hạ Long) and one ward in it (Hồng Gai). */
const DEMO_UNITS = [
  { prefix: 'tinh', code: '22', level: 'province' },
  { prefix: 'halong', code: '193', level: 'district' },
  { prefix: 'honggai', code: '06691', level: 'commune' },
] as const;

const ROLE_SLUGS: Record<Role, string> = {
  system_admin: 'admin',
  steering_member: 'bcd',
  health_officer: 'cdc',
  district_officer: 'huyen',
  commune_officer: 'xa',
  checkpoint_officer: 'chot',
  facility_manager: 'cosocl',
  lab_technician: 'xetnghiem',
  vaccination_staff: 'tiemchung',
  community_member: 'congdong',
};

const ROLE_LABELS: Record<Role, string> = {
  system_admin: 'quản trị hệ thống / system admin',
  steering_member: 'Ban Chỉ đạo / steering committee (read-only)',
  health_officer: 'Sở Y tế, CDC / health department',
  district_officer: 'cán bộ huyện / district officer',
  commune_officer: 'cán bộ xã / commune officer',
  checkpoint_officer: 'cán bộ chốt / checkpoint officer',
  facility_manager: 'quản lý cơ sở / facility manager',
  lab_technician: 'kỹ thuật viên xét nghiệm / lab technician',
  vaccination_staff: 'nhân viên tiêm chủng / vaccination staff',
  community_member: 'tổ COVID cộng đồng / community team',
};

export function demoLogins(): { username: string; description: string }[] {
  const main: [string, Role][] = [
    ['tinh', 'system_admin'],
    ['tinh', 'steering_member'],
    ['tinh', 'health_officer'],
    ['halong', 'district_officer'],
    ['honggai', 'commune_officer'],
  ];
  return [
    ...main.map(([prefix, role]) => ({
      username: `${prefix}.${ROLE_SLUGS[role]}`,
      description: `${ROLE_LABELS[role]} — ${DEMO_UNITS.find((u) => u.prefix === prefix)!.level}`,
    })),
    { username: '<unit>.<role>', description: `every role at tinh / halong / honggai: ${Object.values(ROLE_SLUGS).join(', ')}` },
  ];
}

export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(accounts);
  return row.n > 0;
}

async function currentUnit(db: Db, code: string, level: string) {
  const [u] = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.code, code), eq(adminUnits.level, level as 'province'), isNull(adminUnits.validTo)));
  if (!u) throw new Error(`demo unit ${level} ${code} is missing`);
  return u;
}

/**
 * The demo province: Quảng Ninh's real units (2021 list from the dvhcvn package), the default
 * disease profiles, staff for every role at each level, and a synthetic population from a fixed
 * seed, so two runs give the same data.
 */
export async function seedDemo(handle: DbHandle, opts: { people: number; log?: (m: string) => void }): Promise<void> {
  const db = handle.db;
  const log = opts.log ?? (() => undefined);
  let t = Date.now();
  const lap = (what: string) => {
    log(`${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    t = Date.now();
  };
  const provinceId = await loadDemoUnits(db);
  lap('administrative units loaded');
  await ensureDefaultProfiles(db);

  let adminActor: Actor | undefined;
  let officer: Actor | undefined;
  let labTechnician: Actor | undefined;
  for (const unitDef of DEMO_UNITS) {
    const unit = await currentUnit(db, unitDef.code, unitDef.level);
    for (const [role, slug] of Object.entries(ROLE_SLUGS) as [Role, string][]) {
      const username = `${unitDef.prefix}.${slug}`;
      const id = await bootstrapAccount(db, {
        username,
        displayName: `${ROLE_LABELS[role].split(' / ')[0]} (${unit.name})`,
        role,
        unitId: unit.id,
        language: 'vi',
        active: true,
        password: DEMO_PASSWORD,
      });
      const actor: Actor = {
        accountId: id,
        username,
        role,
        jurisdiction: { unitId: unit.id, level: 'province', provinceId, districtId: null },
        lang: 'vi',
        ip: '127.0.0.1',
        via: 'demo seed',
      };
      if (role === 'health_officer' && unitDef.level === 'province') officer = actor;
      if (role === 'system_admin' && unitDef.level === 'province') adminActor = actor;
      if (role === 'lab_technician' && unitDef.level === 'province') labTechnician = actor;
    }
  }
  lap('staff accounts created');

  const communes = await db
    .select({ id: adminUnits.id, code: adminUnits.code, typeName: adminUnits.typeName, districtId: adminUnits.districtId, provinceId: adminUnits.provinceId, population: adminUnits.population })
    .from(adminUnits)
    .where(and(eq(adminUnits.provinceId, provinceId), eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo)));
  const ward = await currentUnit(db, DEMO_UNITS[2].code, 'commune');
  await seedOutbreak(handle, {
    people: opts.people,
    seed: DEMO_SEED,
    communes: communes.map((c) => ({ ...c, provinceId: c.provinceId!, urban: c.typeName !== 'Xã' })),
    officer: officer!,
    provinceId,
    scenarioCommuneId: ward.id,
    scenarioDistrictId: ward.districtId!,
    log: (m) => lap(m),
  });
  const testing = await seedTesting(handle, { seed: DEMO_SEED, officer: officer!, lab: labTechnician!, wardId: ward.id, districtId: ward.districtId! });
  lap(`testing: ${testing.samples} samples of a market screening in ${testing.pools} pools of 5, ${testing.positivePools} positive`);
  const q = await seedQuarantine(handle, { seed: DEMO_SEED, officer: officer!, provinceId, avoidDistrictId: ward.districtId! });
  lap(
    `quarantine and treatment: ${q.facilities} facilities, ${q.centralized} F1s in the centralized area and ${q.atHome} at home, ` +
      `${q.hotel} arrivals in a hotel, ${q.treated} cases in treatment (${q.treatedAtHome} at home), ${q.discharged} discharged`,
  );
  await scanDuplicates(db, adminActor!);
  lap('duplicate candidates detected');
}
