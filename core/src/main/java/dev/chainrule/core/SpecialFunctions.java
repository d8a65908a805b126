package dev.chainrule.core;

/**
 * The error function and its complement to about 1e-15 relative accuracy, for GELU and the normal
 * distribution. Java's Math has neither.
 *
 * <p>Below |x| = ½ erf is its Maclaurin series (2/√π)·Σ (−1)ⁿx^(2n+1)/(n!·(2n+1)) to n = 12, a
 * fixed polynomial in x² whose first term left out is below 1e-17 of the sum there and whose terms
 * shrink at least fourfold, so the alternation cancels nothing. From ½ up erf = 1 − erfc: erfc/erf
 * ≤ 0.93 there, so erfc's relative error passes to erf without growing. (The series of positive
 * terms, (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), up to 40 terms in a loop, took 50 ns an
 * element below 2.5; it now only builds erfc's table.) erfc(x) = 2 − erfc(−x) for x &lt; 0; for 0 ≤
 * x &lt; 4 it is e^(−x²)·w(x) with w(x) = e^(x²)·erfc(x) summed from its Taylor series about the
 * nearest of 128 centres (j + ½)/32 ({@link #fromTable}); from 4 up, the continued fraction
 * e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))), evaluated back from a depth that falls with x
 * ({@link #fractionDepth}). e^(−x²) is FastMath's exponential (the array kernels' loops vectorize
 * it) taken of x² split exactly in two, so that the rounding of x² does not reach the tail. Against
 * mpmath at 200,000 random points per range: erf within 7.5e-16 relative on [−8, 8] (worst 6.4e-16
 * near ½, where 1 − erfc takes over; a reviewer's 100,000 points on [½, 0.503] found 7.35e-16; the
 * series of positive terms gave 1.71e-15), erfc within 1.3e-15 on [−4, 27.5] (worst 1.19e-15 near
 * 0.84; within 7e-16 on [1, 27.5], where it is above 1e-300). SpecialFunctionsAccuracyTest pins
 * both on a grid.
 *
 * <p>Why a table: the fraction needs a depth of 200 near x = 1, 200 dependent divisions (exact
 * GELU took ~350 ns an element that way), where the Taylor sum is ten multiply-adds and one
 * exponential.
 */
final class SpecialFunctions {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  /** Below this erf is its Maclaurin polynomial; from here on 1 − erfc. */
  private static final double MACLAURIN_LIMIT = 0.5;
  /** (2/√π)·(−1)ⁿ/(n!·(2n+1)) for n = 0 to 12: erf(x) = x·Σ MACLAURIN[n]·x^(2n). */
  private static final double[] MACLAURIN = maclaurinCoefficients(13);
  /** Spacing of the Taylor centres of w: a point is at most 1/64 from its centre. */
  private static final double STEP = 1.0 / 32;
  private static final int CENTRES = 128;
  /** Where the Taylor table ends and the fraction takes over (depth 40 or less from there). */
  private static final double TAYLOR_LIMIT = CENTRES * STEP;
  /** Terms of w's series kept: the first left out is below 7e-21·w at |t| ≤ 1/64 (see taylor). */
  private static final int TERMS = 10;
  /** erfc's elements per block: its three arrays' blocks, 48 KiB, stay in cache. */
  private static final int BLOCK = 2048;
  /** Depth at which the fraction gives the table's w(c) for centres c ≥ 1 (converged there). */
  private static final int CENTRE_DEPTH = 200;
  /** Fraction depths from a = 4, 6 and 10 up (see {@link #fractionDepth}). */
  private static final double[] DEPTH_FROM = {6, 10};
  private static final int[] DEPTHS = {40, 25, 16};
  /** Past this, e^(−x) is below half the smallest subnormal double: 0. */
  private static final double UNDERFLOW = 746;
  /** w's Taylor coefficients, TERMS per centre; built after the constants the build uses. */
  private static final double[] TAYLOR = taylorCoefficients();

  private SpecialFunctions() {}

  static double erf(double x) {
    double a = Math.abs(x);
    return erf(x, a, FastMath.exp(-(a * a)));
  }

  static double erfc(double x) {
    double a = Math.abs(x);
    return erfc(x, a, FastMath.exp(-(a * a)));
  }

  /** erf of elements {@code from} to {@code to} of a float64 array, as {@link #blocks} says. */
  static void erf(double[] in, double[] out, int from, int to) {
    blocks(in, out, from, to, false);
  }

  /** erf of a float32 array's elements in float arithmetic ({@link FloatErf}), within 2 ulps. */
  static void erf(float[] in, float[] out, int from, int to) {
    FloatErf.erf(in, out, from, to);
  }

  /** erfc of elements {@code from} to {@code to} of a float64 array, as {@link #blocks} says. */
  static void erfc(double[] in, double[] out, int from, int to) {
    blocks(in, out, from, to, true);
  }

  /**
   * erfc of a float32 array's elements in float arithmetic that vectorizes ({@link FloatErfc}),
   * within a few float ulps; the float32 twins of the kernels that call the float64 overload
   * above pick this one.
   */
  static void erfc(float[] in, float[] out, int from, int to) {
    FloatErfc.erfc(in, out, from, to);
  }

  /**
   * erf or erfc of elements {@code from} to {@code to} ({@code out} may be {@code in}), the bits
   * of the scalar functions: a block at a time, e^(−x²) for the whole block first in
   * {@link TranscendentalF64}'s loops, which vectorize, then the rest an element at a time. With
   * Math.exp called per element erfc took 17 ns an element, this way 13 (512 × 512 normal
   * values, HotSpot 17).
   */
  private static void blocks(double[] in, double[] out, int from, int to, boolean complement) {
    int size = Math.min(to - from, BLOCK);
    double[] magnitude = new double[size];
    double[] negativeSquare = new double[size];
    double[] exp = new double[size];
    for (int start = from, length; start < to; start += length) {
      length = Math.min(BLOCK, to - start);
      System.arraycopy(in, start, magnitude, 0, length);
      for (int i = 0; i < length; i++) {
        double a = Math.abs(magnitude[i]);
        magnitude[i] = a;
        negativeSquare[i] = -(a * a);
      }
      TranscendentalF64.exp(negativeSquare, exp, 0, length);
      for (int i = 0; i < length; i++) {
        double x = in[start + i];
        out[start + i] = complement
            ? erfc(x, magnitude[i], exp[i])
            : erf(x, magnitude[i], exp[i]);
      }
    }
  }

  /** erf(x) given a = |x| and e^(−s), s = a² rounded (see {@link #erfcOfNonNegative}). */
  private static double erf(double x, double a, double expOfRoundedSquare) {
    if (Double.isNaN(x)) {
      return x;
    }
    double value = a < MACLAURIN_LIMIT
        ? maclaurin(a)
        : 1 - erfcOfNonNegative(a, expOfRoundedSquare);
    return Math.copySign(value, x);
  }

  /** erfc(x) given a = |x| and e^(−s), s = a² rounded (see {@link #erfcOfNonNegative}). */
  private static double erfc(double x, double a, double expOfRoundedSquare) {
    if (Double.isNaN(x)) {
      return x;
    }
    // For x < 0, erfc(−x) ≤ 1, so 2 − erfc(−x) ∈ [1, 2] keeps its relative accuracy.
    double tail = erfcOfNonNegative(a, expOfRoundedSquare);
    return x < 0 ? 2 - tail : tail;
  }

  /**
   * erfc(a) for a ≥ 0, given e^(−s) for s = a² rounded (FastMath's, as the kernel's loops compute
   * it: {@link #expOfNegativeSquare} corrects it for the rounding of s).
   */
  private static double erfcOfNonNegative(double a, double expOfRoundedSquare) {
    return a < TAYLOR_LIMIT
        ? fromTable(a, expOfRoundedSquare)
        : fromFraction(a, expOfRoundedSquare, fractionDepth(a));
  }

  /** erf(a) for |a| &lt; ½ by Horner's rule in a² (see the class comment). */
  private static double maclaurin(double a) {
    double square = a * a;
    int n = MACLAURIN.length - 1;
    double sum = MACLAURIN[n];
    while (n > 0) {
      sum = sum * square + MACLAURIN[--n];
    }
    return a * sum;
  }

  private static double[] maclaurinCoefficients(int terms) {
    double[] coefficients = new double[terms];
    double factorial = 1;
    for (int n = 0; n < terms; n++) {
      factorial *= Math.max(n, 1);
      // n! and n!·(2n + 1) are exact in double up to these n, so each coefficient rounds once.
      double sign = n % 2 == 0 ? 1 : -1;
      coefficients[n] = sign * TWO_OVER_SQRT_PI / (factorial * (2 * n + 1));
    }
    return coefficients;
  }

  /** erf(a) for a ≥ 0 by the series of positive terms; builds erfc's table for centres below 1. */
  private static double series(double a) {
    if (a == 0) {
      return 0;
    }
    double term = a;
    double sum = a;
    double twoSquare = 2 * a * a;
    for (int n = 1; term > 1e-17 * sum; n++) {
      term *= twoSquare / (2 * n + 1);
      sum += term;
    }
    return TWO_OVER_SQRT_PI * expOfNegativeSquare(a, Math.exp(-(a * a))) * sum;
  }

  /**
   * erfc(a) = e^(−a²)·w(a) for 0 ≤ a &lt; 4, w summed about the centre c nearest a, t = a − c.
   * w is smooth and slowly varying (≈ 1/(√π·a) for large a), so ten terms at |t| ≤ 1/64 leave
   * nothing: the first term left out, bounded at every centre when the table is built, is below
   * 7e-21·w. No division, no loop of unknown length.
   */
  private static double fromTable(double a, double expOfRoundedSquare) {
    int centre = (int) (a * CENTRES / TAYLOR_LIMIT);
    double t = a - (centre + 0.5) * STEP;
    int i = centre * TERMS + TERMS - 1;
    double w = TAYLOR[i];
    while (i > centre * TERMS) {
      w = w * t + TAYLOR[--i];
    }
    return expOfNegativeSquare(a, expOfRoundedSquare) * w;
  }

  /**
   * Taylor coefficients w⁽ⁿ⁾(c)/n! at each centre. w′ = 2xw − 2/√π (differentiate e^(x²)·erfc),
   * and differentiating that n times gives (n + 1)·a(n+1) = 2c·a(n) + 2·a(n−1) for the
   * coefficients a(n). Rounding in them enters the sum multiplied by tⁿ ≤ 64⁻ⁿ, so only
   * a(0) = w(c) matters: from the fraction at depth 200 for c ≥ 1, and as e^(c²)·(1 − erf(c))
   * below (c² is exact; 1 − erf ≥ 0.157 there loses at most a few ulps).
   */
  private static double[] taylorCoefficients() {
    double[] table = new double[CENTRES * TERMS];
    double[] a = new double[TERMS + 1];
    for (int j = 0; j < CENTRES; j++) {
      double c = (j + 0.5) * STEP;
      a[0] = c >= 1
          ? 1 / (Math.sqrt(Math.PI) * fraction(c, CENTRE_DEPTH))
          : Math.exp(c * c) * (1 - series(c));
      a[1] = 2 * c * a[0] - TWO_OVER_SQRT_PI;
      for (int n = 1; n < TERMS; n++) {
        a[n + 1] = (2 * c * a[n] + 2 * a[n - 1]) / (n + 1);
      }
      double firstLeftOut = Math.abs(a[TERMS]) * Math.pow(STEP / 2, TERMS);
      if (!(firstLeftOut < 1e-20 * a[0])) {
        throw new AssertionError("erfc's Taylor table is too short at " + c + ": " + firstLeftOut);
      }
      System.arraycopy(a, 0, table, j * TERMS, TERMS);
    }
    return table;
  }

  /** erfc(a) for a ≥ 1 from the fraction started at the given depth. */
  static double continuedFraction(double a, int depth) {
    return fromFraction(a, FastMath.exp(-(a * a)), depth);
  }

  /** erfc(a) for a ≥ 1 (the kernel's from 4); underflows gracefully to 0 beyond a ≈ 27. */
  private static double fromFraction(double a, double expOfRoundedSquare, int depth) {
    if (Double.isInfinite(a)) {
      return 0;
    }
    return expOfNegativeSquare(a, expOfRoundedSquare)
        / (Math.sqrt(Math.PI) * fraction(a, depth));
  }

  /** a + ½/(a + 1/(a + (3/2)/(a + …))) evaluated back from the given depth. */
  private static double fraction(double a, int depth) {
    double f = a;
    for (int k = depth; k >= 1; k--) {
      f = a + (k / 2.0) / f;
    }
    return f;
  }

  /**
   * How deep the fraction starts for a ≥ 4. Its tail's error shrinks by about (k/2)/f² per level,
   * much faster for large a, so the depth of 200 needed near a = 1 is wasted there. The backward
   * recurrence started deeper merges with the shallower one at some level, after which both are
   * the same doubles: measured on random a, the smallest depth from which every deeper start up
   * to 200 gives the same double is 28 at 4, 17 at 6, 11 at 10 and 7 near 27. Each range's depth
   * has a margin of a third or more over the worst seen at its lower end, so the results are
   * those of depth 200 bit for bit (SpecialFunctionsTest checks this on 100,000 random points).
   */
  static int fractionDepth(double a) {
    int i = 0;
    while (i < DEPTH_FROM.length && a >= DEPTH_FROM[i]) {
      i++;
    }
    return DEPTHS[i];
  }

  /**
   * e^(−a²) without the rounding of a²: near a = 26, a² ≈ 690 is rounded by up to 6e-14, which
   * e^(−a²) turns into a relative error of 6e-14 (500 ulps). a² = s + r exactly, r from a fused
   * multiply-add, and e^(−s)·(1 − r) is good to a few ulps: |r| is at most half an ulp of s, so
   * e^(−r)'s next term, r²/2, is below 1e-26.
   */
  private static double expOfNegativeSquare(double a, double expOfRoundedSquare) {
    double square = a * a;
    if (square > UNDERFLOW) {
      // e^(−a²) is 0 there; past 1.3e154, a² is ∞, the rest −∞, and their product would be NaN.
      return 0;
    }
    double rest = Math.fma(a, a, -square);
    return expOfRoundedSquare * (1 - rest);
  }
}
