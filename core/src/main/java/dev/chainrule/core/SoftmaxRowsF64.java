package dev.chainrule.core;

/**
 * Softmax, log-softmax and log-sum-exp over runs of contiguous elements (rows along the last
 * axis), and the cross-entropy of such rows against class indices; the template of the float32
 * twin ({@code SoftmaxRowsF32}, generated at build time). Every kernel shifts a row by its
 * largest element m so that no exponential overflows, computes e^(x − m) in one call over the
 * whole array (which vectorizes), and sums each row in float64 ({@link Wide}).
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class SoftmaxRowsF64 {
  /**
   * The running product of the rows' sums is turned into a logarithm whenever it passes this:
   * each factor is at most a row's length (below 2³¹), so the product never overflows.
   */
  private static final @Wide double PRODUCT_LIMIT = 0x1p900;

  private SoftmaxRowsF64() {}

  /**
   * log Σ exp over each run of {@code length} elements: the maximum m first, then
   * log Σ e^(x − m) + m, with m not subtracted when infinite (all −∞ gives −∞, any +∞ gives +∞,
   * NaN stays NaN).
   */
  static Tensor logSumExpRows(Tensor x, int length, Shape result) {
    double[] in = x.dataF64();
    double[] out = new double[length == 0 ? 0 : in.length / length];
    double[] exps = new double[in.length];
    // The rows' shifts go into out, where each is read once and replaced by its row's result.
    shiftedExp(in, length, out, exps);
    for (int o = 0; o < out.length; o++) {
      out[o] = logSumExp(exps, o * length, (o + 1) * length, out[o]);
    }
    return new Tensor(result, out);
  }

  /**
   * x − log Σ exp(x) over each run of {@code length} elements, with the log-sum-exp of {@link
   * #logSumExpRows}, so each value rounds exactly as {@code x.sub(x.logSumExp(axis, true))} does,
   * without the broadcast subtraction's temporaries.
   */
  static Tensor logSoftmaxRows(Tensor x, int length) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double[] shifts = new double[in.length / length];
    shiftedExp(in, length, shifts, out);
    for (int row = 0; row < shifts.length; row++) {
      int from = row * length;
      int to = from + length;
      double lse = logSumExp(out, from, to, shifts[row]);
      for (int i = from; i < to; i++) {
        out[i] = in[i] - lse;
      }
    }
    return new Tensor(x.shape(), out);
  }

  /** log Σ e^(x − m) + m over elements {@code from} to {@code to} of a row's e^(x − m). */
  private static double logSumExp(double[] exps, int from, int to, double shift) {
    @Wide double sum = 0;
    for (int i = from; i < to; i++) {
      sum += exps[i];
    }
    return (double) (Math.log(sum) + shift);
  }

  /**
   * e^(x − m) / Σ e^(x − m) over each run of {@code length} elements: one exponential per
   * element.
   */
  static Tensor softmaxRows(Tensor x, int length) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double[] shifts = new double[in.length / length];
    shiftedExp(in, length, shifts, out);
    for (int from = 0; from < in.length; from += length) {
      normalize(out, from, from + length);
    }
    return new Tensor(x.shape(), out);
  }

  /** Divides a row of e^(x − m) by its sum (multiplying by the reciprocal); returns the sum. */
  private static @Wide double normalize(double[] exps, int from, int to) {
    @Wide double sum = 0;
    for (int i = from; i < to; i++) {
      sum += exps[i];
    }
    double scale = (double) (1 / sum);
    for (int i = from; i < to; i++) {
      exps[i] *= scale;
    }
    return sum;
  }

  /**
   * e^(x − m) of every element into {@code exps}, m the shift of its run of {@code length}
   * (written to {@code shifts}, one per run). The shifted values come first and the exponentials
   * in one call over the whole array, which vectorizes: called per element, each exponential's
   * polynomial would wait on the last (rows of a classifier are a few elements long).
   */
  /**
   * The softmax of each run of {@code length} elements, and the cross-entropy of the runs against
   * one class each, summed: Σᵣ (log Σ e^x − x[classᵣ]), {@code classes[r]} being run r's class
   * as an offset into x. Each log-sum-exp is m + log s with s the run's Σ e^(x − m), and the
   * logarithms are taken of products of the sums (Σ log s = log Π s) rather than one per run: a
   * logarithm costs as much as a dozen exponentials (Math.log is one scalar call), and a finite
   * run's s lies in [1, length], so the product of n of them is off by at most n/2 ulps, less
   * than summing n logarithms rounds.
   */
  static ClassCrossEntropy.Forward crossEntropyRows(Tensor x, int length, int[] classes) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double[] shifts = new double[classes.length];
    shiftedExp(in, length, shifts, out);
    @Wide double total = 0;
    @Wide double product = 1;
    for (int row = 0; row < shifts.length; row++) {
      int from = row * length;
      product *= normalize(out, from, from + length);
      total += (@Wide double) shifts[row] - in[classes[row]];
      if (product > PRODUCT_LIMIT) {
        total += Math.log(product);
        product = 1;
      }
    }
    total += Math.log(product);
    return new ClassCrossEntropy.Forward(new Tensor(x.shape(), out), total);
  }

  /**
   * scale·(p − y) for softmax rows p and the one-hot rows y of their classes (offsets into p):
   * (p − 1)·scale at each class and p·scale elsewhere, rounded as p.axpyInPlace(−1, y) then
   * scaleInPlace(scale) would, without forming y.
   */
  static Tensor crossEntropyGradientRows(Tensor p, int[] classes, @Wide double scale) {
    double[] in = p.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    double factor = (double) scale;
    for (int i = 0; i < out.length; i++) {
      out[i] = in[i] * factor;
    }
    for (int at : classes) {
      out[at] = (in[at] - 1) * factor;
    }
    return new Tensor(p.shape(), out);
  }

  private static void shiftedExp(double[] in, int length, double[] shifts, double[] exps) {
    double[] shifted = new double[in.length];
    for (int row = 0; row < shifts.length; row++) {
      int from = row * length;
      double m = shift(in, from, from + length);
      shifts[row] = m;
      for (int i = from; i < from + length; i++) {
        shifted[i] = in[i] - m;
      }
    }
    TranscendentalF64.exp(shifted, exps, 0, in.length);
  }

  /**
   * The row's largest number, or 0 when that is infinite (so that ±∞ pass through). A NaN need
   * not win here, as it does in {@code max}: it makes its row's sum, and so every value computed
   * from that row, NaN anyway. A comparison is cheaper than {@code Math.max}, whose NaN and −0
   * rules cost HotSpot a blend of several instructions on the row's critical path.
   */
  private static double shift(double[] in, int from, int to) {
    double max = in[from];
    for (int i = from + 1; i < to; i++) {
      max = in[i] > max ? in[i] : max;
    }
    return Double.isInfinite(max) ? 0 : max;
  }
}
