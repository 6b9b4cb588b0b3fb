/**
 * Monitoring settings from the environment, read once per process. The self-report routes are
 * limited per address (per API process): enough for a household behind one carrier NAT reporting
 * for each of its members, too few to try tokens.
 */
import { wholeFromEnv } from '../env.js';

export const monitoringSettings = {
  /** Self-report requests (form and report) per IP address per minute. */
  reportsPerIpMinute: wholeFromEnv(process.env, 'QUARANTINE_REPORT_RATE_IP', 20, 100_000_000),
};
