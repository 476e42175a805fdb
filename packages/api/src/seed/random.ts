import { hash } from 'node:crypto';

/**
 * A small seeded PRNG for the demo data. Every generator draws from a stream seeded by a stable key
 * (e.g. "enterprise:sentra-lumpia-semarang-tengah#3"), so adding one record does not reshuffle the
 * others and every run produces the same data. Math.random is never used.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** n distinct items in random order (all of them when n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[];
  shuffle<T>(items: readonly T[]): T[];
  /** A string of n decimal digits. */
  digits(n: number): string;
  /** Log-uniform in [min, max]: as many values between 10 and 100 as between 100 and 1000. */
  logUniform(min: number, max: number): number;
}

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** First 32 bits of SHA-256 of the key: a seed that does not depend on the JavaScript engine. */
export function seedOf(key: string): number {
  return Number.parseInt(hash('sha256', key, 'hex').slice(0, 8), 16);
}

/**
 * A stream's draws, as methods shared by every stream: seed:synthetic opens two streams per IKM,
 * and a set of closures per stream (each named by the TypeScript loader) cost more than the draws.
 */
class Stream implements Random {
  constructor(readonly next: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  digits(n: number): string {
    let text = '';
    for (let i = 0; i < n; i += 1) text += String(this.int(0, 9));
    return text;
  }

  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }
}

export function randomFor(key: string): Random {
  return new Stream(mulberry32(seedOf(key)));
}
