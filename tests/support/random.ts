/**
 * Repeatable randomness for tests and benchmarks: the same seed gives the same office, load or
 * scenario on every run, so a failure or a figure can be reproduced.
 */

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One value by its share (the shares add up to 1). */
export function pick<T>(rand: () => number, shares: readonly (readonly [T, number])[]): T {
  let r = rand();
  for (const [value, share] of shares) {
    r -= share;
    if (r < 0) return value;
  }
  const last = shares.at(-1);
  if (!last) throw new Error('empty shares');
  return last[0];
}
