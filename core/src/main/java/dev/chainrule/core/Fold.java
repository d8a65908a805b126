package dev.chainrule.core;

/**
 * The combining step of a reduction (sum, max, min), with a loop of its own per operation for the
 * two contiguous layouts, for the same reason as {@link Arithmetic}. Max and min let a NaN win,
 * as {@link Math#max} does.
 */
enum Fold {
  SUM(0.0), MAX(Double.NEGATIVE_INFINITY), MIN(Double.POSITIVE_INFINITY);

  /** The value of the reduction over nothing. */
  final double identity;

  Fold(double identity) {
    this.identity = identity;
  }

  double combine(double acc, double v) {
    return switch (this) {
      case SUM -> acc + v;
      case MAX -> Math.max(acc, v);
      case MIN -> Math.min(acc, v);
    };
  }

  /** {@code acc} combined with in[from..to), in order. */
  double run(double acc, double[] in, int from, int to) {
    double a = acc;
    switch (this) {
      case SUM -> { for (int i = from; i < to; i++) { a += in[i]; } }
      case MAX -> { for (int i = from; i < to; i++) { a = Math.max(a, in[i]); } }
      case MIN -> { for (int i = from; i < to; i++) { a = Math.min(a, in[i]); } }
    }
    return a;
  }

  /** out[at + c] combined with in[from + c] for c in [0, length): one row into a row of cells. */
  void intoRow(double[] in, int from, double[] out, int at, int length) {
    int shift = from - at;
    int end = at + length;
    switch (this) {
      case SUM -> { for (int c = at; c < end; c++) { out[c] += in[c + shift]; } }
      case MAX -> { for (int c = at; c < end; c++) { out[c] = Math.max(out[c], in[c + shift]); } }
      case MIN -> { for (int c = at; c < end; c++) { out[c] = Math.min(out[c], in[c + shift]); } }
    }
  }
}
