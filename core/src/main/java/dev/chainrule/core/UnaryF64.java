package dev.chainrule.core;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise functions of float64 tensors, and the template of their float32 twin
 * ({@code UnaryF32}, generated at build time). Each {@link UnaryOp} has a loop of its own, so the
 * JIT inlines the function and, for the arithmetic ones, vectorizes the loop. exp, tanh and
 * sigmoid run {@link TranscendentalF64}'s loops (the float32 twin runs their twins), erf and
 * erfc {@link SpecialFunctions}' (the float32 twin {@link FloatErf}'s and {@link FloatErfc}'s),
 * log1p and softplus {@link Log1pF64}'s, sin and cos {@link SinCos}'s (float32: in float64,
 * rounded once); the other functions of {@code Math} are evaluated in double and rounded once.
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class UnaryF64 {
  /** ELU's elements per block: its three arrays' blocks, 48 KiB in float64, stay in cache. */
  private static final int ELU_BLOCK = 2048;

  private UnaryF64() {}

  static Tensor apply(UnaryOp op, Tensor x) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    apply(op, in, out);
    return new Tensor(x.shape(), out);
  }

  /**
   * {@code op} of a tensor that no one else has seen (a product just made), in its own array where
   * the loop allows: relu reads each element once, so it runs in place; the transcendental loops
   * read their input again, so they write a new array and z's goes back to the pool, warm, for the
   * next kernel's result.
   */
  static Tensor activateUnseen(UnaryOp op, Tensor z) {
    double[] values = z.dataF64();
    if (op == UnaryOp.RELU) {
      apply(op, values, values);
      return z;
    }
    Tensor y = apply(op, z);
    Recycling.recycleUnseen(values);
    return y;
  }

  /**
   * eˣ − 1 in two passes over the array. Where |x| ≥ ½ it is the exponential less 1, which
   * amplifies exp's error by at most e^½ / (e^½ − 1) ≈ 2.5; below, where eˣ − 1 cancels (x = −1e-10
   * gave 0 in float32), the Taylor series to x¹⁵/15!, whose remainder at ½ is 5e-17 of the result,
   * summed by Estrin's scheme (pairs, then pairs of pairs): four dependent steps where Horner's
   * takes fifteen. {@code Math.expm1}, a call per element, took ten times exp's loop. Which of
   * the two an element takes is chosen on the bits ({@link Expm1Choice}), without a branch.
   */
  private static void expm1(double[] in, double[] out, int n) {
    TranscendentalF64.exp(in, out, 0, n);
    for (int i = 0; i < n; i++) {
      out[i] = expm1(in[i], out[i]);
    }
  }

  /** eˣ − 1 given eˣ, as {@link #expm1(double[], double[], int)} says. */
  private static double expm1(double x, double exp) {
    return Expm1Choice.choose(x, expm1Series(x), exp - 1);
  }

  /** series[i] ← expm1's series at max(x[i], −½), a loop of its own (see elu). */
  private static void seriesOf(double[] x, double[] series, int length) {
    for (int i = 0; i < length; i++) {
      series[i] = expm1Series(Math.max(x[i], -0.5));
    }
  }

  /** eˣ − 1 by its Taylor series to x¹⁵/15!, for |x| &lt; ½. */
  private static double expm1Series(double x) {
    double x2 = x * x;
    double x4 = x2 * x2;
    // Σ x^k / (k + 1)! for k = 0 to 14, times x.
    double low = (1 + x * (1.0 / 2)) + x2 * (1.0 / 6 + x * (1.0 / 24))
        + x4 * ((1.0 / 120 + x * (1.0 / 720)) + x2 * (1.0 / 5040 + x * (1.0 / 40320)));
    double high = (1.0 / 362880 + x * (1.0 / 3628800))
        + x2 * (1.0 / 39916800 + x * (1.0 / 479001600))
        + x4 * ((1.0 / 6227020800.0 + x * (1.0 / 87178291200.0))
            + x2 * (1.0 / 1307674368000.0));
    return x * (low + x4 * x4 * high);
  }

  /**
   * ELU, {@code x <= 0 ? α·(eˣ − 1 + 0.0) : x}, a block at a time (the block copied into arrays
   * of its own, min(x, 0), its exponential, then the rest), with the bits of the composition it
   * replaced, in autograd's ELU node too: clamp to ≤ 0, {@link #expm1(double[], double[], int)},
   * add +0.0, multiply by α, select where x ≤ 0. The exponential sees min(x, 0), so a large x
   * neither overflows nor leaves the fast range; +0.0 turns expm1(−0.0) = −0.0 into PyTorch's +0.0.
   *
   * <p>The last loops are arithmetic that vectorizes, where a select on the bits for x ≤ 0 and
   * expm1's own choice kept the loop scalar: the result is max(x, −0.0) + (expm1(min(x, 0)) +
   * 0.0)·α, expm1's series in a loop of its own (in the same loop its constants crowded the vector
   * registers). 512 × 512, thread CPU time on a loaded machine, alternating builds: 9.5 → 6.9–8.3
   * ns an element in float64, 7.5–8.0 → 5.7–5.9 in float32 (PyTorch 2.4 and 0.6; the exponential's
   * loops and the copies are most of what is left). Above 0 the second term is (0 + 0.0)·α = +0.0
   * and the sum x; at or below 0 the first is −0.0, which added to anything leaves it, −0.0
   * included; NaN stays NaN (a signaling NaN comes out quiet, its payload kept). Only α = −0.0
   * would turn the second term into −0.0 where x is +0.0 (the sum +0.0 where the composition gives
   * −0.0), so it keeps the select. Inside expm1, the series (below ½ in magnitude) or eˣ − 1 is
   * taken by a factor c ∈ {0, 1} ({@link SignGate#opening} of x + ½), the series evaluated at
   * max(x, −½) so that its discarded value is finite.
   */
  static Tensor elu(Tensor x, double alpha) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double[] values = new double[Math.min(in.length, ELU_BLOCK)];
    double[] negative = new double[values.length];
    double[] exp = new double[values.length];
    double[] series = new double[values.length];
    boolean select = alpha == 0 && 1 / alpha < 0;
    // from + length never passes the array's length, so it cannot wrap past Integer.MAX_VALUE.
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(ELU_BLOCK, in.length - from);
      System.arraycopy(in, from, values, 0, length);
      for (int i = 0; i < length; i++) {
        negative[i] = Math.min(values[i], 0.0);
      }
      TranscendentalF64.exp(negative, exp, 0, length);
      if (select) {
        for (int i = 0; i < length; i++) {
          double v = values[i];
          values[i] = SignGate.pass(v, v, (expm1(negative[i], exp[i]) + 0.0) * alpha);
        }
      } else {
        seriesOf(negative, series, length);
        for (int i = 0; i < length; i++) {
          double n = negative[i];
          double near = SignGate.opening(n + 0.5);
          double expm1 = near * series[i] + (1 - near) * (exp[i] - 1);
          values[i] = Math.max(values[i], -0.0) + (expm1 + 0.0) * alpha;
        }
      }
      System.arraycopy(values, 0, out, from, length);
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * out ← op(in); {@code out} may be {@code in} except for exp, expm1, tanh, sigmoid, log, erfc,
   * sin and cos, whose later loops read the input again.
   */
  private static void apply(UnaryOp op, double[] in, double[] out) {
    int n = in.length;
    switch (op) {
      case NEG -> { for (int i = 0; i < n; i++) { out[i] = -in[i]; } }
      case EXP -> TranscendentalF64.exp(in, out, 0, n);
      case EXPM1 -> expm1(in, out, n);
      case LOG -> TranscendentalF64.log(in, out, 0, n);
      case LOG1P -> Log1pF64.log1p(in, out);
      case SQRT -> { for (int i = 0; i < n; i++) { out[i] = (double) Math.sqrt(in[i]); } }
      case ABS -> { for (int i = 0; i < n; i++) { out[i] = Math.abs(in[i]); } }
      case SIGN -> sign(in, out, n);
      case SQUARE -> { for (int i = 0; i < n; i++) { out[i] = in[i] * in[i]; } }
      case RECIPROCAL -> { for (int i = 0; i < n; i++) { out[i] = 1 / in[i]; } }
      case TANH -> TranscendentalF64.tanh(in, out, 0, n);
      case SIGMOID -> TranscendentalF64.sigmoid(in, out, 0, n);
      case SOFTPLUS -> Log1pF64.softplus(in, out);
      case RELU -> { for (int i = 0; i < n; i++) { out[i] = relu(in[i]); } }
      case SIN -> SinCos.sin(in, out);
      case COS -> SinCos.cos(in, out);
      case ERF -> SpecialFunctions.erf(in, out, 0, n);
      case ERFC -> SpecialFunctions.erfc(in, out, 0, n);
    }
  }

  /** {@code f} of every element. */
  static Tensor map(Tensor x, DoubleUnaryOperator f) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    for (int i = 0; i < in.length; i++) {
      out[i] = (double) f.applyAsDouble(in[i]);
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * Every element limited to [min, max] as PyTorch's clamp: min below min, max above max, the
   * element itself otherwise, NaN included. Math's max and min give the same but for a zero
   * against a bound that is the other zero (max(−0.0, +0.0) is +0.0, where −0.0 is not below
   * +0.0 and stays), so a min of +0.0 or a max of −0.0 keeps the loop that vectorizes and puts
   * that zero back on the bits ({@link ClampZeros}); a comparison per element instead was
   * mispredicted on data of mixed signs. Only both at once, clamp(+0.0, −0.0), which sends the
   * negatives to +0.0 and the positives to −0.0, compares.
   */
  static Tensor clamp(Tensor x, double min, double max) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    clamp(in, out, min, max);
    return new Tensor(x.shape(), out);
  }

  /** clamp of a tensor's own elements, in place: each loop reads an element before writing it. */
  static void clampInPlace(Tensor x, double min, double max) {
    double[] values = x.dataF64();
    clamp(values, values, min, max);
  }

  private static void clamp(double[] in, double[] out, double min, double max) {
    boolean positiveZeroMin = min == 0 && 1 / min > 0;
    boolean negativeZeroMax = max == 0 && 1 / max < 0;
    if (positiveZeroMin && negativeZeroMax) {
      clampByComparisons(in, out, min, max);
    } else if (positiveZeroMin) {
      clampKeepingNegativeZero(in, out, min, max);
    } else if (negativeZeroMax) {
      clampKeepingPositiveZero(in, out, min, max);
    } else {
      clampByMath(in, out, min, max);
    }
  }

  // Each loop is a method of its own: inside clamp's body, the loop that ran second (compiled again
  // after the first had run) took twice as long as when it ran first, 2.0 against 1.1 ns per
  // float32 element.

  private static void clampByMath(double[] in, double[] out, double min, double max) {
    for (int i = 0; i < in.length; i++) {
      out[i] = Math.min(Math.max(in[i], min), max);
    }
  }

  private static void clampKeepingNegativeZero(double[] in, double[] out, double min,
      double max) {
    for (int i = 0; i < in.length; i++) {
      double v = in[i];
      out[i] = ClampZeros.keepNegativeZero(v, Math.min(Math.max(v, min), max));
    }
  }

  private static void clampKeepingPositiveZero(double[] in, double[] out, double min,
      double max) {
    for (int i = 0; i < in.length; i++) {
      double v = in[i];
      out[i] = ClampZeros.keepPositiveZero(v, Math.min(Math.max(v, min), max));
    }
  }

  private static void clampByComparisons(double[] in, double[] out, double min, double max) {
    for (int i = 0; i < in.length; i++) {
      double v = in[i];
      out[i] = v < min ? min : v > max ? max : v;
    }
  }

  /**
   * −1, +0.0 or 1 for every element, as PyTorch's sign: +0.0 for −0.0 and for NaN too, where
   * Math.signum keeps both, since neither is above or below 0 (|x|'s rule, g·sign(x), then gives 0
   * there, not −0.0 or NaN). In arithmetic that vectorizes ({@link SignGate#direction}), then the
   * NaNs, for which that gives NaN, set to +0.0 in a second pass, a scan whose branch is never
   * taken on numbers. A ternary chain of doubles compiled to branches that data of random signs
   * mispredicted (5.4 ns an element at 512 × 512); two int conditions, conditional moves, took 1.2
   * to 1.7 (PyTorch 0.23, float32 0.11).
   */
  private static void sign(double[] in, double[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = SignGate.direction(in[i]);
    }
    for (int i = 0; i < n; i++) {
      if (out[i] != out[i]) {
        out[i] = 0;
      }
    }
  }

  /**
   * max(x, 0), keeping NaN. Math.max gives exactly what {@code x <= 0 ? 0.0 : x} gives (NaN for
   * NaN, +0.0 for −0.0) without a branch, which on data of mixed signs is mispredicted half the
   * time: four times slower on a layer's worth of activations.
   */
  static double relu(double x) {
    return Math.max(x, 0);
  }
}
