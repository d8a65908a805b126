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

  /**
   * Rows of at most this many elements (a classifier's two to four classes) are written out
   * element by element in one loop over the rows: a loop of a few elements per row costs HotSpot
   * a loop set-up each, and a walk of the whole batch one column at a time (this file's way
   * before) still made some fifteen passes over it. The same operations in the same order, so the
   * same bits. Measured on the class-index cross-entropy's forward over 150 rows of 3 outside its
   * exponentials: about 0.55 µs against the column walk's 1.2 and the row walk's 1.5.
   */
  static final int UNROLLED_ROW = 4;

  private SoftmaxRowsF64() {}

  /**
   * log Σ exp over each run of {@code length} elements: the maximum m first, then
   * log Σ e^(x − m) + m, with m not subtracted when infinite (all −∞ gives −∞, any +∞ gives +∞,
   * NaN stays NaN).
   */
  static Tensor logSumExpRows(Tensor x, int length, Shape result) {
    double[] in = x.dataF64();
    double[] exps = Recycling.bufferF64(in.length);
    RowStatistics rows = RowStatistics.of(in, length, exps);
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
    RowStatistics rows = RowStatistics.of(in, length, out);
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
    RowStatistics rows = RowStatistics.of(in, length, out);
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
    double[] in = x.dataF64();
    double[] out = Recycling.bufferF64(in.length);
    RowStatistics rows = RowStatistics.of(in, length, out);
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

  /**
   * What every kernel here needs of each run of {@code length} elements: its shift m (its largest
   * element, 0 when that is infinite) and Σ e^(x − m) in float64, in arrays from the pool that
   * {@link #recycle} hands back; {@link #of} writes e^(x − m) of every element on the way.
   */
  private record RowStatistics(int count, double[] shifts, @Wide double[] sums) {
    /**
     * The shifts and sums of the runs of {@code in}, and e^(x − m) of every element into {@code
     * exps}. The shifted values come first and the exponentials in one call over the whole
     * array, which vectorizes: called per element, each exponential's polynomial would wait on
     * the last (rows of a classifier are a few elements long).
     */
    static RowStatistics of(double[] in, int length, double[] exps) {
      int count = length == 0 ? 0 : in.length / length;
      double[] shifts = Recycling.bufferF64(count);
      double[] shifted = Recycling.bufferF64(in.length);
      if (isUnrolled(length)) {
        for (int row = 0, i = 0; row < count; row++, i += length) {
          double m = in[i];
          if (length > 1) {
            m = in[i + 1] > m ? in[i + 1] : m;
          }
          if (length > 2) {
            m = in[i + 2] > m ? in[i + 2] : m;
          }
          if (length > 3) {
            m = in[i + 3] > m ? in[i + 3] : m;
          }
          m = Double.isInfinite(m) ? 0 : m;
          shifts[row] = m;
          shifted[i] = in[i] - m;
          if (length > 1) {
            shifted[i + 1] = in[i + 1] - m;
          }
          if (length > 2) {
            shifted[i + 2] = in[i + 2] - m;
          }
          if (length > 3) {
            shifted[i + 3] = in[i + 3] - m;
          }
        }
      } else {
        for (int row = 0; row < count; row++) {
          int from = row * length;
          double m = shift(in, from, from + length);
          shifts[row] = m;
          for (int i = from; i < from + length; i++) {
            shifted[i] = in[i] - m;
          }
        }
      }
      TranscendentalF64.exp(shifted, exps, 0, in.length);
      Recycling.recycleUnseen(shifted);
      return new RowStatistics(count, shifts, rowSums(exps, length, count));
    }

    /**
     * The row's largest number, or 0 when that is infinite (so that ±∞ pass through). A NaN need
     * not win here, as it does in {@code max}: it makes its row's sum, and so every value
     * computed from that row, NaN anyway. A comparison is cheaper than {@code Math.max}, whose
     * NaN and −0 rules cost HotSpot a blend of several instructions on the row's critical path.
     * (Short rows written out in {@link #of} make the same comparisons in the same order.)
     */
    private static double shift(double[] in, int from, int to) {
      double max = in[from];
      for (int i = from + 1; i < to; i++) {
        max = in[i] > max ? in[i] : max;
      }
      return Double.isInfinite(max) ? 0 : max;
    }

    /** Each run's sum in float64, its elements added in order. */
    private static @Wide double[] rowSums(double[] values, int length, int count) {
      @Wide double[] sums = Recycling.bufferWide(count);
      if (isUnrolled(length)) {
        for (int row = 0, i = 0; row < count; row++, i += length) {
          @Wide double sum = 0;
          sum += values[i];
          if (length > 1) {
            sum += values[i + 1];
          }
          if (length > 2) {
            sum += values[i + 2];
          }
          if (length > 3) {
            sum += values[i + 3];
          }
          sums[row] = sum;
        }
      } else {
        for (int row = 0, i = 0; row < count; row++) {
          @Wide double sum = 0;
          for (int end = i + length; i < end; i++) {
            sum += values[i];
          }
          sums[row] = sum;
        }
      }
      return sums;
    }

    /** Divides each run of e^(x − m) by its sum, multiplying by the reciprocal. */
    void normalize(double[] exps, int length) {
      if (isUnrolled(length)) {
        for (int row = 0, i = 0; row < count; row++, i += length) {
          double scale = (double) (1 / sums[row]);
          exps[i] *= scale;
          if (length > 1) {
            exps[i + 1] *= scale;
          }
          if (length > 2) {
            exps[i + 2] *= scale;
          }
          if (length > 3) {
            exps[i + 3] *= scale;
          }
        }
      } else {
        for (int row = 0, i = 0; row < count; row++) {
          double scale = (double) (1 / sums[row]);
          for (int end = i + length; i < end; i++) {
            exps[i] *= scale;
          }
        }
      }
    }

    /** Hands the shifts and sums back to the pool; they are not read again. */
    void recycle() {
      Recycling.recycleUnseen(shifts);
      Recycling.recycleUnseen(sums);
    }
  }

  /** out = (in − its run's first value) − its run's second value, for every element. */
  private static void subtractPerRow(double[] in, int length, int rows, double[] first,
      double[] second, double[] out) {
    if (isUnrolled(length)) {
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

  /**
   * Whether rows of this length are written out element by element ({@link #UNROLLED_ROW}). Both
   * ways make the same operations in the same order and give the same bits, so no test can tell
   * them apart: the mutation profile skips this method by name.
   */
  private static boolean isUnrolled(int length) {
    return length <= UNROLLED_ROW;
  }
}
