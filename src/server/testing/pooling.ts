// Pooling: several people's swabs in one tube, up to the campaign's pool size (from the disease
// profile). Pooled by household or building when the campaign asks, so a positive pool points at
// people who live together. A pool fills at one site; when full it closes and the next member
// opens a new one.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import { foldKey } from '../../shared/vn/text.js';
import { codeFromBytes } from '../../shared/api/testing.js';
import { testingPools, type CampaignRow, type PoolRow } from './schema.js';

// Flat, room, floor: what distinguishes households inside one building.
const UNIT_PART = /^(?:(?:so )?phong|p|can ho|can|ch|tang|lau|room|apt|unit|flat)\s+[a-z0-9]+\s*/;

/** The building part of an address: the address without its leading flat, room or floor. */
export function buildingOf(address: string): string {
  let key = foldKey(address);
  for (let prev = ''; prev !== key; ) {
    prev = key;
    key = key.replace(UNIT_PART, '');
  }
  return key;
}

/** The group a person is pooled in; null when their address does not say (they pool with each other). */
export function groupKey(groupBy: CampaignRow['poolGroupBy'], person: { communeId: number; addressLine: string }): string | null {
  if (!groupBy || !foldKey(person.addressLine)) return null;
  const place = groupBy === 'household' ? foldKey(person.addressLine) : buildingOf(person.addressLine);
  return `${groupBy[0]}:${person.communeId}:${place}`;
}

/** A code not used yet; 40 random bits make a clash rare, and the check makes it harmless. */
export async function freshCode(tx: DbOrTx, kind: 'sample' | 'pool'): Promise<string> {
  for (;;) {
    const code = codeFromBytes(kind, randomBytes(5));
    const table = kind === 'sample' ? 'testing_samples' : 'testing_pools';
    const [used] = await queryRows(tx, sql`select 1 from ${sql.identifier(table)} where code = ${code}`);
    if (!used) return code;
  }
}

async function memberCount(tx: DbOrTx, poolId: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from testing_samples where pool_id = ${poolId}`);
  return r.n;
}

export interface PoolRequest {
  campaign: CampaignRow;
  siteId: number;
  person: { communeId: number; addressLine: string };
  /** The tube's label when staff pool by hand. */
  poolCode: string | null;
  collectedAt: Date;
}

/** The pool the next sample goes into, created when needed; the caller adds the sample, then calls afterAdding. */
export async function poolFor(tx: DbOrTx, actor: Actor, req: PoolRequest): Promise<PoolRow> {
  const { campaign } = req;
  const key = groupKey(campaign.poolGroupBy, req.person);
  // One filler per campaign, site and group at a time, so two staff never open two half pools.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`testing-pool:${campaign.id}:${req.siteId}:${key ?? ''}`}))`);
  let pool: PoolRow | undefined;
  if (req.poolCode) {
    [pool] = await tx.select().from(testingPools).where(eq(testingPools.code, req.poolCode)).for('update');
    if (pool) {
      if (pool.campaignId !== campaign.id || pool.siteId !== req.siteId) throw invalid('poolCode', 'testing.errors.pool_elsewhere');
      if (pool.closedAt || pool.state !== 'collected') throw new AppError('conflict', 'testing.errors.pool_closed', { code: pool.code }, 'poolCode');
      if (campaign.poolGroupBy && pool.groupKey !== key) throw invalid('poolCode', 'testing.errors.pool_other_group');
    }
  } else {
    [pool] = await tx
      .select()
      .from(testingPools)
      .where(
        and(
          eq(testingPools.campaignId, campaign.id),
          eq(testingPools.siteId, req.siteId),
          key === null ? isNull(testingPools.groupKey) : eq(testingPools.groupKey, key),
          isNull(testingPools.closedAt),
          eq(testingPools.state, 'collected'),
        ),
      )
      .orderBy(asc(testingPools.id))
      .limit(1)
      .for('update');
  }
  if (pool) return pool;
  const [created] = await tx
    .insert(testingPools)
    .values({
      code: req.poolCode ?? (await freshCode(tx, 'pool')),
      campaignId: campaign.id,
      siteId: req.siteId,
      sizeLimit: campaign.poolSize!,
      groupKey: key,
      collectedAt: req.collectedAt,
      createdBy: actor.accountId,
    })
    .returning();
  return created;
}

/** Closes the pool once it holds its size. */
export async function afterAdding(tx: DbOrTx, pool: PoolRow): Promise<{ members: number; closed: boolean }> {
  const members = await memberCount(tx, pool.id);
  if (members > pool.sizeLimit) throw new AppError('conflict', 'testing.errors.pool_full', { code: pool.code }, 'poolCode');
  const closed = members >= pool.sizeLimit;
  if (closed) await tx.update(testingPools).set({ closedAt: new Date() }).where(eq(testingPools.id, pool.id));
  return { members, closed };
}
