package dev.chainrule.core;

/**
 * The sum of a run of float64 elements, and the template of its float32 twin ({@code SumF32},
 * generated at build time): the kernel of every whole, row and middle-axis sum.
 *
 * <p>Runs take eight running sums in float64 ({@link Wide}) per block of {@link #PAIRWISE_BLOCK},
 * and longer runs are halved until their halves fit, the halves' sums added (pairwise summation,
 * as NumPy sums): the rounding error grows with log₂ n, not n. The halving's last four levels,
 * down from {@link #CHUNK_BLOCKS} blocks, are a loop over whole blocks, not calls ({@link
 * #chunk}).
 *
 * <p>Float32 runs of {@link #LANE_BLOCK} elements or more take {@link #lanes} instead: blocks of
 * {@link #ROWS} rows of {@link #LANES}, added row onto row lane by lane in float32 (a loop
 * HotSpot vectorizes, eight additions per instruction), each block's lanes then summed pairwise
 * in float64, and the blocks pairwise. The running sums convert every float32 element to float64
 * on its own, one scalar conversion each (HotSpot 17 does not vectorize a conversion between
 * types of two sizes): 0.52 ns per element of a 128 × 512 sum, 2.6× PyTorch's time, against
 * 0.32 in lanes (in one process, alternating, fifteen rounds). The price is at most seven float32
 * roundings per lane (|error| ≤ 7·2⁻²⁴·Σ|x|, typically far less, as the roundings have random
 * signs) before float64 takes over; PyTorch's float32 sums round at every addition of their
 * cascade. Float64 runs never take lanes: they convert nothing, and the lanes' copies made the
 * same sum 1.37× slower.
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class SumF64 {
  /**
   * Elements of one block of the short sums, eight running sums of 16. The rounding error grows
   * with log₂(n / 128) + 16 instead of n / 4: four sequential running sums of 32,768 values of
   * size 3 stray by about 4e-10, which a central difference at step 1e-6 turns into 2e-4, a
   * gradient check's whole tolerance (#16).
   */
  static final int PAIRWISE_BLOCK = 128;
  /** Blocks of one {@link #chunk}: a power of two, so that its sums pair off evenly. */
  static final int CHUNK_BLOCKS = 16;
  /** Elements of one chunk. */
  static final int CHUNK = PAIRWISE_BLOCK * CHUNK_BLOCKS;
  /** Lanes of a block: enough that the vectorized loop runs long. */
  static final int LANES = 256;
  /** Rows of a block: the elements a float32 lane adds before it is widened. */
  static final int ROWS = 8;
  /** Elements of a block. */
  static final int LANE_BLOCK = LANES * ROWS;
  /** The shortest run that takes lanes: in float32 one block (Double is Float in the twin). */
  static final int LANES_FROM = Double.SIZE == 32 ? LANE_BLOCK : Integer.MAX_VALUE;

  private SumF64() {}

  /** in[from..to) summed in float64. */
  static @Wide double sum(double[] in, int from, int to) {
    return to - from >= LANES_FROM ? lanes(in, from, to) : pairwise(in, from, to);
  }

  /** in[from..to), at least one block, summed in lanes (tested in both types, used in float32). */
  static @Wide double lanes(double[] in, int from, int to) {
    return blocks(in, from, to, new double[LANES], new double[LANES]);
  }

  /** A run of at least one block: halves at a block boundary until one block and its rest. */
  private static @Wide double blocks(double[] in, int from, int to, double[] lanes,
      double[] row) {
    int n = to - from;
    if (n >= 2 * LANE_BLOCK) {
      // Both halves hold at least one block: the first a whole number of them, the second n/2.
      int half = from + n / 2 / LANE_BLOCK * LANE_BLOCK;
      return blocks(in, from, half, lanes, row) + blocks(in, half, to, lanes, row);
    }
    return block(in, from, lanes, row) + pairwise(in, from + LANE_BLOCK, to);
  }

  /** The LANE_BLOCK elements from {@code from}: rows added lane by lane, then the lanes. */
  private static @Wide double block(double[] in, int from, double[] lanes, double[] row) {
    System.arraycopy(in, from, lanes, 0, LANES);
    for (int r = 1; r < ROWS; r++) {
      // Through a copy: HotSpot 17 vectorizes lanes[c] += row[c], but not lanes[c] += in[at + c]
      // (two arrays that might be one, read and written at offsets it cannot compare).
      System.arraycopy(in, from + r * LANES, row, 0, LANES);
      for (int c = 0; c < LANES; c++) {
        lanes[c] += row[c];
      }
    }
    return pairwise(lanes, 0, LANES);
  }

  /** in[from..to) summed pairwise in blocks of 128. */
  static @Wide double pairwise(double[] in, int from, int to) {
    int n = to - from;
    if (n == CHUNK) {
      return chunk(in, from);
    }
    if (n > PAIRWISE_BLOCK) {
      // Above a chunk, halved at a chunk boundary, so that every whole chunk takes chunk's loop.
      int unit = n > CHUNK ? CHUNK : PAIRWISE_BLOCK;
      int half = from + Math.max(unit, n / 2 / unit * unit);
      return pairwise(in, from, half) + pairwise(in, half, to);
    }
    return run(in, from, to);
  }

  /**
   * The CHUNK elements from {@code from}: each block's sum, then the sums pairwise, the tree the
   * halving would build. A loop over blocks of a constant length instead of 31 calls: 0.87–0.89
   * of the time of a float64 sum of 128 × 512 (one process, alternating, three runs of 30
   * rounds), the same bits.
   */
  private static @Wide double chunk(double[] in, int from) {
    @Wide double[] sums = new @Wide double[CHUNK_BLOCKS];
    for (int b = 0; b < CHUNK_BLOCKS; b++) {
      sums[b] = block(in, from + b * PAIRWISE_BLOCK);
    }
    for (int width = CHUNK_BLOCKS / 2; width > 0; width /= 2) {
      for (int b = 0; b < width; b++) {
        sums[b] = sums[2 * b] + sums[2 * b + 1];
      }
    }
    return sums[0];
  }

  /**
   * The PAIRWISE_BLOCK elements from {@code at}: {@link #run}'s loop with a constant count, which
   * C2 compiles faster. Not run's own loop in that form (or bounded by the last multiple of
   * eight, as fast in float64): in float32, where every element is converted, that made sums
   * 1.13× slower (paired, 15 rounds). Float32 never reaches this one: its runs of a chunk or
   * more take lanes.
   */
  private static @Wide double block(double[] in, int at) {
    @Wide double s0 = 0;
    @Wide double s1 = 0;
    @Wide double s2 = 0;
    @Wide double s3 = 0;
    @Wide double s4 = 0;
    @Wide double s5 = 0;
    @Wide double s6 = 0;
    @Wide double s7 = 0;
    for (int i = at; i < at + PAIRWISE_BLOCK; i += 8) {
      s0 += in[i];
      s1 += in[i + 1];
      s2 += in[i + 2];
      s3 += in[i + 3];
      s4 += in[i + 4];
      s5 += in[i + 5];
      s6 += in[i + 6];
      s7 += in[i + 7];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** A run of at most PAIRWISE_BLOCK elements. */
  private static @Wide double run(double[] in, int from, int to) {
    // Eight running sums, not four: an addition waits on the last one into its sum, and eight
    // chains keep both of the core's adders busy (0.62 → 0.44 ns per element of a float64
    // sum of 128 × 512, 0.72 → 0.36–0.51 in float32, with its float-to-double conversions).
    @Wide double s0 = 0;
    @Wide double s1 = 0;
    @Wide double s2 = 0;
    @Wide double s3 = 0;
    @Wide double s4 = 0;
    @Wide double s5 = 0;
    @Wide double s6 = 0;
    @Wide double s7 = 0;
    int i = from;
    for (; i + 7 < to; i += 8) {
      s0 += in[i];
      s1 += in[i + 1];
      s2 += in[i + 2];
      s3 += in[i + 3];
      s4 += in[i + 4];
      s5 += in[i + 5];
      s6 += in[i + 6];
      s7 += in[i + 7];
    }
    for (; i < to; i++) {
      s0 += in[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
