package dev.chainrule.core;

/**
 * Leaky ReLU and both GELUs in one pass each, and the first-order gradients of those and of ELU,
 * over float64 arrays; the template of their float32 twin ({@code ActivationF32}, generated at
 * build time). Each forward rounds exactly as the composition of kernels it replaces, one
 * operation after another in the element's type, so its bits are the composition's (autograd's
 * {@code FusedActivationsBitsTest} holds them to it, NaN payloads and signed zeros included); the
 * constants are cast to the element's type first, as {@code x.mul(c)} rounds its scalar. The
 * gradients are new formulas, within a few ulps of what the compositions' rules gave.
 */
// The (double) casts narrow constants and results in the generated float32 twin.
@SuppressWarnings("cast")
final class ActivationF64 {
  /** Elements per block: the block's temporaries, 16 KiB each in float64, stay in cache. */
  private static final int BLOCK = 2048;

  private ActivationF64() {}

  /**
   * Whether the arithmetic factor s + (1 − s)·α would not be exactly 1 or α: for α = −0.0, since
   * 0 + (−0.0) is +0.0, and for α = ±∞ (a float32 slope past float's range), since 1 + 0·∞ is NaN.
   * Those slopes take the gate on the bits.
   */
  private static boolean needsBitGate(double alpha) {
    return (alpha == 0 && 1 / alpha < 0) || Double.isInfinite(alpha);
  }

  /**
   * {@code where(x > 0, x, x·α)}: α·x at NaN as well, where the comparison is false. A select,
   * not max(x, 0) + α·min(x, 0), which turns −0.0 into +0.0; and a select in arithmetic, x times
   * the factor s + (1 − s)·α for s = 1 where x &gt; 0 and 0 where not ({@link SignGate#opening}),
   * exactly 1 or α for a finite α other than −0.0 ({@link #needsBitGate}): the branch the
   * ternary compiled to was mispredicted on data of random signs (6 ns an element at 512 × 512,
   * PyTorch's 0.24 in float64 and 0.12 in float32).
   */
  static Tensor leakyRelu(Tensor x, double alpha) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    if (needsBitGate(alpha)) {
      for (int i = 0; i < in.length; i++) {
        double v = in[i];
        out[i] = SignGate.pass(v, v, v * alpha);
      }
    } else {
      for (int i = 0; i < in.length; i++) {
        double v = in[i];
        double opening = SignGate.opening(v);
        out[i] = v * (opening + (1 - opening) * alpha);
      }
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * g where x &gt; 0, g·α elsewhere (NaN included), as the composition's rule gave it: the
   * forward's factor in arithmetic, then the elements whose x is NaN (a NaN factor there) set to
   * g·α in a second pass, a scan whose branch is never taken on numbers.
   */
  static Tensor leakyReluBackward(Tensor g, Tensor x, double alpha) {
    double[] dy = g.dataF64();
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    if (needsBitGate(alpha)) {
      for (int i = 0; i < in.length; i++) {
        double d = dy[i];
        out[i] = in[i] > 0 ? d : d * alpha;
      }
      return new Tensor(x.shape(), out);
    }
    for (int i = 0; i < in.length; i++) {
      double opening = SignGate.opening(in[i]);
      out[i] = dy[i] * (opening + (1 - opening) * alpha);
    }
    for (int i = 0; i < in.length; i++) {
      if (in[i] != in[i]) {
        out[i] = dy[i] * alpha;
      }
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * GELU, x·(erfc(x·(−√½))·½), rounded as {@code x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5))}: erfc
   * by the erfc kernel's function, a block at a time (float64's one element at a time, float32's
   * in loops that vectorize). With {@code cdf}, Φ(x) = erfc(…)·½ is written there too, for the
   * gradient.
   */
  static Tensor gelu(Tensor x, double[] cdf) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double scale = (double) -CompositeActivations.SQRT_HALF;
    // Each block copied into arrays of its own, every loop indexing them alike, so that the
    // loops vectorize (see FloatErfc: a loop over in[from + i] and scratch[i] did not).
    double[] values = new double[Math.min(in.length, BLOCK)];
    double[] phi = new double[values.length];
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      System.arraycopy(in, from, values, 0, length);
      for (int i = 0; i < length; i++) {
        phi[i] = values[i] * scale;
      }
      SpecialFunctions.erfc(phi, phi, 0, length);
      for (int i = 0; i < length; i++) {
        phi[i] *= 0.5;
        values[i] *= phi[i];
      }
      if (cdf != null) {
        System.arraycopy(phi, 0, cdf, from, length);
      }
      System.arraycopy(values, 0, out, from, length);
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * GELU's gradient g·(Φ(x) + x·φ(x)) from Φ(x) saved by the forward, φ(x) = e^(−x²/2)/√(2π):
   * erfc, a continued fraction, is not evaluated again. NaN at x = ±∞ (∞·0), as the
   * composition's rule and PyTorch's gelu_backward give.
   */
  static Tensor geluBackward(Tensor g, Tensor x, Tensor cdf) {
    double[] dy = g.dataF64();
    double[] in = x.dataF64();
    double[] phi = cdf.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    // Blocks copied into arrays indexed alike, so that the loops vectorize (see gelu).
    double[] values = new double[Math.min(in.length, BLOCK)];
    double[] square = new double[values.length];
    double[] exp = new double[values.length];
    double[] incoming = new double[values.length];
    double[] cdfs = new double[values.length];
    double norm = (double) (1 / Math.sqrt(2 * Math.PI));
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      System.arraycopy(in, from, values, 0, length);
      System.arraycopy(dy, from, incoming, 0, length);
      System.arraycopy(phi, from, cdfs, 0, length);
      for (int i = 0; i < length; i++) {
        double v = values[i];
        square[i] = v * v * -0.5;
      }
      TranscendentalF64.exp(square, exp, 0, length);
      for (int i = 0; i < length; i++) {
        incoming[i] = incoming[i] * (cdfs[i] + values[i] * (exp[i] * norm));
      }
      System.arraycopy(incoming, 0, out, from, length);
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * GELU's tanh approximation as x·σ(2u), u = (x + x³·c)·√(2/π), rounded as
   * {@code x.mul(x.add(x.pow(3).mul(c)).mul(k).mul(2).sigmoid())}: x³ as the pow kernel forms it
   * (x·x·x), σ by the sigmoid kernel's loops, a block at a time. With {@code gate}, σ(2u) is
   * written there too, for the gradient.
   */
  static Tensor geluTanh(Tensor x, double[] gate) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double[] twiceU = new double[Math.min(in.length, BLOCK)];
    double[] sigma = new double[twiceU.length];
    double cubic = (double) CompositeActivations.GELU_CUBIC;
    double scale = (double) CompositeActivations.SQRT_TWO_OVER_PI;
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      for (int i = 0; i < length; i++) {
        double v = in[from + i];
        twiceU[i] = (v + BinaryF64.cube(v) * cubic) * scale * 2;
      }
      TranscendentalF64.sigmoid(twiceU, sigma, 0, length);
      for (int i = 0; i < length; i++) {
        out[from + i] = in[from + i] * sigma[i];
      }
      if (gate != null) {
        System.arraycopy(sigma, 0, gate, from, length);
      }
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * The tanh GELU's gradient g·(s + x·2s(1 − s)·u′) from s = σ(2u) saved by the forward, with
   * u′ = (1 + 3c·x²)·√(2/π): d/dx of x·σ(2u), σ′ = σ(1 − σ). One pass, no pow and no exponential.
   */
  static Tensor geluTanhBackward(Tensor g, Tensor x, Tensor gate) {
    double[] dy = g.dataF64();
    double[] in = x.dataF64();
    double[] s = gate.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double cubic3 = (double) (3 * CompositeActivations.GELU_CUBIC);
    double scale = (double) CompositeActivations.SQRT_TWO_OVER_PI;
    for (int i = 0; i < in.length; i++) {
      double v = in[i];
      double slope = (v * v * cubic3 + 1) * scale;
      // Far out, σ′ = s(1 − s) is 0 where x²'s slope overflows (|x| > 1.3e154; in float32 past
      // 1.8e19): the term is 0 there, as its limit is, not 0·∞ = NaN (PyTorch's is NaN).
      double spread = s[i] * (1 - s[i]);
      out[i] = dy[i] * (s[i] + (spread == 0 ? 0 : v * (spread * 2 * slope)));
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * ELU's gradient, {@code x <= 0 ? (g·α)·e^min(x, 0) : g}, as the composition's rule rounded it:
   * g at NaN (not ≤ 0), α·g at 0; the exponential sees min(x, 0) only, so a large x cannot
   * overflow it, and the select is made on the bits ({@link SignGate#pass(double, double,
   * double)}), as the forward's.
   */
  static Tensor eluBackward(Tensor g, Tensor x, double alpha) {
    double[] dy = g.dataF64();
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double[] negative = new double[Math.min(in.length, BLOCK)];
    double[] exp = new double[negative.length];
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      for (int i = 0; i < length; i++) {
        negative[i] = Math.min(in[from + i], 0.0);
      }
      TranscendentalF64.exp(negative, exp, 0, length);
      for (int i = 0; i < length; i++) {
        double d = dy[from + i];
        out[from + i] = SignGate.pass(d, in[from + i], d * alpha * exp[i]);
      }
    }
    return new Tensor(x.shape(), out);
  }
}
