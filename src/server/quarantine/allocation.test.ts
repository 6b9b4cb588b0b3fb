import { describe, expect, it } from 'vitest';
import { allocateRooms, cohortOf, type AllocationRules, type Newcomer, type RoomState } from './allocation.js';

const RULES: AllocationRules = { separateByDay: true, separateByRisk: true, familyRooms: true, separateBySex: true };
const room = (id: number, capacity: number, sex: RoomState['sex'] = 'any', occupants: RoomState['occupants'] = []): RoomState => ({ id, capacity, sex, occupants });
let next = 1;
const person = (over: Partial<Newcomer> = {}): Newcomer => ({ personId: next++, day: '2021-09-10', risk: 'f1', sex: 'male', household: null, ...over });

/** room → the people put in it */
function byRoom(rooms: Map<number, number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [p, r] of rooms) out.set(r, [...(out.get(r) ?? []), p]);
  return out;
}

describe('allocateRooms', () => {
  it('never puts people of two admission days or two risk groups in one room', () => {
    const people = [
      ...Array.from({ length: 5 }, () => person({ day: '2021-09-10' })),
      ...Array.from({ length: 5 }, () => person({ day: '2021-09-11' })),
      ...Array.from({ length: 3 }, () => person({ day: '2021-09-10', risk: 'arrival' })),
    ];
    const a = allocateRooms([room(1, 4), room(2, 4), room(3, 4), room(4, 4), room(5, 4), room(6, 4)], people, RULES);
    expect(a.unplaced).toEqual([]);
    const cohortOfPerson = new Map(people.map((p) => [p.personId, cohortOf(RULES, p)]));
    for (const members of byRoom(a.rooms).values()) expect(new Set(members.map((m) => cohortOfPerson.get(m))).size).toBe(1);
    // 5 + 5 + 3 people in rooms of 4: 2 + 2 + 1 rooms
    expect(byRoom(a.rooms).size).toBe(5);
  });

  it('keeps a room holding a cohort for that cohort, and fills it before opening another', () => {
    const held = room(1, 4, 'any', [{ day: '2021-09-09', risk: 'f1', sex: 'male', household: null }]);
    const [newDay, sameDay] = [person({ day: '2021-09-10' }), person({ day: '2021-09-09' })];
    const a = allocateRooms([held, room(2, 4)], [newDay, sameDay], RULES);
    expect(a.rooms.get(newDay.personId)).toBe(2);
    expect(a.rooms.get(sameDay.personId)).toBe(1);
  });

  it('respects capacity and refuses the rest', () => {
    const people = Array.from({ length: 7 }, () => person());
    const a = allocateRooms([room(1, 3), room(2, 3)], people, RULES);
    expect(a.rooms.size).toBe(6);
    expect(a.unplaced).toEqual([people[6].personId]);
  });

  it('puts men and women in rooms marked for them, and strangers of one sex in unmarked rooms', () => {
    const men = [person({ sex: 'male' }), person({ sex: 'male' })];
    const women = [person({ sex: 'female' }), person({ sex: 'female' }), person({ sex: 'female' })];
    const a = allocateRooms([room(1, 2, 'female'), room(2, 2, 'male'), room(3, 4, 'any')], [...women, ...men], RULES);
    expect(men.map((m) => a.rooms.get(m.personId))).toEqual([2, 2]);
    expect(women.map((w) => a.rooms.get(w.personId))).toEqual([1, 1, 3]);
    // A man cannot follow a woman into the unmarked room.
    const b = allocateRooms([room(3, 4, 'any', [{ day: '2021-09-10', risk: 'f1', sex: 'female', household: null }])], [person({ sex: 'male' })], RULES);
    expect(b.unplaced).toHaveLength(1);
    // Without separation by sex the unmarked room takes him; marked rooms still do not.
    const c = allocateRooms([room(1, 2, 'female'), room(3, 4, 'any', [{ day: '2021-09-10', risk: 'f1', sex: 'female', household: null }])], [person({ sex: 'male' })], { ...RULES, separateBySex: false });
    expect([...c.rooms.values()]).toEqual([3]);
  });

  it('keeps a household together in a family room when allowed, and apart when not', () => {
    const family = [person({ household: 'hh1', sex: 'male' }), person({ household: 'hh1', sex: 'female' }), person({ household: 'hh1', sex: 'female' })];
    const stranger = person({ sex: 'male' });
    const rooms = [room(1, 2), room(2, 2), room(3, 3), room(4, 4)];
    const a = allocateRooms(rooms, [...family, stranger], RULES);
    expect(new Set(family.map((m) => a.rooms.get(m.personId)))).toEqual(new Set([3]));
    expect(a.rooms.get(stranger.personId)).not.toBe(3);
    const b = allocateRooms(rooms, [...family, stranger], { ...RULES, familyRooms: false });
    // Separated by sex: the man of the family goes with the stranger, the women on their own.
    expect(b.rooms.get(family[0].personId)).toBe(b.rooms.get(stranger.personId));
    expect(b.rooms.get(family[1].personId)).toBe(b.rooms.get(family[2].personId));
    expect(b.rooms.get(family[0].personId)).not.toBe(b.rooms.get(family[1].personId));
  });

  it('splits a household no room can hold whole, and never mixes a family room with strangers', () => {
    const family = Array.from({ length: 3 }, () => person({ household: 'hh2' }));
    const a = allocateRooms([room(1, 2), room(2, 2)], family, RULES);
    expect(a.unplaced).toEqual([]);
    const held = room(1, 4, 'any', [
      { day: '2021-09-10', risk: 'f1', sex: 'male', household: 'hh3' },
      { day: '2021-09-10', risk: 'f1', sex: 'female', household: 'hh3' },
    ]);
    expect(allocateRooms([held], [person()], RULES).unplaced).toHaveLength(1);
  });

  it('ignores the day for F0 (all infected) but keeps them apart from F1', () => {
    const a = allocateRooms([room(1, 4), room(2, 4)], [person({ risk: 'f0', day: '2021-09-10' }), person({ risk: 'f0', day: '2021-09-11' }), person({ risk: 'f1' })], RULES);
    const [x, y, z] = [...a.rooms.values()];
    expect(x).toBe(y);
    expect(z).not.toBe(x);
  });

  it('places 5,000 people, 500 households among them, in family rooms of 4 and dormitories of 8 quickly', () => {
    const rooms = [
      ...Array.from({ length: 500 }, (_, i) => room(i + 1, 4)),
      ...Array.from({ length: 400 }, (_, i) => room(1000 + i, 8, i % 2 ? 'female' : 'male')),
    ];
    const people = Array.from({ length: 5000 }, (_, i) => person({ sex: i % 2 ? 'female' : 'male', household: i < 2000 ? `h${Math.floor(i / 4)}` : null }));
    const started = performance.now();
    const a = allocateRooms(rooms, people, RULES);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(a.unplaced).toEqual([]);
    const counts = [...byRoom(a.rooms).values()].map((m) => m.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
  });
});
