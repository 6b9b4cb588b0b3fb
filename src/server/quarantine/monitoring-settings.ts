/**
 * Monitoring settings from the environment, read once per process. The self-report routes are
 * limited per address (per API process): enough for a household behind one carrier NAT reporting
 * for each of its members, too few to try tokens.
 */
function whole(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

export const monitoringSettings = {
  /** Self-report requests (form and report) per IP address per minute. */
  reportsPerIpMinute: whole('QUARANTINE_REPORT_RATE_IP', 20, 100_000_000),
};
