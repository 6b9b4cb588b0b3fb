import { purgeExpiredSessions } from '../auth/service.js';
import type { JobDef } from './runner.js';

/** The platform's scheduled jobs. Times are Vietnam time, chosen for the quiet night hours. */
export const JOBS: JobDef[] = [{ name: 'purge-sessions', cron: '10 3 * * *', run: (db, now) => purgeExpiredSessions(db, now) }];
