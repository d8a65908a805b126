package dev.chainrule.optim.data;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Random orders of sample indices, the one source of randomness in this package. */
final class Permutations {
  // SplittableRandom's own increment (the golden ratio in 64 bits); any odd constant would do.
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private Permutations() {}

  /** {@code 0, 1, ..., n − 1} in a uniformly random order (Fisher–Yates). */
  static int[] shuffled(int n, RandomGenerator random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    shuffle(order, random);
    return order;
  }

  /** Shuffles {@code values} in place (Fisher–Yates). */
  static void shuffle(int[] values, RandomGenerator random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /**
   * A generator for one epoch of a seeded stream. Seeding with {@code seed + epoch} directly would
   * be a trap: SplittableRandom's output for seed s is a function of s + k·γ, so nearby seeds give
   * the same numbers shifted by a few places, and consecutive epochs would shuffle alike. The
   * first output of a generator at {@code seed + epoch·γ} is a bijective mix of it, so every
   * epoch starts from an unrelated, distinct state.
   */
  static RandomGenerator forEpoch(long seed, int epoch) {
    return new SplittableRandom(new SplittableRandom(seed + GOLDEN_GAMMA * epoch).nextLong());
  }

  /**
   * The seed of stream {@code stream} of epochs beside {@code seed}'s own. Stepping the seed by
   * {@code stream·γ} alone would fall into {@link #forEpoch}'s trap from the other side: stream
   * s at epoch e would draw exactly what {@code seed} draws at epoch s + e. MurmurHash3's
   * finalizer, a bijection unrelated to SplittableRandom's own mix (whose γ-lattice forEpoch
   * walks), sends each stream's seed to a scattered point, so no two streams' epochs meet but by
   * a 64-bit coincidence. One step of γ first: the finalizer keeps 0 in place, and stream 0 of
   * seed 0 drew seed 0's own orders.
   */
  static long streamSeed(long seed, long stream) {
    long z = seed + GOLDEN_GAMMA * (stream + 1);
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
