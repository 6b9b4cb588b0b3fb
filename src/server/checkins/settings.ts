/**
 * Check-in settings from the environment, read once per process. The rate limits are per minute
 * and per API process; a load test raises them (CHECKIN_RATE_IP=1000000) without touching code.
 */
export interface CheckinSettings {
  /** Scans of the same person at the same venue closer than this are one visit. */
  repeatMinutes: number;
  /** How far in the future a device clock may be before its check-in time is refused. */
  clockSkewMs: number;
  /** Citizen check-ins per IP address (carrier NAT puts many phones behind one address). */
  ratePerIp: number;
  /** Citizen check-ins per device (X-Device-Key). */
  ratePerDevice: number;
  /** Requests per venue scanning device (X-Venue-Device): staff at a busy gate scan every second or so. */
  ratePerVenueDevice: number;
  /** Public venue registrations per IP address per hour. */
  registrationsPerIpHour: number;
  /** Where citizens reach the site (PUBLIC_ORIGIN), printed in venue QR codes; else the request's own origin. */
  publicOrigin: string | null;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

function loadCheckinSettings(env = process.env): CheckinSettings {
  return {
    repeatMinutes: whole(env, 'CHECKIN_REPEAT_MINUTES', 10, 24 * 60),
    clockSkewMs: whole(env, 'CHECKIN_CLOCK_SKEW_SECONDS', 120, 3600) * 1000,
    ratePerIp: whole(env, 'CHECKIN_RATE_IP', 600, 100_000_000),
    ratePerDevice: whole(env, 'CHECKIN_RATE_DEVICE', 30, 100_000_000),
    ratePerVenueDevice: whole(env, 'CHECKIN_RATE_VENUE_DEVICE', 120, 100_000_000),
    registrationsPerIpHour: whole(env, 'VENUE_REGISTRATIONS_PER_IP_HOUR', 10, 100_000_000),
    publicOrigin: env.PUBLIC_ORIGIN || null,
  };
}

export const settings: CheckinSettings = loadCheckinSettings();
