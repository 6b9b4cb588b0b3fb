/**
 * Check-in settings from the environment, read once per process. The rate limits are per minute
 * and per API process; a load test raises them (CHECKIN_RATE_IP=1000000) without touching code.
 */
import { wholeFromEnv } from '../env.js';
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


function loadCheckinSettings(env = process.env): CheckinSettings {
  return {
    repeatMinutes: wholeFromEnv(env, 'CHECKIN_REPEAT_MINUTES', 10, 24 * 60),
    clockSkewMs: wholeFromEnv(env, 'CHECKIN_CLOCK_SKEW_SECONDS', 120, 3600) * 1000,
    ratePerIp: wholeFromEnv(env, 'CHECKIN_RATE_IP', 600, 100_000_000),
    ratePerDevice: wholeFromEnv(env, 'CHECKIN_RATE_DEVICE', 30, 100_000_000),
    ratePerVenueDevice: wholeFromEnv(env, 'CHECKIN_RATE_VENUE_DEVICE', 120, 100_000_000),
    registrationsPerIpHour: wholeFromEnv(env, 'VENUE_REGISTRATIONS_PER_IP_HOUR', 10, 100_000_000),
    publicOrigin: env.PUBLIC_ORIGIN || null,
  };
}

export const settings: CheckinSettings = loadCheckinSettings();
