package dev.chainrule.core;

/**
 * The pairwise sum of a run of float64 elements, and the template of its float32 twin ({@code
 * PairwiseSumF32}, generated at build time): {@link SumF64}'s sum of runs too short for its lanes,
 * and of the lanes themselves once they are widened.
 *
 * <p>A run takes eight running sums in float64 ({@link Wide}) per block of {@link
 * #PAIRWISE_BLOCK}, and a longer run is halved until its halves fit, the halves' sums added (as
 * NumPy sums): the rounding error grows with log₂ n, not n. The halving's last four levels, down
 * from {@link #CHUNK_BLOCKS} blocks, are a loop over whole blocks, not calls ({@link #chunk}).
 */
final class PairwiseSumF64 {
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

  private PairwiseSumF64() {}

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
   * 1.13× slower (paired, 15 rounds).
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
    for (; i < to - 7; i += 8) {
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
