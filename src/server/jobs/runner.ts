import PgBoss from 'pg-boss';
import type { Db, DbHandle } from '../db/handle.js';

/** A scheduled job: what it does and when (cron, Asia/Ho_Chi_Minh time). */
export interface JobDef {
  name: string;
  cron: string;
  run(db: Db, now: Date): Promise<Record<string, unknown>>;
}

export interface Jobs {
  /** Queues a job to run now (the admin's "run now", and tests). */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the scheduled jobs with pg-boss, in the same database: every API process may start it,
 * and pg-boss makes sure each scheduled run happens once across them.
 */
export async function startJobs(
  handle: DbHandle,
  defs: JobDef[],
  opts: { log: (msg: string, data?: unknown) => void; pollingSeconds?: number },
): Promise<Jobs> {
  const boss = new PgBoss({ db: { executeSql: handle.executeSql }, schema: 'pgboss' });
  boss.on('error', (err) => opts.log('job system error', { err: err.message }));
  await boss.start();
  for (const def of defs) {
    await boss.createQueue(def.name);
    await boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
    await boss.work(def.name, { pollingIntervalSeconds: opts.pollingSeconds ?? 10 }, async () => {
      const result = await def.run(handle.db, new Date());
      opts.log(`job ${def.name} done`, result);
      return result;
    });
  }
  return {
    runNow: async (name) => {
      await boss.send(name, {});
    },
    stop: () => boss.stop({ graceful: true, wait: true }),
  };
}
