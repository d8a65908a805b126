package dev.chainrule.core;

/**
 * erfc over float32 arrays in float arithmetic, which the JIT vectorizes: the float32 kernels of
 * erfc and GELU ({@link SpecialFunctions#erfc(float[], float[], int, int)}). They took erfc in
 * float64 one element at a time ({@link SpecialFunctions}: a table, a loop, Math.exp), 27 ns an
 * element for GELU against PyTorch's 0.43; float64 keeps that path, accurate to 1e-15.
 *
 * <p>For a = |x|, erfc(a) = e^(−a²)·t·h(t) with t = 1/(1 + a/2) (the substitution of Numerical
 * Recipes' erfcc): h(t) = e^(a²)·erfc(a)/t runs smoothly from 1 at a = 0 to 1/(2√π) as a → ∞, so
 * a polynomial of degree 11 in u = (2t − 1 − t₀)/(1 − t₀), t₀ = t(10.1), holds it within 1.8e-9
 * relative on [0, 10.1] (fitted to scipy's erfcx on Chebyshev nodes, each coefficient rounded to
 * float in turn and the later ones fitted again; the constant keeps a second float for its
 * rounding). Past a = 10.1 erfc rounds to 0 in float32, so a is limited there, which keeps a² and
 * the polynomial finite for a = ∞. e^(−a²) = e^(−s)·(1 − r) with s = a² rounded and r its exact
 * rounding error (Dekker's product, no fused multiply-add needed): e^(−s) of a rounded s near
 * a = 10 would be off by 100 ulps. For x &lt; 0, erfc(x) = 2 − erfc(|x|).
 *
 * <p>Measured against the float64 erfc on 4 million points of [−10.1, 10.1] and every float in
 * [1/32, 1/8) ({@code FloatErfcTest}): within 8 float ulps where the result is a normal float
 * (worst 6.26, 3.8e-7 relative, with fused multiply-adds; 6.90 without; the rounding of t, which
 * h reads too, and the exponential take most of it), within 2⁻¹⁴⁷ where it is subnormal.
 * PyTorch 1.13's float32 GELU, an approximation of erf with 1.5e-7 absolute error, is off by up
 * to 49 ulps on [−2, 0] and by more than its value below −5.
 *
 * <p>The steps are five loops over blocks, as {@link TranscendentalF64}'s are several: −a², its
 * exponential, the division, the polynomial, and the product with the sign. Together in one
 * loop they took 16–25 ns an element (HotSpot 17 vectorized none of it: FastMath.exp of a²
 * computed in the loop alone took 9–10 ns, of the same values read from an array 0.6); the
 * five loops, each a method of its own over arrays indexed alike, take 1.4–2.0.
 * {@link #erfc(float)} is the same steps for one element, with the same bits.
 */
final class FloatErfc {
  private FloatErfc() {}

  /** Where erfc rounds to 0 in float32 (erfc(10.1) ≈ 2.8e-46, below half of 2⁻¹⁴⁹). */
  private static final float LIMIT = 10.1f;
  /** u = t·U_SCALE − U_SHIFT maps t ∈ [t(10.1), 1] onto [−1, 1]. */
  private static final float U_SCALE = 2.3960394859313965f;
  private static final float U_SHIFT = 1.396039605140686f;
  /** Veltkamp's splitter for float: 2¹² + 1. */
  private static final float SPLIT = 4097f;
  /** 2¹²⁶: −x·2¹²⁶·2¹²⁶ is at least 1 for every negative x, 2⁻¹⁴⁹ included. */
  private static final float HUGE = 0x1p126f;
  /** Below this, erfc(a) is 1 − (2/√π)·a to a fraction of an ulp. */
  private static final float NEAR = 0x1p-10f;
  private static final float TWO_OVER_SQRT_PI = (float) (2 / Math.sqrt(Math.PI));
  /** h's coefficients from u⁰ to u¹¹; the constant's rounding error is C0_LOW. */
  private static final float C0 = 5.714730620e-01f;
  private static final float C0_LOW = -2.030023083e-08f;
  private static final float C1 = 3.264239430e-01f;
  private static final float C2 = 1.023375839e-01f;
  private static final float C3 = 6.032795645e-03f;
  private static final float C4 = -6.189723965e-03f;
  private static final float C5 = -6.279450608e-04f;
  private static final float C6 = 6.018959684e-04f;
  private static final float C7 = -7.691614314e-07f;
  private static final float C8 = -6.680357910e-05f;
  private static final float C9 = 1.308492665e-05f;
  private static final float C10 = 5.228296232e-06f;
  private static final float C11 = -2.331754104e-06f;

  /** Elements per block: the block's three arrays, 8 KiB each, stay in cache between loops. */
  private static final int BLOCK = 2048;

  /**
   * erfc of elements {@code from} to {@code to}; {@code out} may be {@code in}. Each block is
   * copied into arrays of its own, where every loop indexes all its arrays alike: a loop reading
   * {@code in[i]} and writing {@code scratch[i − start]} did not vectorize (HotSpot 17 cannot
   * rule out that the two arrays are one, offset), and the five loops took 8 ns an element
   * against 2.0 over 2^18 floats.
   */
  static void erfc(float[] in, float[] out, int from, int to) {
    int size = Math.min(BLOCK, to - from);
    float[] x = new float[size];
    float[] tail = new float[size];
    float[] exp = new float[size];
    for (int start = from, length; start < to; start += length) {
      length = Math.min(BLOCK, to - start);
      System.arraycopy(in, start, x, 0, length);
      negativeSquares(x, exp, length);
      exponentials(exp, length);
      reciprocals(x, tail, length);
      polynomials(tail, length);
      finishes(x, tail, exp, length);
      System.arraycopy(tail, 0, out, start, length);
    }
  }

  private static void negativeSquares(float[] x, float[] squares, int length) {
    for (int i = 0; i < length; i++) {
      float a = limited(x[i]);
      squares[i] = -(a * a);
    }
  }

  private static void exponentials(float[] values, int length) {
    for (int i = 0; i < length; i++) {
      values[i] = FastMath.exp(values[i]);
    }
  }

  private static void reciprocals(float[] x, float[] t, int length) {
    for (int i = 0; i < length; i++) {
      t[i] = t(x[i]);
    }
  }

  private static void polynomials(float[] t, int length) {
    for (int i = 0; i < length; i++) {
      t[i] = tTimesH(t[i]);
    }
  }

  /** erfc into {@code tail}, which holds t·h(t) on the way in. */
  private static void finishes(float[] x, float[] tail, float[] exp, int length) {
    for (int i = 0; i < length; i++) {
      tail[i] = finish(x[i], tail[i], exp[i]);
    }
  }

  static float erfc(float x) {
    float a = limited(x);
    return finish(x, tTimesH(t(x)), FastMath.exp(-(a * a)));
  }

  /** |x| limited to where erfc is not yet 0; NaN stays NaN. */
  private static float limited(float x) {
    return Math.min(Math.abs(x), LIMIT);
  }

  private static float t(float x) {
    return 1 / (1 + 0.5f * limited(x));
  }

  /** t·h(t), h's polynomial by Horner's rule in u, its constant added last with its low part. */
  private static float tTimesH(float t) {
    float u = FastMath.madd(t, U_SCALE, -U_SHIFT);
    float p = FastMath.madd(C11, u, C10);
    p = FastMath.madd(p, u, C9);
    p = FastMath.madd(p, u, C8);
    p = FastMath.madd(p, u, C7);
    p = FastMath.madd(p, u, C6);
    p = FastMath.madd(p, u, C5);
    p = FastMath.madd(p, u, C4);
    p = FastMath.madd(p, u, C3);
    p = FastMath.madd(p, u, C2);
    p = FastMath.madd(p, u, C1);
    return t * (C0 + FastMath.madd(p, u, C0_LOW));
  }

  /**
   * tTimesH·e^(−a²), the exponential's argument a² corrected by its rounding error r (a's halves
   * of 12 bits multiply without rounding): e^(−a²) = e^(−s)·(1 − r) for s = a² rounded. Then
   * 2 − that for negative x, as (1 − 2n)·tail + 2n with n = 1 for x &lt; 0 and 0 for x ≥ 0 (and
   * −0.0): tail itself, or 2 − tail rounded once. Below a = 2⁻¹⁰ the tail is the series' first
   * two terms instead, taken by the same arithmetic. n is −x scaled by 2²⁵² and limited to [0, 1],
   * which takes even the smallest subnormal x to 1: arithmetic, where a select or copySign (its
   * bits) kept the loop from vectorizing (2.7 ns an element against 0.4).
   */
  private static float finish(float x, float tTimesH, float expOfMinusS) {
    float a = limited(x);
    float s = a * a;
    float split = a * SPLIT;
    float high = split - (split - a);
    float low = a - high;
    float r = ((high * high - s) + 2 * high * low) + low * low;
    float far = tTimesH * expOfMinusS * (1 - r);
    // Near 0, 1 − (2/√π)·a, whose next term (2/√π)·a³/3 is below 2⁻³¹ there, so that erfc(0)
    // is 1 exactly (the polynomial's was 1 − 2⁻²⁴: GELU's gradient at 0 read 0.49999997).
    float near = FastMath.madd(-TWO_OVER_SQRT_PI, a, 1);
    float isFar = positive(a - NEAR);
    float tail = FastMath.madd(isFar, far, (1 - isFar) * near);
    float negative = positive(-x);
    return FastMath.madd(1 - 2 * negative, tail, 2 * negative);
  }

  /**
   * 1 where v &gt; 0, 0 where v ≤ 0 (−0.0 included), NaN for NaN: v scaled by 2²⁵², which takes
   * even 2⁻¹⁴⁹ past 1, and limited to [0, 1]. Arithmetic, where a select kept loops scalar.
   */
  static float positive(float v) {
    return Math.min(Math.max(v * HUGE * HUGE, 0), 1);
  }
}
