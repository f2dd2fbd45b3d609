// The one PRNG of the paper's datasets (spec section 2): a 32-bit LCG with the Numerical Recipes
// constants. Every draw is state / 2^32 as a double, and integer draws are floor(draw * n),
// computed in f64 exactly as the released JavaScript does, so that streams agree bit for bit.

const LCG_A: u32 = 1664525;
const LCG_C: u32 = 1013904223;
const TWO_POW_32: f64 = 4294967296.0;

export class Lcg {
  constructor(public state: u32) {}

  // A double in [0, 1). u32 arithmetic wraps, which is the "mod 2^32" of the definition.
  @inline next(): f64 {
    this.state = LCG_A * this.state + LCG_C;
    return <f64>this.state / TWO_POW_32;
  }

  // floor(draw * n) for 1 <= n < 2^21. In JS the product (state / 2^32) * n is exact in f64
  // (state * n < 2^53 and 2^32 is a power of two), so flooring it equals the integer
  // (state * n) >> 32: same result, no float work on the hot path.
  @inline below(n: i32): i32 {
    this.state = LCG_A * this.state + LCG_C;
    return <i32>((<u64>this.state * <u64>n) >> 32);
  }
}

// Stream seed: (seed * 2 + (split == test)) mod 2^32. The host folds its (possibly huge or
// negative) integer seed to u32 first; doubling and adding wrap the same way modulo 2^32.
export function streamSeed(seed: u32, test: bool): u32 {
  return seed * 2 + (test ? 1 : 0);
}
