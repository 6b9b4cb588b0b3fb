// Small, fixed test data shared by the capability tests: a slice of Quảng Ninh (2021 units) and
// signed-in actors at each level. Real data imports are tested by the geo capability itself.
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from './handle.js';
import { adminUnits } from '../geo/schema.js';
import { foldKey } from '../../shared/vn/text.js';
import type { Role } from '../../shared/roles.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import { bootstrapAccount } from '../auth/service.js';

export interface UnitFixture {
  province: number;
  halong: number;
  mongcai: number;
  /** Communes of Hạ Long */
  hongHa: number;
  baiChay: number;
  /** Commune of Móng Cái */
  kaLong: number;
}

async function unit(
  db: Db,
  v: { code: string; level: 'province' | 'district' | 'commune'; fullName: string; typeName: string; parentId?: number; provinceId?: number; districtId?: number; population?: number },
): Promise<number> {
  const name = v.fullName.replace(new RegExp(`^${v.typeName} `), '');
  const [row] = await db
    .insert(adminUnits)
    .values({
      code: v.code,
      level: v.level,
      name,
      fullName: v.fullName,
      typeName: v.typeName,
      searchKey: foldKey(v.fullName),
      parentId: v.parentId ?? null,
      provinceId: v.provinceId ?? null,
      districtId: v.districtId ?? null,
      listVersion: '2021-11',
      validFrom: '2021-11-01',
      population: v.population ?? null,
    })
    .returning({ id: adminUnits.id });
  if (v.level === 'province') await db.update(adminUnits).set({ provinceId: row.id }).where(eq(adminUnits.id, row.id));
  if (v.level === 'district') await db.update(adminUnits).set({ districtId: row.id }).where(eq(adminUnits.id, row.id));
  return row.id;
}

export async function seedUnitFixture(db: Db): Promise<UnitFixture> {
  const province = await unit(db, { code: '22', level: 'province', fullName: 'Tỉnh Quảng Ninh', typeName: 'Tỉnh', population: 1_337_600 });
  const halong = await unit(db, { code: '193', level: 'district', fullName: 'Thành phố Hạ Long', typeName: 'Thành phố', parentId: province, provinceId: province });
  const mongcai = await unit(db, { code: '194', level: 'district', fullName: 'Thành phố Móng Cái', typeName: 'Thành phố', parentId: province, provinceId: province });
  const c = (code: string, fullName: string, typeName: string, districtId: number) =>
    unit(db, { code, level: 'commune', fullName, typeName, parentId: districtId, provinceId: province, districtId });
  return {
    province,
    halong,
    mongcai,
    hongHa: await c('06697', 'Phường Hồng Hà', 'Phường', halong),
    baiChay: await c('06673', 'Phường Bãi Cháy', 'Phường', halong),
    kaLong: await c('06709', 'Phường Ka Long', 'Phường', mongcai),
  };
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

/** Signs in over HTTP and returns the Cookie header value of the session. */
export async function sessionCookie(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.body}`);
  return `pd_session=${res.cookies.find((c) => c.name === 'pd_session')!.value}`;
}

/** An account with the role at the unit, and the actor it acts as (no HTTP session needed). */
export async function actorFor(db: Db, role: Role, unitId: number, username = `${role}_${unitId}`): Promise<Actor> {
  const id = await bootstrapAccount(db, { username, displayName: username, role, unitId, language: 'vi', active: true, password: TEST_PASSWORD });
  const [u] = await db.select().from(adminUnits).where(eq(adminUnits.id, unitId));
  return {
    accountId: id,
    username,
    role,
    jurisdiction: { unitId, level: u.level, provinceId: u.provinceId ?? u.id, districtId: u.districtId },
    lang: 'vi',
    ip: '127.0.0.1',
    via: 'test',
  };
}

/** The AppError a call is refused with; fails the test when it succeeds or throws anything else. */
export async function refusal(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused with an AppError');
}
