import type { DbOrTx } from '../db/handle.js';
import { AppError, invalid } from '../http/errors.js';
import { profileInForce } from '../profiles/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { settings } from './settings.js';

export const DISEASE = 'covid-19';
/** The retention the issue sets when no profile is in force (a new installation before its profiles are loaded). */
export const DEFAULT_RETENTION_DAYS = 30;
const RETENTION_TTL_MS = 60_000;
const retentionCache = new WeakMap<object, { days: Promise<number>; until: number }>();

/** How many days check-ins are kept: rules.retention.checkInDays of the profile in force on the day. */
export async function retentionDays(db: DbOrTx, now: Date): Promise<number> {
  try {
    return (await profileInForce(db, DISEASE, todayInVietnam(now))).rules.retention.checkInDays;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return DEFAULT_RETENTION_DAYS;
    throw err;
  }
}

/** The same, read at most once a minute per process: every check-in checks its time against it. */
function cachedRetentionDays(db: DbOrTx, now: Date): Promise<number> {
  const hit = retentionCache.get(db);
  if (hit && hit.until > now.getTime()) return hit.days;
  const days = retentionDays(db, now);
  retentionCache.set(db, { days, until: now.getTime() + RETENTION_TTL_MS });
  days.catch(() => retentionCache.delete(db));
  return days;
}

/** A check-in time must not lie in the future (beyond clock skew) nor before the retention window. */
export async function checkTime(db: DbOrTx, at: Date, now: Date, field = 'at'): Promise<void> {
  if (at.getTime() > now.getTime() + settings.clockSkewMs) throw invalid(field, 'checkins.errors.at_future');
  const days = await cachedRetentionDays(db, now);
  if (at.getTime() < now.getTime() - days * 86_400_000) throw invalid(field, 'checkins.errors.at_too_old', { days });
}
