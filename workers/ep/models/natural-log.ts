/**
 * Natural logarithm for the reversal potentials of the ionic models (four per cell and time step in TT06).
 *
 * Why not Math.log: in V8 it is a call into fdlibm, and TurboFan spills every live register of the caller around
 * each call, which in a large cell update costs more than the logarithm itself. This version is plain arithmetic
 * and a small table, so it inlines into the step loop.
 *
 * Method (table-driven reduction, Tang 1990, ACM TOMS 16:378; the scheme of glibc's log): x = 2^k·z with
 * z in [√½, √2); c is the centre of z's 1/128 sub-interval, rounded to 2^-20 so that z − c is exact:
 *   ln x = k·ln2 + ln c + ln(1 + r),  r = (z − c)/c, |r| < 2^-8,
 * with ln(1 + r) from its Taylor series to r^6 (truncation < 2^-58, under 0.2 ulp of any result this function
 * returns, as |ln x| > 1/17 once x near 1 is left to Math.log). Results agree with Math.log to within 2 ulp, and
 * to the last bit for most arguments (natural-log.test.ts). Near x = 1, where ln c and r would cancel, and for zero,
 * negative, subnormal, infinite and NaN arguments it defers to Math.log (reversal potentials never come near 1).
 * bench/ep-reference.c keeps glibc's log, which uses the same method and is the faster choice in C.
 */

const TABLE_BITS = 7;
/** High word of √½ (0x3fe6a09e667f3bcd): sub-interval i of z starts at this high word plus i·2^(20 − TABLE_BITS). */
const OFFSET_HIGH_WORD = 0x3fe6a09e;
/** 2^-k at table[k + POWER_OFFSET], to scale x by 2^-k without rebuilding its bits (after the 4·128 entries). */
const POWER_OFFSET = 1612;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer); // little-endian: words[1] is the high word (sign, exponent, top fraction)
/**
 * Per sub-interval i: c, 1/c, ln c at 4i, 4i + 1, 4i + 2 (4i comes from a mask), then the powers of two. One
 * array rather than several: each module array read in naturalLog costs bytecode bytes (see the note there).
 */
const table = new Float64Array(POWER_OFFSET + 1100);

function valueOfHighWord(highWord: number): number {
  words[1] = highWord >>> 0;
  words[0] = 0;
  return bits[0]!;
}

for (let i = 0; i < 1 << TABLE_BITS; i++) {
  const from = valueOfHighWord(OFFSET_HIGH_WORD + (i << (20 - TABLE_BITS)));
  const to = valueOfHighWord(OFFSET_HIGH_WORD + ((i + 1) << (20 - TABLE_BITS)));
  const c = Math.round(((from + to) / 2) * 2 ** 20) / 2 ** 20;
  table.set([c, 1 / c, Math.log(c)], 4 * i);
}
for (let k = -1100; k < 1100; k++) table[POWER_OFFSET + k] = 2 ** -k;

export function naturalLog(x: number): number {
  // Literals instead of the named constants above: V8 inlines at most 920 bytes of bytecode into one caller (TT06
  // needs 4 copies) and each module constant costs a load and a hole check. 2.2250738585072014e-308 is the
  // smallest normal double and 1.7976931348623157e308 the largest finite one (NaN fails the test too),
  // 0x3fe6a09e = OFFSET_HIGH_WORD, 4i = (offset >> (20 − TABLE_BITS − 2)) & (4·127), 1612 = POWER_OFFSET, and
  // 6.93147180369123816490e-1 + 1.90821492927058770002e-10 is ln 2 split so that k times the first is exact.
  if (!(x >= 2.2250738585072014e-308 && x <= 1.7976931348623157e308) || (x > 0.9375 && x < 1.0625)) return Math.log(x);
  bits[0] = x;
  const offset = words[1]! - 0x3fe6a09e;
  const k = offset >> 20;
  const t = (offset >> 11) & 508;
  const T = table; // a local: one module-variable load and hole check instead of four
  const r = (x * T[k + 1612]! - T[t]!) * T[t + 1]!;
  const tail = r * r * (-0.5 + r * (0.3333333333333333 + r * (-0.25 + r * (0.2 + r * -0.16666666666666666))));
  return k * 6.9314718036912381649e-1 + T[t + 2]! + (r + (tail + k * 1.90821492927058770002e-10));
}
