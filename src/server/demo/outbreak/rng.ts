/**
 * Randomness for the outbreak simulator. A person's day must come out the same whether it is
 * generated for the epidemic pass or again for the check-in stream, so routine draws come from a
 * generator re-keyed per (person, day) instead of one long sequence; the epidemic's own draws use
 * the demo's sfc32 (Random) in a fixed processing order.
 */
import { mix32 } from '../random.js';

export interface Uniform {
  /** A float in [0, 1). */
  float(): number;
}

/** mulberry32, keyed by hashing: no warm-up, so re-keying it per person-day costs two hashes. */
export class KeyedRng implements Uniform {
  private s = 0;
  constructor(private readonly key: number) {}

  /** Positions the generator at the start of the stream for (a, b). */
  at(a: number, b: number): this {
    this.s = mix32(mix32(this.key ^ Math.imul(a + 1, 0x9e3779b1)) ^ Math.imul(b + 0x632be5ab, 0x85ebca77));
    return this;
  }

  float(): number {
    const s = (this.s = (this.s + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Knuth's Poisson for the small means of routines (the shared one is slower in a hot loop). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = this.float(); p > limit; p *= this.float()) k++;
    return k;
  }
}

export function normal(rng: Uniform): number {
  const u = 1 - rng.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
}

/** Marsaglia and Tsang's method; shapes below 1 through the boost gamma(a + 1)·U^(1/a). */
export function gamma(rng: Uniform, shape: number, scale: number): number {
  if (shape < 1) return gamma(rng, shape + 1, scale) * Math.pow(1 - rng.float(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.float();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

/** A duration distribution given by its mean and standard deviation (days). */
export interface MeanSd {
  mean: number;
  sd: number;
}

export function gammaMeanSd(rng: Uniform, { mean, sd }: MeanSd): number {
  if (sd <= 0) return mean;
  return gamma(rng, (mean / sd) ** 2, (sd * sd) / mean);
}

/** A gamma draw rounded to whole days, so the discretised mean stays the configured one. */
export function discreteGamma(rng: Uniform, d: MeanSd, min = 0): number {
  return Math.max(min, Math.round(gammaMeanSd(rng, d)));
}

export function poisson(rng: Uniform, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.float();
  while (p > limit) {
    k++;
    p *= rng.float();
  }
  return k;
}

/**
 * Offspring counts: negative binomial with the given mean and dispersion k (a gamma-mixed
 * Poisson; small k means a few superspreaders), Poisson when k is infinite.
 */
export function negativeBinomial(rng: Uniform, mean: number, k: number): number {
  if (!Number.isFinite(k)) return poisson(rng, mean);
  return poisson(rng, gamma(rng, k, mean / k));
}
