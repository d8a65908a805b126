package dev.chainrule.core;

/**
 * erf over float32 arrays in float arithmetic that vectorizes, as {@link FloatErfc} is for erfc;
 * the float32 erf kernel picks it by overloading {@link SpecialFunctions#erf(float[], float[],
 * int, int)}. It took erf in float64 one element at a time, a series of up to 40 terms.
 *
 * <p>Below |x| = 1, erf(x) = x·q(x²) with q a polynomial of degree 6 fitted to erf(x)/x (its
 * constant 2/√π kept as two floats): 1 − erfc(|x|) would cancel there, erf(x) ≈ 1.13x near 0.
 * From 1 on, erf = ±(1 − erfc(|x|)), erfc(|x|) ≤ 0.157 from {@link FloatErfc}, so that its few
 * ulps become fewer in the difference. Both are computed for every element and one is taken
 * by arithmetic (a select kept the loop scalar): big·large + (1 − big)·small with big 0 or 1,
 * which keeps either exactly, −0.0 included (erf(−0.0) = −0.0, as PyTorch's). Measured against
 * the float64 erf ({@code FloatErfTest}): within 2 float ulps (worst 1.48).
 */
final class FloatErf {
  private FloatErf() {}

  /** Elements per block of the two scratch arrays (x and erfc(|x|)), 8 KiB each. */
  private static final int BLOCK = 2048;
  /** Where the polynomial ends and 1 − erfc begins. */
  private static final float BOUND = 1f;
  /** q's coefficients in z = x², from z⁰ (2/√π as HIGH + LOW) to z⁶. */
  private static final float HIGH = 1.128379226e+00f;
  private static final float LOW = -5.863538277e-08f;
  private static final float Q1 = -3.761262894e-01f;
  private static final float Q2 = 1.128360704e-01f;
  private static final float Q3 = -2.685449645e-02f;
  private static final float Q4 = 5.189391319e-03f;
  private static final float Q5 = -8.018241497e-04f;
  private static final float Q6 = 7.877519965e-05f;

  /**
   * erf of elements {@code from} to {@code to}; {@code out} may be {@code in}. Blocks are copied
   * into arrays of their own, every loop indexing its arrays alike, so that the loops vectorize
   * (see {@link FloatErfc#erfc(float[], float[], int, int)}).
   */
  static void erf(float[] in, float[] out, int from, int to) {
    int size = Math.min(BLOCK, to - from);
    float[] x = new float[size];
    float[] tail = new float[size];
    for (int start = from, length; start < to; start += length) {
      length = Math.min(BLOCK, to - start);
      System.arraycopy(in, start, x, 0, length);
      magnitudes(x, tail, length);
      FloatErfc.erfc(tail, tail, 0, length);
      combined(x, tail, length);
      System.arraycopy(tail, 0, out, start, length);
    }
  }

  private static void magnitudes(float[] x, float[] magnitude, int length) {
    for (int i = 0; i < length; i++) {
      magnitude[i] = Math.abs(x[i]);
    }
  }

  /** erf into {@code tail}, which holds erfc(|x|) on the way in. */
  private static void combined(float[] x, float[] tail, int length) {
    for (int i = 0; i < length; i++) {
      tail[i] = combine(x[i], tail[i]);
    }
  }

  static float erf(float x) {
    return combine(x, FloatErfc.erfc(Math.abs(x)));
  }

  /**
   * The polynomial's value at x limited to [−1, 1] (finite for every x) or ±(1 − tail), the sign
   * as x/max(|x|, 2⁻¹⁴⁹) of x limited to [−1, 1]: ±1, −0.0 at −0.0 (and not ∞/∞ at ±∞).
   */
  private static float combine(float x, float tail) {
    float limited = Math.min(Math.max(x, -BOUND), BOUND);
    float z = limited * limited;
    float q = FastMath.madd(Q6, z, Q5);
    q = FastMath.madd(q, z, Q4);
    q = FastMath.madd(q, z, Q3);
    q = FastMath.madd(q, z, Q2);
    q = FastMath.madd(q, z, Q1);
    float small = limited * (HIGH + FastMath.madd(q, z, LOW));
    float sign = limited / Math.max(Math.abs(limited), Float.MIN_VALUE);
    float large = sign * (1 - tail);
    float big = FloatErfc.positive(Math.abs(x) - BOUND);
    return FastMath.madd(big, large, (1 - big) * small);
  }
}
