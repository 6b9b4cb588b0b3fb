import { purgeExpiredSessions } from '../auth/service.js';
import { purgeDeclarations } from '../declarations/service.js';
import { purgeCheckins } from '../checkins/service.js';
import type { JobDef } from './runner.js';

/** The platform's scheduled jobs. Times are Vietnam time, chosen for the quiet night hours. */
export const JOBS: JobDef[] = [
  { name: 'purge-sessions', cron: '10 3 * * *', run: (db, now) => purgeExpiredSessions(db, now) },
  { name: 'purge-checkins', cron: '30 3 * * *', run: async (db, now) => ({ ...(await purgeCheckins(db, now)) }) },
  { name: 'purge-declarations', cron: '20 3 * * *', run: async (db, now) => ({ ...(await purgeDeclarations(db, now)) }) },
];
