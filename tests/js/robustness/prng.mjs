// A small seeded PRNG (sfc32) so every mutated input can be regenerated from
// its seed file and variant number.

export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Rng {
  constructor(seed) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next() {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in 0..n-1 (0 when n is 0). */
  below(n) {
    return n <= 0 ? 0 : this.next() % n;
  }

  /** Uniform in lo..hi inclusive. */
  range(lo, hi) {
    return lo + this.below(Math.max(0, hi - lo) + 1);
  }

  byte() {
    return this.next() & 0xff;
  }

  pick(items) {
    return items[this.below(items.length)];
  }
}
