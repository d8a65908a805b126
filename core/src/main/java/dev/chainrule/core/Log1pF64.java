package dev.chainrule.core;

/**
 * log(1 + x) and softplus over float64 arrays, and the template of their float32 twin
 * ({@code Log1pF32}, generated at build time). Both called {@code Math.log1p} once per element, a
 * native call (10 ns an element for log1p, 16.5 for softplus with its Math.exp, at 3.2 times
 * PyTorch's time per call in float32 at 256 elements); here u's logarithm runs FastLog's loops
 * ({@link TranscendentalF64#log}), the exponential FastMath's, which vectorize.
 *
 * <p>log(1 + x) = log u + (x − (u − 1))/u for u = 1 + x rounded: the quotient puts back what the
 * rounding of u lost, to first order, the only order left (its square is below u's rounding
 * squared, 2⁻¹⁰⁶; Goldberg's correction). u − 1 is exact wherever the correction is not negligible
 * (u within a factor of 2 of 1). Where u is 1 (|x| below half an ulp of 1) the result is x itself,
 * −0.0 kept; where the quotient is not a number (u = 0 at x = −1, u = ∞) log u alone is the
 * answer, −∞ or ∞. Within 4 ulps of StrictMath.log1p (float32: 3 float ulps), {@code Log1pTest};
 * softplus within 4 in both, float32's bound set by e^−|x|'s error, which near x = −2.75 counts
 * two of the result's ulps for one of its own (the float32 softplus was correctly rounded before,
 * in float64 one element at a time; PyTorch's is within about 1).
 */
final class Log1pF64 {
  /** Elements per block of the scratch arrays, 16 KiB each in float64. */
  private static final int BLOCK = 2048;

  private Log1pF64() {}

  /** log(1 + x) of every element; {@code out} may be {@code in}. */
  static void log1p(double[] in, double[] out) {
    double[] x = new double[Math.min(in.length, BLOCK)];
    double[] u = new double[x.length];
    double[] log = new double[x.length];
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      System.arraycopy(in, from, x, 0, length);
      for (int i = 0; i < length; i++) {
        u[i] = 1 + x[i];
      }
      TranscendentalF64.log(u, log, 0, length);
      correct(x, u, log, length);
      for (int i = 0; i < length; i++) {
        if (log[i] != log[i]) {
          // The quotient is not a number where u is 0 (x = −1) or ∞ (x = ∞): log u alone, −∞
          // or ∞, is the answer there; NaN stays NaN. A scan whose branch numbers never take.
          log[i] = x[i] == -1 ? Double.NEGATIVE_INFINITY
              : x[i] == Double.POSITIVE_INFINITY ? x[i] : log[i];
        }
      }
      System.arraycopy(log, 0, out, from, length);
    }
  }

  /**
   * log(1 + eˣ) = max(x, 0) + log1p(e^−|x|) of every element: the exponential only ever sees a
   * non-positive argument, so nothing overflows, and u = 1 + e^−|x| lies in [1, 2], where the
   * correction is always a number. {@code out} may be {@code in}.
   */
  static void softplus(double[] in, double[] out) {
    double[] x = new double[Math.min(in.length, BLOCK)];
    double[] exp = new double[x.length];
    double[] u = new double[x.length];
    double[] log = new double[x.length];
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      System.arraycopy(in, from, x, 0, length);
      for (int i = 0; i < length; i++) {
        u[i] = -Math.abs(x[i]);
      }
      TranscendentalF64.exp(u, exp, 0, length);
      for (int i = 0; i < length; i++) {
        u[i] = 1 + exp[i];
      }
      TranscendentalF64.log(u, log, 0, length);
      correct(exp, u, log, length);
      for (int i = 0; i < length; i++) {
        log[i] += Math.max(x[i], 0);
      }
      System.arraycopy(log, 0, out, from, length);
    }
  }

  /**
   * log[i] ← log1p(x[i]) from u = 1 + x rounded and log u, as the class comment says, in
   * arithmetic that vectorizes: no branch for u = 1 (|x| below half an ulp of 1), where the sum
   * is 0 + x = x but for x = −0.0, which it makes +0.0, and the minimum with x puts back; the
   * minimum changes nothing else, log1p(x) ≤ x everywhere (where the computed sum exceeds x,
   * x is the closer of the two). The blocks are copied into arrays indexed alike: HotSpot 17 did
   * not vectorize a loop over in[from + i] and scratch[i], and a branch per element for u = 1 and
   * for a quotient that is not a number kept this loop scalar (float32 log1p 4.9 ns an element,
   * PyTorch 1.1).
   */
  private static void correct(double[] x, double[] u, double[] log, int length) {
    for (int i = 0; i < length; i++) {
      log[i] = Math.min(log[i] + (x[i] - (u[i] - 1)) / u[i], x[i]);
    }
  }
}
