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
   * each factor of a finite row is at most the row's length (below 2³¹), so the product never
   * overflows. A row with +∞ passes it at once (its logarithm is +∞); one of all −∞ (a sum of 0)
   * or with a NaN leaves the product 0 or NaN until the last logarithm, where it meets that row's
   * own −∞ or NaN term: the total is not a number either way, as the row's loss is not.
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
    double[] exps = Recycling.bufferF64(in.length);
    RowStatisticsF64 rows = RowStatisticsF64.of(in, length, exps);
    double[] out = new double[rows.count];
    for (int row = 0; row < rows.count; row++) {
      out[row] = logSumExp(rows.sums[row], rows.shifts[row]);
    }
    rows.recycle();
    Recycling.recycleUnseen(exps);
    return new Tensor(result, out);
  }

  /**
   * (x − m) − log Σ e^(x − m) over each run of {@code length} elements, m the run's shift, in
   * that order (PyTorch's): x − m is exact near the maximum, where x − (m + log s) would round
   * m + log s to m's precision first, a relative error of 4e-5 on the log-probabilities of
   * float32 logits near 1,000.
   */
  static Tensor logSoftmaxRows(Tensor x, int length) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    RowStatisticsF64 rows = RowStatisticsF64.of(in, length, out);
    rows.undefineInfiniteRows();
    double[] logSums = Recycling.bufferF64(rows.count);
    for (int row = 0; row < rows.count; row++) {
      logSums[row] = (double) Math.log(rows.sums[row]);
    }
    subtractPerRow(in, length, rows.count, rows.shifts, logSums, out);
    Recycling.recycleUnseen(logSums);
    rows.recycle();
    return new Tensor(x.shape(), out);
  }

  /** log Σ e^(x − m) + m from a row's Σ e^(x − m) and its shift m. */
  private static double logSumExp(@Wide double sum, double shift) {
    return (double) (Math.log(sum) + shift);
  }

  /**
   * e^(x − m) / Σ e^(x − m) over each run of {@code length} elements: one exponential per
   * element.
   */
  static Tensor softmaxRows(Tensor x, int length) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    RowStatisticsF64 rows = RowStatisticsF64.of(in, length, out);
    rows.undefineInfiniteRows();
    rows.normalize(out, length);
    rows.recycle();
    return new Tensor(x.shape(), out);
  }

  /**
   * The softmax of each run of {@code length} elements, and the cross-entropy of the runs against
   * one class each, summed: Σᵣ (log Σ e^x − x[classᵣ]), {@code classes[r]} being run r's class
   * as an offset into x. Each log-sum-exp is m + log s with s the run's Σ e^(x − m), and the
   * logarithms are taken of products of the sums (Σ log s = log Π s) rather than one per run: a
   * logarithm costs as much as a dozen exponentials (Math.log is one scalar call). A finite
   * run's s lies in [1, length], so the product of n sums is off by a relative n·2⁻⁵³ at most,
   * which its logarithm turns into an absolute n·2⁻⁵³; each logarithm taken (one per 2⁹⁰⁰ of
   * product, near 624) adds an ulp of its value, about 2⁻⁴⁴. That is as close as n rounded
   * logarithms and their sum would come.
   */
  static ClassCrossEntropy.Forward crossEntropyRows(Tensor x, int length, int[] classes) {
    if (RowStatisticsF64.isUnrolled(length)) {
      return crossEntropyShortRows(x, length, classes);
    }
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    RowStatisticsF64 rows = RowStatisticsF64.of(in, length, out);
    rows.undefineInfiniteRows();
    @Wide double total = 0;
    @Wide double product = 1;
    for (int row = 0; row < rows.count; row++) {
      total += (@Wide double) rows.shifts[row] - in[classes[row]];
      product *= rows.sums[row];
      if (product > PRODUCT_LIMIT) {
        total += Math.log(product);
        product = 1;
      }
    }
    total += Math.log(product);
    rows.normalize(out, length);
    rows.recycle();
    return new ClassCrossEntropy.Forward(new Tensor(x.shape(), out), total);
  }

  /**
   * {@link #crossEntropyRows} for rows written out element by element ({@link
   * RowStatisticsF64#isUnrolled}): after the exponentials, one loop over the rows sums each row,
   * makes an infinite sum NaN, adds the row to the loss and divides it, where the general path
   * walks the rows four times (sums, infinite sums, loss, division) and keeps the sums in an
   * array. The same operations on every row in the same order, so the same bits. The Iris
   * step's loss (150 rows of 3): 0.70 of the general path's time (1.15 against 1.65 µs, thread
   * CPU time, the logits of a network in training).
   */
  private static ClassCrossEntropy.Forward crossEntropyShortRows(Tensor x, int length,
      int[] classes) {
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    int count = RowStatisticsF64.count(in, length);
    double[] shifts = RowStatisticsF64.shiftsAndExps(in, length, out);
    @Wide double total = 0;
    @Wide double product = 1;
    for (int row = 0, i = 0; row < count; row++, i += length) {
      @Wide double sum = RowStatisticsF64.shortRowSum(out, i, length);
      if (sum == Double.POSITIVE_INFINITY) {
        sum = Double.NaN;  // as RowStatisticsF64.undefineInfiniteRows says why
      }
      total += (@Wide double) shifts[row] - in[classes[row]];
      product *= sum;
      if (product > PRODUCT_LIMIT) {
        total += Math.log(product);
        product = 1;
      }
      double scale = (double) (1 / sum);
      out[i] *= scale;
      if (length > 1) {
        out[i + 1] *= scale;
      }
      if (length > 2) {
        out[i + 2] *= scale;
      }
      if (length > 3) {
        out[i + 3] *= scale;
      }
    }
    total += Math.log(product);
    Recycling.recycleUnseen(shifts);
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
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] * factor;
    }
    for (int at : classes) {
      out[at] = (in[at] - 1) * factor;
    }
    return new Tensor(p.shape(), out);
  }

  /** out = (in − its run's first value) − its run's second value, for every element. */
  private static void subtractPerRow(double[] in, int length, int rows, double[] first,
      double[] second, double[] out) {
    if (RowStatisticsF64.isUnrolled(length)) {
      for (int row = 0, i = 0; row < rows; row++, i += length) {
        double a = first[row];
        double b = second[row];
        out[i] = in[i] - a - b;
        if (length > 1) {
          out[i + 1] = in[i + 1] - a - b;
        }
        if (length > 2) {
          out[i + 2] = in[i + 2] - a - b;
        }
        if (length > 3) {
          out[i + 3] = in[i + 3] - a - b;
        }
      }
    } else {
      for (int row = 0, i = 0; row < rows; row++) {
        double a = first[row];
        double b = second[row];
        for (int end = i + length; i < end; i++) {
          out[i] = in[i] - a - b;
        }
      }
    }
  }
}
