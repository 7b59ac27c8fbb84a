/** A small seeded PRNG (mulberry32): the same seed gives the same data on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }

  /** Skewed towards the start of the list, like word frequencies (roughly Zipf). */
  zipf<T>(xs: readonly T[], skew = 2.2): T {
    return xs[Math.floor(Math.pow(this.next(), skew) * xs.length)] as T;
  }

  /** A value by weight: `[[value, weight], ...]`. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  }
}

/**
 * Ids for the benchmark: UUID-shaped (version 7, so the schemas accept them), time-ordered like
 * the app's UUIDv7s, and deterministic, so that two runs over the same data write the same rows.
 */
export class SequentialIds {
  private n = 0;
  constructor(private readonly prefix = 0) {}

  newId(): string {
    this.n++;
    const hi = this.prefix.toString(16).padStart(8, '0');
    const lo = this.n.toString(16).padStart(12, '0');
    return `${hi}-0000-7000-8000-${lo}`;
  }

  /** How many ids have been handed out; a copy continues from the same point. */
  get count(): number {
    return this.n;
  }

  fork(): SequentialIds {
    const c = new SequentialIds(this.prefix);
    c.n = this.n;
    return c;
  }
}
