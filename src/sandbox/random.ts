// A small seeded pseudo-random generator (mulberry32) with the few helpers the sandbox
// seed needs. The same seed always yields the same sequence, on every platform; nothing
// here reads the clock or `Math.random`. Not for cryptography.

export interface Random {
  /** Next float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct elements of `items` (all of them if `count` is larger), in pick order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  /** A lower-case UUID with the version-4 and RFC 4122 variant bits set. */
  uuid(): string;
}

const HEX = '0123456789abcdef';

export function createRandom(seed: number): Random {
  let state = seed >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick() needs a non-empty list');
    return item;
  };

  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[int(0, 15)];
    return out;
  };

  return {
    next,
    int,
    pick,
    chance: (p) => next() < p,
    sample: (items, count) => {
      const pool = [...items];
      const out: (typeof pool)[number][] = [];
      while (out.length < count && pool.length > 0) {
        const [item] = pool.splice(int(0, pool.length - 1), 1);
        if (item !== undefined) out.push(item);
      }
      return out;
    },
    hex,
    uuid: () => {
      const variant = pick(['8', '9', 'a', 'b']);
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
  };
}
