import { purgeExpiredSessions } from '../auth/service.js';
import { purgeDeclarations } from '../declarations/service.js';
import { purgeCheckins } from '../checkins/service.js';
import { markOverdueTasks } from '../cases/tasks-overdue.js';
import { detectClustersEverywhere } from '../cases/clusters.js';
import { sendPendingMessages } from '../cases/outbox.js';
import { runQueuedBulkDecisions } from '../cases/bulk-decisions.js';
import { alertMissedReports } from '../quarantine/missed-reports.js';
import { refreshStatistics } from '../db/statistics.js';
import type { JobDef } from './runner.js';

/** The platform's scheduled jobs, in Vietnam time: purges in the quiet night hours, tracing alerts and notifications all day. */
export const JOBS: JobDef[] = [
  { name: 'purge-sessions', cron: '10 3 * * *', run: (db, now) => purgeExpiredSessions(db, now) },
  { name: 'purge-checkins', cron: '30 3 * * *', run: async (db, now) => ({ ...(await purgeCheckins(db, now)) }) },
  { name: 'purge-declarations', cron: '20 3 * * *', run: async (db, now) => ({ ...(await purgeDeclarations(db, now)) }) },
  { name: 'overdue-tasks', cron: '*/5 * * * *', run: async (db, now) => ({ ...(await markOverdueTasks(db, now)) }) },
  // Hourly, so a day's missed self-reports are alerted soon after midnight even if a run is lost; once per stay and day.
  { name: 'missed-home-reports', cron: '15 * * * *', run: async (db, now) => ({ ...(await alertMissedReports(db, now)) }) },
  // Clusters are also detected on request (the cluster list's button); hourly, none waits for it.
  { name: 'detect-clusters', cron: '5 * * * *', run: async (db) => ({ ...(await detectClustersEverywhere(db)) }) },
  // A cluster's decision runs at once in the process that queued it; this takes up one that process left.
  { name: 'bulk-decisions', cron: '* * * * *', run: async (db) => ({ ...(await runQueuedBulkDecisions(db)) }) },
  { name: 'send-outbox', cron: '* * * * *', run: async (db, now) => ({ ...(await sendPendingMessages(db, now)) }) },
  // PGlite has no autovacuum: without this its planner never learns how big the tables have grown.
  { name: 'refresh-statistics', cron: '45 * * * *', run: async (db) => ({ ...(await refreshStatistics(db)) }) },
];
