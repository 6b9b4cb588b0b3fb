import { sql } from 'drizzle-orm';
import { openPostgres, queryRows } from '../../src/server/db/handle.js';
import { buildPopulation } from '../../src/server/demo/outbreak/population.js';
import { generateVenues } from '../../src/server/demo/outbreak/venues.js';
import { simulate } from '../../src/server/demo/outbreak/simulate.js';
import { createCase } from '../../src/server/cases/service.js';
import { decideProposals } from '../../src/server/cases/decide.js';
import { clearTracing, provinceCommunes, reuseLoaded, tracerActor } from './setup.js';
import { pickCluster, clusterCaseInput } from './sample.js';
const people = Number(process.argv[2] ?? 1300000);
const url = 'postgres://postgres@127.0.0.1:5432/phongdich_bench_tracing';
const handle = openPostgres(url, 2);
const { provinceId, communes } = await provinceCommunes(handle);
const actor = await tracerActor(handle, provinceId);
const population = buildPopulation({ seed: 2021, count: people, communes, provinceCode: '22', asOf: '2021-09-01', batchSize: 5000 });
const outbreak = simulate({ population, venues: generateVenues(population, 2021), startDate: '2021-09-01', days: 14, seed: 2021, indexCases: 150, r: 2.5 });
const loaded = await reuseLoaded(handle, outbreak);
await clearTracing(handle);
const c = pickCluster(loaded.infections, 200);
console.log('chain', c.chainInfections, 'members', c.members.length, 'found', c.members.filter((m) => m.infection.sampleDay !== null && m.infection.sampleDay < 14).length);
const count = async () => (await queryRows<any>(handle.db, sql`select (select count(*)::int from tracing_proposals) p, (select count(*)::int from tracing_proposals where status='pending') pend, (select count(*)::int from contact_levels) cl, (select count(*)::int from tracing_tasks) t`))[0];
let t = performance.now();
const ids: number[] = [];
for (const m of c.members.slice(0, 5)) { const r = await createCase(handle.db, actor, clusterCaseInput(m.infection, '2021-09-01', 14)); ids.push(r.id); }
console.log('confirm 5 cases', Math.round(performance.now() - t), 'ms', await count());
const visits = await queryRows<any>(handle.db, sql`select subject_id, subject_visit_id, count(*)::int n from tracing_proposals where status='pending' and subject_id = ${c.members[0].infection.personId} group by 1,2 order by 2`);
console.log('first F0 visits', visits.map((v) => v.n).join(' '));
for (const v of visits.slice(0, 3)) {
  t = performance.now();
  const r = await decideProposals(handle.db, actor, { decision: 'accept', subjectVisitId: Number(v.subject_visit_id) });
  console.log('accept visit of', v.n, '→', JSON.stringify(r), Math.round(performance.now() - t), 'ms', JSON.stringify(await count()));
}
await handle.close();
