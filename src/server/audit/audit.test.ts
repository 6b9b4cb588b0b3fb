import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import { peopleDb, personIn } from '../people/test-helpers.js';
import { createPerson, getPerson } from '../people/service.js';
import * as audit from './service.js';

let h: DbHandle;
let units: UnitFixture;
beforeEach(async () => {
  ({ h, units } = await peopleDb());
});
afterEach(() => h.close());

const page = { limit: 100, offset: 0 };

describe('audit log search', () => {
  it('records who read which person, and keeps each officer to the jurisdiction', async () => {
    const province = await actorFor(h.db, 'health_officer', units.province, 'cdc.tinh');
    const halong = await actorFor(h.db, 'health_officer', units.halong, 'cdc.halong');
    const mongcaiStaff = await actorFor(h.db, 'district_officer', units.mongcai, 'huyen.mongcai');
    const inHalong = (await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Trần Thị Bình', sex: 'female' }))).person;
    const inMongcai = (await createPerson(h.db, mongcaiStaff, personIn(units.kaLong, { fullName: 'Lê Văn Cường' }))).person;
    await getPerson(h.db, halong, inHalong.id);

    const all = await audit.search(h.db, province, page);
    const reads = all.rows.filter((r) => r.action === 'read');
    expect(reads).toEqual([expect.objectContaining({ username: 'cdc.halong', personId: inHalong.id, entity: 'person', via: 'test', ip: '127.0.0.1' })]);
    expect(all.rows.some((r) => r.personId === inMongcai.id)).toBe(true);

    const seenByHalong = await audit.search(h.db, halong, page);
    expect(seenByHalong.rows.length).toBeGreaterThan(0);
    expect(seenByHalong.rows.every((r) => r.personId !== inMongcai.id)).toBe(true);
    expect(seenByHalong.rows.some((r) => r.personId === inHalong.id)).toBe(true);
    expect(seenByHalong.total).toBe(seenByHalong.rows.length);

    const byPerson = await audit.search(h.db, province, { ...page, personId: inHalong.id, action: 'read' });
    expect(byPerson.total).toBe(1);
  });

  it('is refused to roles without audit access', async () => {
    const xa = await actorFor(h.db, 'commune_officer', units.hongHa);
    await expect(audit.search(h.db, xa, page)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
