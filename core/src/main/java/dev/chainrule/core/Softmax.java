package dev.chainrule.core;

/**
 * Softmax and log-softmax along one axis. Along the last axis (rows of logits) each row is one
 * pass: its maximum, then eˣ⁻ᵐ and their sum, so every element costs one exponential; along
 * another axis they are compositions of the reductions.
 */
final class Softmax {
  private Softmax() {}

  /** e^(x − m) / Σ e^(x − m) with m the maximum along the axis (not subtracted if infinite). */
  static Tensor softmax(Tensor x, int axis) {
    int a = x.shape().normalizeAxis("softmax", axis);
    if (a != x.rank() - 1 || x.size() == 0) {
      return x.sub(x.logSumExp(axis, true)).exp();
    }
    double[] in = x.data;
    double[] out = new double[in.length];
    int length = x.shape().dimsView()[a];
    for (int from = 0; from < in.length; from += length) {
      int to = from + length;
      double max = Fold.MAX.run(Double.NEGATIVE_INFINITY, in, from, to);
      double shift = Double.isInfinite(max) ? 0.0 : max;
      double sum = 0.0;
      for (int i = from; i < to; i++) {
        out[i] = Math.exp(in[i] - shift);
        sum += out[i];
      }
      for (int i = from; i < to; i++) {
        out[i] /= sum;
      }
    }
    return new Tensor(x.shape(), out);
  }

  /** x − log Σ eˣ along the axis. */
  static Tensor logSoftmax(Tensor x, int axis) {
    x.shape().normalizeAxis("logSoftmax", axis);
    return x.sub(x.logSumExp(axis, true));
  }
}
