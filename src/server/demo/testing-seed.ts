// Testing for the demo, made through the testing services as staff would: the province's labs and
// sampling sites, a random screening at Chợ Hạ Long I drawn from the ward's residents, samples in
// pools of 5 sent to the CDC lab and resulted from a lab file (one pool positive, one batch still
// at the hospital lab), and one negative sample a visitor can look up on /p/ket-qua-xet-nghiem.
// Times run back from the seeding moment, so that sample's certificate can be had for the
// profile's validity (72 h from sampling) after the first start.
import { eq } from 'drizzle-orm';
import type { Db, DbHandle } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { communesOf, getUnit } from '../geo/service.js';
import { listVenues } from '../checkins/service.js';
import { casesOfPeople, currentLevels, DISEASE } from '../cases/service.js';
import { summariesByIds } from '../people/service.js';
import { profileInForce } from '../profiles/service.js';
import { campaignMembers, createCampaign, createLab, createSite, importLabResults, moveSamples, recordSample } from '../testing/service.js';
import { testingSamples } from '../testing/schema.js';
import { codeFromBytes, type CodeKind } from '../../shared/api/testing.js';
import { formatDate, todayInVietnam } from '../../shared/vn/dates.js';
import { Random, hashString, mix32 } from './random.js';

const HOUR = 3_600_000;
/** Samples taken so far in the campaign; the other drawn residents are still to come. */
const SAMPLED = 40;
/** Share of the ward's residents drawn; those beyond the first SAMPLED are still to be sampled. */
const SHARE_PCT = 30;
const MARKET = 'Chợ Hạ Long I';

export interface TestingSeedOptions {
  seed: number;
  /** a province health officer: labs, sites, the campaign, sampling and sending */
  officer: Actor;
  /** a lab technician of the province: receives the samples and imports the results */
  lab: Actor;
  /** the ward of the market (Hồng Gai) and its district */
  wardId: number;
  districtId: number;
  now?: Date;
}

/** The sample printed at start for visitors to look up. */
export interface DemoSample {
  code: string;
  phone: string;
  validUntil: Date;
}

export interface TestingSeedResult {
  samples: number;
  pools: number;
  positivePools: number;
  known: DemoSample | null;
}

/** Sample codes drawn from the demo seed: the same demo gets the same codes, and the first is the known sample's. */
function codeStream(seed: number): (kind: CodeKind) => string {
  const rng = new Random(mix32(seed ^ hashString('testing-codes')));
  return (kind) => codeFromBytes(kind, Uint8Array.from({ length: 5 }, () => rng.int(0, 255)));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Vietnam wall time as dd/MM/yyyy HH:mm: how the province's lab files write it, and how the start banner does. */
function vnDateTime(at: Date): string {
  const vn = new Date(at.getTime() + 7 * HOUR);
  return `${formatDate(at)} ${pad(vn.getUTCHours())}:${pad(vn.getUTCMinutes())}`;
}

const station = (communeName: string) => `Trạm Y tế ${communeName.replace(/^Phường /, 'phường ').replace(/^Xã /, 'xã ').replace(/^Thị trấn /, 'thị trấn ')}`;

export async function seedTesting(handle: DbHandle, o: TestingSeedOptions): Promise<TestingSeedResult> {
  const db = handle.db;
  const now = o.now ?? new Date();
  const at = (hoursAgo: number, minutes = 0) => new Date(now.getTime() - hoursAgo * HOUR + minutes * 60_000).toISOString();
  const nextCode = codeStream(o.seed);

  const ward = await getUnit(db, o.wardId);
  const baiChay = (await communesOf(db, o.districtId)).find((c) => c.name === 'Bãi Cháy');
  const cdc = await createLab(db, o.officer, { code: 'CDC-QN', name: 'Trung tâm Kiểm soát bệnh tật tỉnh Quảng Ninh (CDC Quảng Ninh)', communeId: o.wardId });
  const hospital = await createLab(db, o.officer, { code: 'BV-BAICHAY', name: 'Bệnh viện Bãi Cháy – khoa Xét nghiệm', communeId: baiChay?.id ?? o.wardId });

  const venues = await listVenues(db, o.officer, { unitId: o.wardId, q: MARKET }, '');
  const market = venues.rows.find((v) => v.name === MARKET);
  const marketSite = await createSite(db, o.officer, {
    name: `Điểm lấy mẫu ${MARKET}`,
    kind: 'venue',
    venueId: market?.id ?? null,
    addressLine: 'Cổng chính, đường Lê Thánh Tông',
    communeId: o.wardId,
  });
  const wardStation = await createSite(db, o.officer, { name: station(ward.fullName), kind: 'fixed', addressLine: '', communeId: o.wardId });
  if (baiChay) await createSite(db, o.officer, { name: station(baiChay.fullName), kind: 'fixed', addressLine: '', communeId: baiChay.id });

  const campaign = await createCampaign(db, o.officer, {
    name: `Sàng lọc ngẫu nhiên tại ${MARKET}`,
    unitId: o.wardId,
    target: { kind: 'commune_population', communeId: o.wardId },
    sharePct: SHARE_PCT,
    seed: o.seed,
    pooling: 'high_risk',
    startsOn: todayInVietnam(new Date(now.getTime() - 24 * HOUR)),
    endsOn: todayInVietnam(new Date(now.getTime() + 6 * 24 * HOUR)),
    siteIds: [marketSite.id, wardStation.id],
  });

  // The drawn residents in draw order, without the cases and traced contacts: they are isolated
  // or quarantined, tested where they are, not at the market.
  const drawn = (await campaignMembers(db, o.officer, campaign.id, { limit: 500 })).rows.filter((m) => m.person);
  const ids = drawn.map((m) => m.personId);
  const [open, traced] = await Promise.all([casesOfPeople(db, ids), currentLevels(db, ids)]);
  const eligible = drawn.filter((m) => !open.has(m.personId) && !traced.has(m.personId)).slice(0, SAMPLED);
  // The first one with a phone is the sample printed at start: taken first, in the first pool.
  const knownAt = eligible.findIndex((m) => m.person!.phone);
  if (knownAt > 0) eligible.unshift(...eligible.splice(knownAt, 1));

  const atStation = eligible.length >= 15 ? 5 : 0;
  const pools = { market: [] as string[], station: [] as string[] };
  for (const [i, m] of eligible.entries()) {
    const atMarket = i < eligible.length - atStation;
    const sample = await recordSample(
      db,
      o.officer,
      {
        siteId: atMarket ? marketSite.id : wardStation.id,
        campaignId: campaign.id,
        personId: m.personId,
        code: nextCode('sample'),
        collectedAt: atMarket ? at(7, i * 2) : at(6, i),
      },
      now,
    );
    const list = atMarket ? pools.market : pools.station;
    if (sample.pool && !list.includes(sample.pool.code)) list.push(sample.pool.code);
  }

  // The market's pools go to the CDC lab and come back in its file; the station's wait at the hospital.
  let positivePools = 0;
  if (pools.market.length) {
    await moveSamples(db, o.officer, { codes: pools.market, to: 'sent', labId: cdc.id, at: at(4) }, now);
    await moveSamples(db, o.lab, { codes: pools.market, to: 'received', labId: cdc.id, at: at(3, 30) }, now);
    // The second pool comes back positive, so the demo has re-sampling work: its members are to be sampled again, alone.
    const positive = pools.market.length >= 3 ? pools.market[1] : null;
    const testedAt = vnDateTime(new Date(now.getTime() - HOUR));
    const rows = pools.market.map((code) => [code, 'RT-PCR', code === positive ? 'Dương tính' : 'Âm tính', code === positive ? '31,5' : '', testedAt]);
    const csv = [['Mã mẫu', 'Loại xét nghiệm', 'Kết quả', 'Ct', 'Thời gian xét nghiệm'], ...rows].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n');
    const summary = await importLabResults(db, o.lab, { file: { name: `CDC-QN_ket-qua_${todayInVietnam(now)}.csv`, data: Buffer.from(`${csv}\n`) }, labId: cdc.id }, now);
    positivePools = summary.positivePools;
  }
  if (pools.station.length) await moveSamples(db, o.officer, { codes: pools.station, to: 'sent', labId: hospital.id, at: at(3) }, now);

  return {
    samples: eligible.length,
    pools: pools.market.length + pools.station.length,
    positivePools,
    known: knownAt >= 0 ? await demoResultSample(db, o.seed) : null,
  };
}

/** The demo's known sample, found again by its code (the seed's first): null when this database has none. */
export async function demoResultSample(db: Db, seed: number): Promise<DemoSample | null> {
  const code = codeStream(seed)('sample');
  const [sample] = await db.select({ personId: testingSamples.personId, collectedAt: testingSamples.collectedAt }).from(testingSamples).where(eq(testingSamples.code, code));
  const phone = sample && (await summariesByIds(db, [sample.personId])).get(sample.personId)?.phone;
  if (!sample || !phone) return null;
  const hours = (await profileInForce(db, DISEASE, todayInVietnam(sample.collectedAt))).rules.testing.certificateValidityHours;
  return { code, phone, validUntil: new Date(sample.collectedAt.getTime() + hours * HOUR) };
}

/** The start banner's lines about the known sample; once its validity has passed, how to get a fresh one. */
export function demoSampleLines(sample: DemoSample, url: string, now = new Date()): string[] {
  const until = vnDateTime(sample.validUntil);
  return [
    `  Test result look-up (${url}/p/ket-qua-xet-nghiem), a negative sample:`,
    `    sample code ${sample.code}, phone ${sample.phone}`,
    now < sample.validUntil
      ? `    its certificate can be had until ${until}`
      : `    its certificate could be had until ${until}; npm start -- --reset-demo seeds a fresh one`,
  ];
}
