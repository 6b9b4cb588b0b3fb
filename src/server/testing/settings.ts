/**
 * Testing settings from the environment, read once per process. The citizen look-up is limited
 * per address (per API process): enough for a family behind one carrier NAT, too few to guess
 * codes and identities.
 */
function whole(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

export const settings = {
  /** Result look-ups per IP address per minute. */
  lookupsPerIpMinute: whole('TESTING_LOOKUP_RATE_IP', 10, 100_000_000),
};
