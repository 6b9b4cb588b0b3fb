import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { refusal } from '../db/fixtures.js';
import { queryRows } from '../db/handle.js';
import { registerVenue } from '../checkins/service.js';
import { venueIn } from '../checkins/test-helpers.js';
import { closeCluster, detectClusters, listCases, listClusters, renameCluster, transmissionGraph } from './service.js';
import { detectClustersEverywhere } from './clusters.js';
import { casesFixture, confirmCase, expose, peopleIn, saveModifiedProfile, type CasesFixture } from './test-helpers.js';

describe('clusters and the transmission graph', () => {
  let f: CasesFixture;
  beforeEach(async () => {
    f = await casesFixture();
  }, 60_000);
  afterEach(() => f.h.close());

  /** Three cases who were at one venue the same morning, and one case elsewhere. */
  async function venueOutbreak() {
    const venue = await registerVenue(f.h.db, f.commune, venueIn(f.units.hongHa, { name: 'Chợ Hạ Long 1' }));
    const [a, b, c, lone, neighbour] = await peopleIn(f, 5);
    const cases = [];
    for (const p of [a, b, c, lone]) cases.push(await confirmCase(f, p));
    // a and b each met the same stall keeper at the market; c and a were there the same day.
    await expose(f, [
      [a, neighbour],
      [b, neighbour],
    ], { setting: 'venue', venueId: venue.id });
    await expose(f, [[c, neighbour]], { setting: 'venue', venueId: venue.id, startedAt: '2021-09-09T10:00:00+07:00' });
    return { venue, people: { a, b, c, lone, neighbour }, cases };
  }

  it('detects a cluster from the profile’s minimum, names it after the shared venue, renames and closes it', async () => {
    const { cases } = await venueOutbreak();
    const found = await detectClusters(f.h.db, f.province);
    expect(found).toMatchObject({ created: 1, grown: 0 });
    expect(found.clusters[0]).toMatchObject({ name: 'Ổ dịch Chợ Hạ Long 1', cases: 3, status: 'active', communeName: 'Phường Hồng Hà' });
    const id = found.clusters[0].id;
    expect((await listCases(f.h.db, f.province, { clusterId: id })).rows.map((r) => r.id).sort()).toEqual(cases.slice(0, 3).map((c) => c.id).sort());
    expect(await detectClusters(f.h.db, f.province)).toMatchObject({ created: 0, grown: 0 });
    const graph = await transmissionGraph(f.h.db, f.province, { clusterId: id, maxLevel: 0 });
    expect(graph.nodes.map((n) => [n.caseId, n.clusterId]).sort()).toEqual(cases.slice(0, 3).map((c) => [c.id, id]).sort());
    // A new linked case grows the same cluster, keeping its id and name.
    const [d] = await peopleIn(f, 1);
    await confirmCase(f, d);
    await expose(f, [[d, cases[0].personId]]);
    expect(await detectClusters(f.h.db, f.province)).toMatchObject({ created: 0, grown: 1, clusters: [{ id, name: 'Ổ dịch Chợ Hạ Long 1', cases: 4 }] });
    expect(await renameCluster(f.h.db, f.district, id, { name: 'Ổ dịch chợ Hạ Long' })).toMatchObject({ id, name: 'Ổ dịch chợ Hạ Long' });
    expect(await closeCluster(f.h.db, f.district, id)).toMatchObject({ status: 'closed' });
    expect((await listClusters(f.h.db, f.commune)).rows.map((r) => r.id)).toEqual([id]);
    expect((await refusal(renameCluster(f.h.db, f.commune, id, { name: 'Tên khác' }))).status).toBe(403);
    expect((await refusal(closeCluster(f.h.db, f.district, id))).status).toBe(409);
  });

  it('detects clusters on schedule as the system, audited, and keeps a closed one with its cases', async () => {
    const { cases } = await venueOutbreak();
    expect(await detectClustersEverywhere(f.h.db)).toEqual({ provinces: 1, created: 1, grown: 0 });
    const [cluster] = (await listClusters(f.h.db, f.province)).rows;
    expect(cluster).toMatchObject({ name: 'Ổ dịch Chợ Hạ Long 1', cases: 3, status: 'active' });
    const audited = await queryRows<{ account_id: number | null; details: { created: number[] } }>(
      f.h.db,
      sql`select account_id, details from audit_log where entity = 'clusters'`,
    );
    expect(audited).toEqual([{ account_id: null, details: { provinceId: f.units.province, created: [cluster.id], grown: [] } }]);
    // Nothing new: nothing written.
    expect(await detectClustersEverywhere(f.h.db)).toEqual({ provinces: 1, created: 0, grown: 0 });
    await closeCluster(f.h.db, f.district, cluster.id);
    const [d, e, g] = await peopleIn(f, 3);
    await confirmCase(f, d);
    await expose(f, [[d, cases[0].personId]]);
    // The closed cluster keeps its cases; one case linked to it afterwards is no cluster by itself.
    expect(await detectClustersEverywhere(f.h.db)).toEqual({ provinces: 1, created: 0, grown: 0 });
    // Three are the profile's minimum: a new cluster (a resurgence).
    await confirmCase(f, e);
    await confirmCase(f, g);
    await expose(f, [
      [e, d],
      [g, d],
    ]);
    expect(await detectClustersEverywhere(f.h.db)).toEqual({ provinces: 1, created: 1, grown: 0 });
    expect((await listClusters(f.h.db, f.province)).rows.map((r) => [r.status, r.cases])).toEqual([
      ['active', 3],
      ['closed', 3],
    ]);
  });

  it('takes the minimum number of cases from the profile and names by commune without a shared venue', async () => {
    await saveModifiedProfile(f, (r) => (r.tracing.clusterMinCases = 2));
    const [a, b] = await peopleIn(f, 2);
    const caseA = await confirmCase(f, a);
    await expose(f, [[a, b]]);
    await confirmCase(f, b);
    const found = await detectClusters(f.h.db, f.province);
    expect(found.clusters).toMatchObject([{ name: 'Ổ dịch Phường Hồng Hà', cases: 2 }]);
    expect((await listCases(f.h.db, f.province, { clusterId: found.clusters[0].id })).rows.map((r) => r.id)).toContain(caseA.id);
  });

  it('draws cases, contacts and transmission edges with filters, a truncation flag and unlabelled outsiders', async () => {
    const [a, b, c, d] = await peopleIn(f, 4);
    const [far] = await peopleIn(f, 1, { communeId: f.units.kaLong });
    const caseA = await confirmCase(f, a);
    await expose(f, [
      [a, b],
      [b, c],
      [c, d],
      [a, far],
    ]);
    const caseB = await confirmCase(f, b);
    const g = await transmissionGraph(f.h.db, f.commune, { caseId: caseA.id });
    const node = (id: number) => g.nodes.find((n) => n.personId === id);
    expect(g.truncated).toBe(false);
    expect(node(a)).toMatchObject({ level: 0, caseId: caseA.id, caseCode: `BN${caseA.number}`, caseStatus: 'confirmed' });
    expect(node(b)).toMatchObject({ level: 0, caseId: caseB.id });
    expect(node(c)).toMatchObject({ level: 1, caseId: null });
    expect(node(d)).toMatchObject({ level: 2 });
    expect(node(far)).toMatchObject({ level: 1, label: null, communeId: f.units.kaLong });
    expect(node(a)?.label).toMatch(/^Nguyễn Văn/);
    expect(g.edges).toContainEqual({ source: a, target: b, setting: 'household', transmission: true });
    expect(g.edges).toContainEqual({ source: b, target: c, setting: 'household', transmission: false });
    expect((await transmissionGraph(f.h.db, f.commune, { caseId: caseA.id, maxLevel: 1 })).nodes.map((n) => n.personId)).not.toContain(d);
    expect((await transmissionGraph(f.h.db, f.commune, { maxLevel: 0 })).nodes.map((n) => n.level)).toEqual([0, 0]);
    const cut = await transmissionGraph(f.h.db, f.commune, { limit: 3 });
    expect([cut.nodes.length, cut.truncated]).toEqual([3, true]);
    expect((await transmissionGraph(f.h.db, f.commune, { from: '2000-01-01', to: '2000-12-31' })).nodes).toEqual([]);
    expect((await transmissionGraph(f.h.db, f.otherCommune, {})).nodes).toEqual([]);
    expect((await transmissionGraph(f.h.db, f.province, { unitId: f.units.hongHa, maxLevel: 0 })).nodes.map((n) => n.caseId)).toEqual([caseA.id, caseB.id]);
    expect((await transmissionGraph(f.h.db, f.province, { unitId: f.units.mongcai })).nodes).toEqual([]);
    expect((await refusal(transmissionGraph(f.h.db, f.commune, { unitId: f.units.kaLong }))).status).toBe(403);
  });
});
