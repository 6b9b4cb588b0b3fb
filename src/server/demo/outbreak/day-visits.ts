/** One day's visits, and look-ups over them: the visits at a venue, a person's own visits. */

export const RECORDED = 1;
export const CHECKED_OUT = 2;

/** One day's visits in parallel arrays; a person's visits are consecutive. */
export class DayVisits {
  length = 0;
  person = new Int32Array(0);
  venue = new Int32Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  flags = new Uint8Array(0);

  reset(capacity: number): void {
    this.length = 0;
    if (this.person.length < capacity) this.grow(capacity);
  }

  private grow(capacity: number): void {
    const copy = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.person = copy(this.person, (n) => new Int32Array(n));
    this.venue = copy(this.venue, (n) => new Int32Array(n));
    this.start = copy(this.start, (n) => new Int32Array(n));
    this.end = copy(this.end, (n) => new Int32Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
  }

  push(person: number, venue: number, start: number, end: number, flags: number): void {
    if (this.length === this.person.length) this.grow(Math.max(1024, this.length * 2));
    const i = this.length++;
    this.person[i] = person;
    this.venue[i] = venue;
    this.start[i] = start;
    this.end[i] = end;
    this.flags[i] = flags;
  }
}


export class DayIndex {
  /** The visits at venue v are order[venueStart[v] … venueStart[v + 1]). */
  readonly venueStart: Int32Array;
  order = new Int32Array(0);
  private visits: DayVisits | null = null;

  constructor(venueCount: number) {
    this.venueStart = new Int32Array(venueCount + 1);
  }

  build(visits: DayVisits): void {
    this.visits = visits;
    const start = this.venueStart;
    start.fill(0);
    for (let i = 0; i < visits.length; i++) start[visits.venue[i] + 1]++;
    for (let v = 1; v < start.length; v++) start[v] += start[v - 1];
    if (this.order.length < visits.length) this.order = new Int32Array(Math.ceil(visits.length * 1.2));
    const fill = start.slice(0, start.length - 1);
    for (let i = 0; i < visits.length; i++) this.order[fill[visits.venue[i]]++] = i;
  }

  /** The first of person's visits and the one after the last (visits are generated person by person). */
  visitsOf(person: number): [number, number] {
    const p = this.visits!.person;
    const n = this.visits!.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid] < person) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < n && p[end] === person) end++;
    return [lo, end];
  }
}
