package dev.chainrule.core;

/**
 * The sum of a run of float64 elements, and the template of its float32 twin ({@code SumF32},
 * generated at build time): the kernel of every whole, row and middle-axis sum.
 *
 * <p>Runs shorter than {@link #LANE_BLOCK} are summed pairwise in float64 ({@link
 * PairwiseSumF64}): the rounding error grows with log₂ n, not n.
 *
 * <p>Runs of {@link #LANE_BLOCK} elements or more take {@link #lanes} instead: blocks of
 * {@link #ROWS} rows of {@link #LANES}, added lane by lane in the element type as
 * ((r₀ + r₁) + (r₂ + r₃)) + ((r₄ + r₅) + (r₆ + r₇)) (loops HotSpot vectorizes: eight float64 or
 * sixteen float32 additions per instruction with AVX-512), the blocks' lanes added pairwise, up to
 * {@link #CASCADE_BLOCKS} blocks ({@link #cascade}), and only then widened and summed in float64,
 * the cascades pairwise. The running sums are scalar additions, and in float32 a scalar
 * conversion per element (HotSpot 17 does not vectorize a conversion between types of two sizes).
 * The price in float32 is at most seven roundings per lane (|error| ≤ 7·2⁻²⁴·Σ|x|, typically far
 * less, as the roundings have random signs) before float64 takes over, whatever the length, as
 * long as no lane overflows ({@link #sum} then sums again in float64); PyTorch's float32 sums
 * round at every level of their cascade.
 *
 * <p>HotSpot 17 vectorizes a loop only when every array in it is indexed by the loop counter
 * plus constants: {@code lanes[c] += in[at + c]} stays scalar (two arrays that might be one, at
 * offsets it cannot compare). So a block's rows are read where they lie, {@code in[i + r·LANES]},
 * into a {@link LaneArrays#windowFor window} laid out like the input, and the block's lanes
 * copied out of it; runs that end beyond {@link #WINDOW_LIMIT} copy each row out first instead,
 * in the same order, so the bits do not depend on where a run lies. A 128 × 512 sum took 0.50
 * (float64) and 0.73 (float32) of the copies' time through the window (two builds alternating in
 * one process, {@code scripts/KernelAB.java}).
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class SumF64 {
  /**
   * Lanes of a block. Long rows amortize each row's copy and loop set-up: rows of 512 made a
   * float32 sum of 128 × 512 1.04–1.12× slower (and sums of 8,192 to 20,480 elements 0.88×).
   */
  static final int LANES = 1024;
  /** Rows of a block: the elements a lane adds, as a tree of three levels ({@link #addBlock}). */
  static final int ROWS = 8;
  /** Elements of a block. */
  static final int LANE_BLOCK = LANES * ROWS;
  /**
   * Blocks whose lanes are added pairwise in the element type before float64 takes over: a run
   * of fewer than twice this many is one {@link #cascade}, so a lane's value has been rounded at
   * most {@code log₂ ROWS + log₂ CASCADE_BLOCKS} = 7 times when it is widened (a rest of fewer
   * rows, added in order and widened on its own, at most {@code ROWS − 2} = 6).
   */
  static final int CASCADE_BLOCKS = 16;
  /** Elements of one cascade. */
  static final int CASCADE = CASCADE_BLOCKS * LANE_BLOCK;
  /** The shortest run that takes lanes: one block. */
  static final int LANES_FROM = LANE_BLOCK;
  /**
   * The longest window a thread keeps, in elements (2 MiB in float64): a run ending beyond it
   * takes the row copies, which read the same elements in the same order, 1.5–2× slower.
   */
  static final int WINDOW_LIMIT = 1 << 18;
  /**
   * The arrays of a lane sum, one set per thread: made for each sum, as memory the cache has not
   * seen, they made a 128 × 512 sum 2.4× slower in float32 and 1.7× in float64. Every element is
   * written before it is read, so what an earlier sum left in them never shows.
   */
  private static final ThreadLocal<LaneArrays> LANE_ARRAYS =
      ThreadLocal.withInitial(LaneArrays::new);

  private SumF64() {}

  /**
   * in[from..to) summed in float64. The lanes add in the element type, so in float32 eight rows
   * of 1e38 overflow before float64 takes over, and 4,096 values of 1e38 beside as many of −1e38
   * summed to NaN, not 0; a total that is not finite is summed again pairwise, widened from the
   * first element, which gives ∞ or NaN only where the values do (a cost only in that case).
   */
  static @Wide double sum(double[] in, int from, int to) {
    if (to - from < LANES_FROM) {
      return PairwiseSumF64.pairwise(in, from, to);
    }
    @Wide double total = lanes(in, from, to);
    // total − total is 0 exactly when total is finite (written so, as Double.isFinite would
    // become Float.isFinite in the float32 twin, which takes no double).
    return total - total == 0 ? total : PairwiseSumF64.pairwise(in, from, to);
  }

  /** in[from..to), at least one block, summed in lanes. */
  static @Wide double lanes(double[] in, int from, int to) {
    return cascades(in, from, to, LANE_ARRAYS.get());
  }

  /** Halves at a cascade boundary until a run holds fewer than two cascades; pairwise above. */
  private static @Wide double cascades(double[] in, int from, int to, LaneArrays arrays) {
    int n = to - from;
    if (n >= 2 * CASCADE) {
      // The first half a whole number of cascades, the second at least n/2, so both hold one.
      int half = from + n / 2 / CASCADE * CASCADE;
      return cascades(in, from, half, arrays) + cascades(in, half, to, arrays);
    }
    return cascade(in, from, to, arrays);
  }

  /**
   * A run of at least one block and fewer than 2·CASCADE elements. Each block's rows are added
   * lane by lane; the blocks' lanes are then added pairwise, as a binary counter adds its bits:
   * {@code levels[k]} holds the lanes of 2^k blocks while bit k of {@code held} is set, and a new
   * block carries upwards through the set bits. Those additions are whole rows too, so they
   * vectorize; only the few levels left at the end are widened and summed in float64.
   */
  private static @Wide double cascade(double[] in, int from, int to, LaneArrays arrays) {
    double[][] levels = arrays.levels;
    int blocks = (to - from) / LANE_BLOCK;
    int held = 0;
    double[] window = arrays.windowFor(to);
    for (int b = 0; b < blocks; b++) {
      double[] carry = arrays.spare;
      addBlock(in, from + b * LANE_BLOCK, window, carry, arrays);
      int level = 0;
      for (; (held & 1 << level) != 0; level++) {
        addInto(carry, levels[level]);
      }
      held = (held & -(1 << level)) | 1 << level;
      arrays.spare = levels[level];
      levels[level] = carry;
    }
    // The rest: its whole rows as one more block of fewer rows, then what is left pairwise.
    int rest = from + blocks * LANE_BLOCK;
    int rows = (to - rest) / LANES;
    @Wide double sum = PairwiseSumF64.pairwise(in, rest + rows * LANES, to);
    if (rows > 0) {
      addRows(in, rest, rows, arrays.spare, arrays.row);
      sum += PairwiseSumF64.pairwise(arrays.spare, 0, LANES);
    }
    for (int level = 0; level < levels.length; level++) {
      if ((held & 1 << level) != 0) {
        sum += PairwiseSumF64.pairwise(levels[level], 0, LANES);
      }
    }
    return sum;
  }

  /**
   * lanes ← the block of ROWS rows from {@code from}, added lane by lane as ((r₀ + r₁) + (r₂ +
   * r₃)) + ((r₄ + r₅) + (r₆ + r₇)): in the window when there is one (four rows per loop, as a loop
   * reading more stays scalar), else through row copies.
   */
  private static void addBlock(double[] in, int from, double[] window, double[] lanes,
      LaneArrays arrays) {
    if (window == null) {
      addFourRows(in, from, lanes, arrays);
      addFourRows(in, from + 4 * LANES, arrays.half, arrays);
      addInto(lanes, arrays.half);
      return;
    }
    for (int i = from; i < from + LANES; i++) {
      window[i] = (in[i] + in[i + LANES]) + (in[i + 2 * LANES] + in[i + 3 * LANES]);
    }
    for (int i = from; i < from + LANES; i++) {
      window[i] += (in[i + 4 * LANES] + in[i + 5 * LANES])
          + (in[i + 6 * LANES] + in[i + 7 * LANES]);
    }
    System.arraycopy(window, from, lanes, 0, LANES);
  }

  /** lanes ← (r₀ + r₁) + (r₂ + r₃) for the four rows from {@code from}, each copied out first. */
  private static void addFourRows(double[] in, int from, double[] lanes, LaneArrays arrays) {
    double[] r1 = arrays.row;
    double[] r2 = arrays.second;
    double[] r3 = arrays.third;
    System.arraycopy(in, from, lanes, 0, LANES);
    System.arraycopy(in, from + LANES, r1, 0, LANES);
    System.arraycopy(in, from + 2 * LANES, r2, 0, LANES);
    System.arraycopy(in, from + 3 * LANES, r3, 0, LANES);
    for (int c = 0; c < LANES; c++) {
      lanes[c] = (lanes[c] + r1[c]) + (r2[c] + r3[c]);
    }
  }

  /** lanes ← {@code rows} rows of LANES elements from {@code from}, added row onto row. */
  private static void addRows(double[] in, int from, int rows, double[] lanes, double[] row) {
    System.arraycopy(in, from, lanes, 0, LANES);
    for (int r = 1; r < rows; r++) {
      // Through a copy: see the class comment.
      System.arraycopy(in, from + r * LANES, row, 0, LANES);
      addInto(lanes, row);
    }
  }

  private static void addInto(double[] lanes, double[] row) {
    for (int c = 0; c < LANES; c++) {
      lanes[c] += row[c];
    }
  }

  /**
   * A thread's arrays for {@link #lanes}: rows for the copies, a block's lanes, the cascade's
   * levels, and the window.
   */
  private static final class LaneArrays {
    final double[] row = new double[LANES];
    final double[] second = new double[LANES];
    final double[] third = new double[LANES];
    final double[] half = new double[LANES];
    /** Lanes of 2^k blocks at index k; a run of fewer than 2·CASCADE_BLOCKS needs log₂ + 1. */
    final double[][] levels =
        new double[Integer.numberOfTrailingZeros(CASCADE_BLOCKS) + 1][LANES];
    double[] spare = new double[LANES];
    /**
     * Laid out like the input, so that a block's rows and its lanes share their indices: block
     * lanes at the block's own first row. Grown on demand up to WINDOW_LIMIT; only the first
     * row of each block is ever written.
     */
    private double[] window = new double[0];

    /** The window for a run ending at {@code to}, or null beyond WINDOW_LIMIT. */
    double[] windowFor(int to) {
      if (to > WINDOW_LIMIT) {
        return null;
      }
      if (to > window.length) {
        window = new double[Math.max(to, Math.min(2 * window.length, WINDOW_LIMIT))];
      }
      return window;
    }
  }
}
