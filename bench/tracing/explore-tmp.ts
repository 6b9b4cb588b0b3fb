import { sql } from 'drizzle-orm';
import { openPostgres, queryRows } from '../../src/server/db/handle.js';
import { buildPopulation } from '../../src/server/demo/outbreak/population.js';
import { generateVenues } from '../../src/server/demo/outbreak/venues.js';
import { simulate } from '../../src/server/demo/outbreak/simulate.js';
import { proposalsStatement } from '../../src/server/cases/proposals-sql.js';
import { tracingRules } from '../../src/server/cases/proposals.js';
import { clearTracing, provinceCommunes, reuseLoaded } from './setup.js';
import { sampleF0s } from './sample.js';
import { dayStartMs } from '../../src/server/demo/outbreak/time.js';
const url = 'postgres://postgres@127.0.0.1:5432/phongdich_bench_tracing';
const handle = openPostgres(url, 2);
const { communes } = await provinceCommunes(handle);
const population = buildPopulation({ seed: 2021, count: 1300000, communes, provinceCode: '22', asOf: '2021-09-01', batchSize: 5000 });
const outbreak = simulate({ population, venues: generateVenues(population, 2021), startDate: '2021-09-01', days: 14, seed: 2021, indexCases: 150, r: 2.5 });
const loaded = await reuseLoaded(handle, outbreak);
await clearTracing(handle);
const rules = await tracingRules(handle.db);
const { picked } = sampleF0s(loaded.infections, 14, 60, 2021);
async function series(label: string) {
  const exec: number[] = []; const trig: number[] = []; const scan: number[] = [];
  for (const p of picked) {
    const f = p.infection;
    const fromDay = f.symptomatic ? f.onsetDay - 2 : f.sampleDay! - 2;
    const w = { personId: f.personId, level: 0, from: new Date(dayStartMs('2021-09-01', fromDay)), to: new Date() };
    let text: string[] = [];
    try {
      await handle.db.transaction(async (tx) => {
        text = (await queryRows<any>(tx, sql`explain (analyze, buffers) ${proposalsStatement(w, rules)}`)).map((r) => r['QUERY PLAN']);
        throw new Error('rollback');
      });
    } catch (e) { if ((e as Error).message !== 'rollback') throw e; }
    const n = (re: RegExp) => text.map((l) => re.exec(l)).filter(Boolean).reduce((s, m) => s + Number(m![1]), 0);
    exec.push(n(/Execution Time: ([\d.]+)/)); trig.push(n(/Trigger for constraint .*time=([\d.]+)/));
    const scanLine = text.find((l) => /on checkins o /.test(l)); scan.push(scanLine ? Number(/actual time=[\d.]+\.\.([\d.]+)/.exec(scanLine)![1]) * Number(/loops=(\d+)/.exec(scanLine)![1]) : 0);
  }
  const q = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); return Math.round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]); };
  console.log(label, 'execution p50', q(exec, 0.5), 'p95', q(exec, 0.95), '| FK triggers p50', q(trig, 0.5), '| co-visitor scan p50', q(scan, 0.5), 'p95', q(scan, 0.95));
}
await series('baseline (warm-up)');
await series('baseline');
await handle.db.execute(sql`create index if not exists checkins_venue_time_cover on checkins (venue_id, checked_in_at) include (person_id, checked_out_at)`);
await handle.db.execute(sql`vacuum (analyze) checkins`);
await series('covering index (warm-up)');
await series('covering index');
await handle.db.execute(sql`drop index checkins_venue_time_cover`);
await handle.close();
