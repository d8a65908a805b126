package dev.chainrule.core;

/**
 * What every softmax row kernel ({@code SoftmaxRowsF64}) needs of each run of {@code length}
 * elements, and the template of its float32 twin ({@code RowStatisticsF32}, generated at build
 * time): its shift m (its largest element, 0 when that is infinite) and Σ e^(x − m) in float64,
 * in arrays from the pool that {@link #recycle} hands back; {@link #of} writes e^(x − m) of every
 * element on the way. A class rather than a record, so that the kernels' loops read its fields
 * ({@code rows.sums[row]}) as they did when it was a record nested among them: a top-level
 * record's fields are private to it.
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class RowStatisticsF64 {
  /**
   * Rows of at most this many elements (a classifier's two to four classes) are written out
   * element by element in one loop over the rows: a loop of a few elements per row costs HotSpot
   * a loop set-up each, and a walk of the whole batch one column at a time (the softmax
   * kernels' way before) still made some fifteen passes over it. The same operations in the same
   * order, so the same bits. Measured on the class-index cross-entropy's forward over 150 rows of
   * 3 outside its exponentials: about 0.55 µs against the column walk's 1.2 and the row walk's
   * 1.5.
   */
  static final int UNROLLED_ROW = 4;

  final int count;
  final double[] shifts;
  final @Wide double[] sums;

  private RowStatisticsF64(int count, double[] shifts, @Wide double[] sums) {
    this.count = count;
    this.shifts = shifts;
    this.sums = sums;
  }

  /**
   * Whether rows of this length are written out element by element ({@link #UNROLLED_ROW}). Both
   * ways make the same operations in the same order and give the same bits, so no test can tell
   * them apart: the mutation profile skips this method by name.
   */
  static boolean isUnrolled(int length) {
    return length <= UNROLLED_ROW;
  }

  /**
   * The shifts and sums of the runs of {@code in}, and e^(x − m) of every element into {@code
   * exps}. The shifted values come first and the exponentials in one call over the whole
   * array, which vectorizes: called per element, each exponential's polynomial would wait on
   * the last (rows of a classifier are a few elements long).
   */
  static RowStatisticsF64 of(double[] in, int length, double[] exps) {
    int count = count(in, length);
    double[] shifts = shiftsAndExps(in, length, exps);
    return new RowStatisticsF64(count, shifts, rowSums(exps, length, count));
  }

  /** How many runs of {@code length} elements {@code in} holds (none when length is 0). */
  static int count(double[] in, int length) {
    return length == 0 ? 0 : in.length / length;
  }

  /**
   * {@link #of} without the sums: each run's shift, in an array from the pool that the caller
   * hands back, and e^(x − m) of every element into {@code exps}. For a kernel that sums each
   * short row in a loop of its own doing more per row
   * ({@code SoftmaxRowsF64.crossEntropyShortRows}).
   */
  static double[] shiftsAndExps(double[] in, int length, double[] exps) {
    int count = count(in, length);
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
    return shifts;
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

  /**
   * The sum in float64 of the {@link #isUnrolled short} run of {@code length} elements from
   * {@code i}, its elements added in order, written out element by element.
   */
  static @Wide double shortRowSum(double[] values, int i, int length) {
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
    return sum;
  }

  /** Each run's sum in float64, its elements added in order. */
  private static @Wide double[] rowSums(double[] values, int length, int count) {
    @Wide double[] sums = Recycling.bufferWide(count);
    if (isUnrolled(length)) {
      for (int row = 0, i = 0; row < count; row++, i += length) {
        sums[row] = shortRowSum(values, i, length);
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

  /**
   * Makes NaN the sum of each run that holds +∞, the one way a sum of terms e^(x − m) ≤ 1 is
   * infinite. Such a run has no softmax (its largest term is ∞/∞), so its probabilities,
   * log-probabilities and cross-entropy are NaN throughout, as PyTorch gives them, rather than
   * zeros beside one NaN, which read as an answer. Its log-sum-exp, +∞, does not ask for this.
   */
  void undefineInfiniteRows() {
    for (int row = 0; row < count; row++) {
      if (sums[row] == Double.POSITIVE_INFINITY) {
        sums[row] = Double.NaN;
      }
    }
  }

  /** Hands the shifts and sums back to the pool; they are not read again. */
  void recycle() {
    Recycling.recycleUnseen(shifts);
    Recycling.recycleUnseen(sums);
  }
}
