// Seeded permutations for the swapped-trace condition. The dataset records the permutation
// itself (train.swap.u32.gz), so the generator here only has to be deterministic, not shared
// with any other implementation.

/** mulberry32: a small, well-mixed 32-bit generator; returns draws in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly random derangement of 0..n-1 (pi[i] != i for every i): Fisher-Yates shuffles,
 *  rejected while any fixed point remains. About e (2.7) shuffles are needed on average, so
 *  rejection is cheap and, unlike Sattolo's single-cycle shuffle, every derangement is possible. */
export function derangement(n: number, seed: number): Uint32Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`derangement size must be a natural number, got ${n}`);
  if (n === 1) throw new RangeError("a single instance has no derangement (it would be trained on its own trace)");
  const draw = mulberry32(seed);
  const pi = new Uint32Array(n);
  for (;;) {
    for (let i = 0; i < n; i++) pi[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(draw() * (i + 1));
      const t = pi[i];
      pi[i] = pi[j];
      pi[j] = t;
    }
    let fixed = false;
    for (let i = 0; i < n && !fixed; i++) fixed = pi[i] === i;
    if (!fixed) return pi;
  }
}

/** Per-split seeds from one swap seed, so train and val get independent derangements. */
export function splitSeed(swapSeed: number, split: string): number {
  let h = Math.imul((swapSeed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  for (let i = 0; i < split.length; i++) h = Math.imul(h ^ split.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
