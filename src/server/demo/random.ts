/**
 * Seeded randomness for generated data: the demo and the benchmark must produce the same people
 * from the same seed on every machine, so nothing here touches Math.random or the clock.
 */

/** murmur3's finaliser: spreads every input bit over the 32-bit result. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** sfc32 (Chris Doty-Humphrey's small fast counting generator), seeded through mix32. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(seed + 0x6a09e667);
    this.c = mix32(seed ^ 0xbb67ae85);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }
}

/** Picks items with given relative weights by binary search over the cumulative weights. */
export class WeightedTable<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = [];
    this.cumulative = [];
    let sum = 0;
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      sum += weight;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    if (this.items.length === 0) throw new Error('WeightedTable needs at least one positive weight');
    this.total = sum;
  }

  pick(rng: Random): T {
    const r = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/**
 * A keyed bijection on [0, size): a four-round Feistel network over the smallest even number of
 * bits covering size, with cycle walking back into range. Distinct counters give distinct,
 * random-looking numbers, which is how generated phone and document numbers stay unique.
 */
export function permute(x: number, size: number, key: number): number {
  if (!Number.isInteger(x) || x < 0 || x >= size) throw new RangeError(`permute: ${x} is outside [0, ${size})`);
  if (size > 2 ** 30) throw new RangeError('permute: size above 2^30');
  const half = Math.max(1, Math.ceil(Math.ceil(Math.log2(size)) / 2));
  const mask = (1 << half) - 1;
  let v = x;
  // The walk ends at the latest when it comes back to x itself, which is in range.
  do {
    let left = v >>> half;
    let right = v & mask;
    for (let round = 0; round < 4; round++) {
      const f = mix32(right ^ Math.imul(key ^ round, 0x9e3779b1)) & mask;
      [left, right] = [right, left ^ f];
    }
    v = ((left << half) | right) >>> 0;
  } while (v >= size);
  return v;
}
