/**
 * Testing settings from the environment, read once per process. The citizen look-up is limited
 * per address (per API process): enough for a family behind one carrier NAT, too few to guess
 * codes and identities.
 */
import { wholeFromEnv } from '../env.js';

export const settings = {
  /** Result look-ups per IP address per minute. */
  lookupsPerIpMinute: wholeFromEnv(process.env, 'TESTING_LOOKUP_RATE_IP', 10, 100_000_000),
};
