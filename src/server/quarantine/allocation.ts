// Room allocation: no cross-infection inside a facility. People admitted on different (Vietnam)
// days, or of different risk, never share a room: each (day, risk) is a cohort, and a room that
// already holds a cohort keeps it until it empties. A household may share a family room when the
// facility has them and the profile allows it; rooms marked for men or women take only them, and
// an unmarked room holds strangers of one sex when the profile separates by sex. Pure: the SQL
// that reads the rooms is in room-state.ts.
import type { Sex } from '../../shared/api/people.js';
import type { StayRisk } from '../../shared/api/quarantine.js';

export interface AllocationRules {
  separateByDay: boolean;
  separateByRisk: boolean;
  /** The profile allows family rooms and the facility has them. */
  familyRooms: boolean;
  separateBySex: boolean;
}

export interface Occupant {
  day: string;
  risk: StayRisk;
  sex: Sex;
  household: string | null;
}

export interface RoomState {
  id: number;
  capacity: number;
  sex: 'male' | 'female' | 'any';
  occupants: Occupant[];
}

export interface Newcomer extends Occupant {
  personId: number;
}

export interface Allocation {
  /** person → room */
  rooms: Map<number, number>;
  /** people no room could take */
  unplaced: number[];
}

/** The cohort a person belongs to. F0s are all infected: they are kept apart from others, not by day. */
export function cohortOf(rules: AllocationRules, p: { day: string; risk: StayRisk }): string {
  const day = rules.separateByDay && p.risk !== 'f0' ? p.day : '*';
  return `${day}|${rules.separateByRisk ? p.risk : '*'}`;
}

interface Live {
  room: RoomState;
  order: number;
  free: number;
  /** null: empty; 'mixed': holds more than one cohort (a staff override) and takes nobody else */
  cohort: string | null;
  sexes: Set<Sex>;
  /** the household the room is a family room for */
  family: string | null;
}

function live(rules: AllocationRules, room: RoomState, order: number): Live {
  const cohorts = new Set(room.occupants.map((o) => cohortOf(rules, o)));
  const households = new Set(room.occupants.map((o) => o.household));
  const family = rules.familyRooms && households.size === 1 && room.occupants[0].household !== null ? room.occupants[0].household : null;
  return {
    room,
    order,
    free: room.capacity - room.occupants.length,
    cohort: cohorts.size === 0 ? null : cohorts.size === 1 ? [...cohorts][0] : 'mixed',
    sexes: new Set(room.occupants.map((o) => o.sex)),
    family,
  };
}

/** Whether a stranger of this sex may be put in the room. */
function sexFits(rules: AllocationRules, r: Live, sex: Sex): boolean {
  if (r.room.sex !== 'any') return r.room.sex === sex;
  if (!rules.separateBySex) return true;
  return [...r.sexes].every((s) => s === sex);
}

function place(r: Live, p: Newcomer, cohort: string, out: Map<number, number>): void {
  out.set(p.personId, r.room.id);
  r.free--;
  r.cohort = cohort;
  r.sexes.add(p.sex);
}

export function allocateRooms(rooms: readonly RoomState[], people: readonly Newcomer[], rules: AllocationRules): Allocation {
  const state = rooms.map((room, i) => live(rules, room, i));
  const out = new Map<number, number>();
  const alone: Newcomer[] = [];

  // Households first, largest first, each into one room that holds them all.
  if (rules.familyRooms) {
    const households = new Map<string, Newcomer[]>();
    for (const p of people) {
      if (p.household === null) {
        alone.push(p);
        continue;
      }
      const key = `${cohortOf(rules, p)}#${p.household}`;
      const members = households.get(key);
      if (members) members.push(p);
      else households.set(key, [p]);
    }
    const groups = [...households.values()].sort((a, b) => b.length - a.length || a[0].personId - b[0].personId);
    for (const members of groups) {
      if (members.length < 2) {
        alone.push(...members);
        continue;
      }
      const cohort = cohortOf(rules, members[0]);
      const household = members[0].household!;
      const sexes = new Set(members.map((m) => m.sex));
      const fits = (r: Live) =>
        r.free >= members.length &&
        (r.room.sex === 'any' || (sexes.size === 1 && sexes.has(r.room.sex))) &&
        (r.cohort === null || (r.cohort === cohort && r.family === household));
      // Their own family room first, then the empty room that fits them best.
      const room =
        state.find((r) => r.cohort !== null && fits(r)) ??
        state.filter((r) => r.cohort === null && fits(r)).sort((a, b) => a.free - b.free || a.order - b.order)[0];
      if (!room) {
        alone.push(...members);
        continue;
      }
      for (const m of members) place(room, m, cohort, out);
      room.family = household;
    }
  } else {
    alone.push(...people);
  }

  // Everyone else by cohort and (when separated) sex: fill the cohort's open rooms, then open
  // empty ones, rooms marked for the sex before unmarked ones, in the facility's order.
  const groups = new Map<string, Newcomer[]>();
  for (const p of alone) {
    const key = `${cohortOf(rules, p)}/${rules.separateBySex ? p.sex : '*'}`;
    const members = groups.get(key);
    if (members) members.push(p);
    else groups.set(key, [p]);
  }
  const unplaced: number[] = [];
  for (const key of [...groups.keys()].sort()) {
    const members = groups.get(key)!;
    const cohort = cohortOf(rules, members[0]);
    const open = state.filter((r) => r.cohort === cohort && r.family === null && r.free > 0);
    const empty = state.filter((r) => r.cohort === null && r.free > 0).sort((a, b) => Number(a.room.sex === 'any') - Number(b.room.sex === 'any') || a.order - b.order);
    const candidates = [...open, ...empty];
    // Rooms before `full` have no place left; a room another sex may not use is skipped, not dropped.
    let full = 0;
    for (const p of members) {
      let i = full;
      while (i < candidates.length && !(candidates[i].free > 0 && (candidates[i].cohort === null || candidates[i].cohort === cohort) && sexFits(rules, candidates[i], p.sex))) i++;
      if (i === candidates.length) {
        unplaced.push(p.personId);
        continue;
      }
      place(candidates[i], p, cohort, out);
      while (full < candidates.length && candidates[full].free === 0) full++;
    }
  }
  return { rooms: out, unplaced };
}
