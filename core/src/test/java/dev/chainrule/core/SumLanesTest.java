package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The lanes of {@link SumF64} (blocks of rows added lane by lane, blocks added pairwise up to a
 * cascade, then widened) add every element exactly once at every length and offset, and stay as
 * accurate as the running sums, in both types.
 */
class SumLanesTest {
  /**
   * Around one, two and three blocks; rests of one and of seven whole rows; a cascade, and the
   * most blocks one holds (every level of its counter full); around two cascades, where the run
   * is first halved; many cascades with a ragged end (the accuracy test's length); and an odd
   * length.
   */
  private static final int[] LENGTHS = {
      SumF64.LANE_BLOCK, SumF64.LANE_BLOCK + 1, 2 * SumF64.LANE_BLOCK - 1, 2 * SumF64.LANE_BLOCK,
      2 * SumF64.LANE_BLOCK + SumF64.LANES + 3, 3 * SumF64.LANE_BLOCK + 7 * SumF64.LANES + 5,
      3 * SumF64.LANE_BLOCK, SumF64.CASCADE,
      2 * SumF64.CASCADE - 1, 2 * SumF64.CASCADE, 2 * SumF64.CASCADE + SumF64.LANE_BLOCK + 3,
      5 * SumF64.CASCADE + 7, 100_003};
  private static final int OFFSET = 5;

  @Test
  void bothTypesTakeLanesFromOneBlock() {
    assertEquals(SumF32.LANE_BLOCK, SumF32.LANES_FROM);
    assertEquals(SumF64.LANE_BLOCK, SumF64.LANES_FROM);
  }

  /**
   * Whole numbers below 2⁸ sum exactly in float32 lanes (a lane of a cascade's 16 blocks of eight
   * rows stays below 2¹⁵) and in float64, so any element added twice or skipped changes the
   * result. The longest runs end beyond {@link SumF64#WINDOW_LIMIT}: their cascades past it take
   * the row copies, the others the window.
   */
  @Test
  void everyElementCountsOnceAtEveryLengthAndOffset() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : LENGTHS) {
      double[] doubles = new double[OFFSET + n + OFFSET];
      float[] floats = new float[doubles.length];
      long exact = 0;
      for (int i = 0; i < doubles.length; i++) {
        int v = random.nextInt(256);
        doubles[i] = v;
        floats[i] = v;
        if (i >= OFFSET && i < OFFSET + n) {
          exact += v;
        }
      }
      assertEquals(exact, SumF64.lanes(doubles, OFFSET, OFFSET + n), "float64 lanes, n = " + n);
      assertEquals(exact, SumF32.lanes(floats, OFFSET, OFFSET + n), "float32 lanes, n = " + n);
      assertEquals(exact, SumF32.sum(floats, OFFSET, OFFSET + n), "float32 sum, n = " + n);
      assertEquals(exact, SumF64.sum(doubles, OFFSET, OFFSET + n), "float64 sum, n = " + n);
    }
  }

  /**
   * Where a run lies does not change its bits: one ending beyond {@link SumF64#WINDOW_LIMIT} reads
   * each block's rows through copies, the same values at the start through the window, in the
   * same order. Gaussian values, so any other order would show in the last bits.
   */
  @Test
  void aRunSumsToTheSameBitsThroughTheWindowAndThroughCopies() {
    SplittableRandom random = new SplittableRandom(17);
    int n = 3 * SumF64.LANE_BLOCK + 2 * SumF64.LANES + 9;
    int far = SumF64.WINDOW_LIMIT;
    double[] doubles = new double[far + n];
    float[] floats = new float[far + n];
    for (int i = 0; i < n; i++) {
      double v = random.nextGaussian();
      doubles[OFFSET + i] = v;
      doubles[far + i] = v;
      floats[OFFSET + i] = (float) v;
      floats[far + i] = (float) v;
    }
    assertEquals(SumF64.lanes(doubles, OFFSET, OFFSET + n), SumF64.lanes(doubles, far, far + n),
        "float64");
    assertEquals(SumF32.lanes(floats, OFFSET, OFFSET + n), SumF32.lanes(floats, far, far + n),
        "float32");
  }

  /**
   * Uniform values in [0, 1): the float32 lanes' sum of five cascades is within an ulp of the
   * exact sum in float32 (each lane rounds at most seven times, with random signs, far below the
   * ulp of a sum some 650,000 times larger), and float64's within four ulps in float64, as
   * PairwiseSumTest holds the running sums.
   */
  @Test
  void lanesAreAsAccurateAsThePairwiseSums() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 5 * SumF64.CASCADE + 7;
    double[] doubles = new double[n];
    float[] floats = new float[n];
    for (int i = 0; i < n; i++) {
      floats[i] = (float) random.nextDouble();
      doubles[i] = floats[i];
    }
    double exact = PairwiseSumTest.compensated(doubles);
    float lanes32 = (float) SumF32.lanes(floats, 0, n);
    assertTrue(Math.abs(lanes32 - exact) <= Math.ulp((float) exact),
        () -> "float32 lanes " + lanes32 + " vs exact " + exact);
    double lanes64 = SumF64.lanes(doubles, 0, n);
    assertTrue(Math.abs(lanes64 - exact) <= 4 * Math.ulp(exact),
        () -> "float64 lanes off by " + Math.abs(lanes64 - exact) / Math.ulp(exact) + " ulps");
  }

  /**
   * Column sums in lanes: row counts around a block of {@link SumF64#ROWS} and a ragged last
   * block, whole numbers below 2⁸ (exact in both types, a block stays below 2¹¹), the block
   * after an offset: any element added twice, skipped or taken from the wrong column shows.
   */
  @Test
  void columnSumsInLanesCountEveryElementOnceInItsColumn() {
    SplittableRandom random = new SplittableRandom(13);
    int inner = 70;
    for (int rows : new int[] {1, 7, 8, 9, 16, 17, 61}) {
      double[] doubles = new double[OFFSET + rows * inner + OFFSET];
      float[] floats = new float[doubles.length];
      long[] exact = new long[inner];
      for (int i = 0; i < doubles.length; i++) {
        int v = random.nextInt(256);
        doubles[i] = v;
        floats[i] = v;
        if (i >= OFFSET && i < OFFSET + rows * inner) {
          exact[(i - OFFSET) % inner] += v;
        }
      }
      double[] sums64 = new double[inner];
      double[] sums32 = new double[inner];
      ReduceF64.columnSumsInLanes(doubles, OFFSET, rows, inner, sums64, new double[inner],
          new double[inner]);
      ReduceF32.columnSumsInLanes(floats, OFFSET, rows, inner, sums32, new float[inner],
          new float[inner]);
      for (int c = 0; c < inner; c++) {
        assertEquals(exact[c], sums64[c], "float64, " + rows + " rows, column " + c);
        assertEquals(exact[c], sums32[c], "float32, " + rows + " rows, column " + c);
      }
    }
  }

  /**
   * Float32 lanes that overflow before float64 takes over: 4,096 values of 1e38 beside as many
   * of −1e38 summed to NaN (eight rows of 1e38 pass float32's range in a lane); the total is
   * then summed again in float64, exactly 0 here, as the shorter run and the float64 copy sum.
   */
  @Test
  void aFloat32SumWhoseLanesOverflowIsSummedAgainInFloat64() {
    float[] values = new float[8192];
    for (int i = 0; i < values.length; i++) {
      values[i] = i < 4096 ? 1e38f : -1e38f;
    }
    assertEquals(0.0, Tensor.of(values, values.length).sum().item());
    values[0] = Float.POSITIVE_INFINITY;
    assertEquals(Double.POSITIVE_INFINITY, Tensor.of(values, values.length).sum().item(),
        "a real infinity stays one");
  }

  /**
   * Float64 lanes overflow too where the run does not: ±MAX_VALUE alternating in groups of eight
   * put eight of one sign in every lane (∞ or −∞, NaN in all), while each running sum meets them
   * one after another, cancelling exactly: the sum is summed again pairwise, 0.
   */
  @Test
  void aFloat64SumWhoseLanesOverflowIsSummedAgainPairwise() {
    double[] values = new double[SumF64.LANE_BLOCK];
    for (int i = 0; i < values.length; i++) {
      values[i] = i / 8 % 2 == 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
    }
    assertTrue(Double.isNaN(SumF64.lanes(values, 0, values.length)), "the lanes overflow");
    assertEquals(0.0, Tensor.vector(values).sum().item());
  }

  /**
   * A thread's lane arrays are its own, made when it first sums: a run of 31 blocks, which fills
   * every level of a cascade's counter, gives the same bits on a new thread as on this one.
   */
  @Test
  void aNewThreadSumsToTheSameBits() throws Exception {
    SplittableRandom random = new SplittableRandom(23);
    double[] values = random.doubles(2 * SumF64.CASCADE - 1, -1, 1).toArray();
    double here = SumF64.lanes(values, 0, values.length);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      assertEquals(here, other.submit(() -> SumF64.lanes(values, 0, values.length)).get());
    } finally {
      other.shutdown();
    }
  }

  /** Squares past float64's range with a correction that would itself overflow: ∞, not NaN. */
  @Test
  void aVarianceBeyondTheRangeIsInfinite() {
    assertEquals(Double.POSITIVE_INFINITY, Tensor.vector(1e200, 1, 2).variance().item());
    assertEquals(Double.POSITIVE_INFINITY,
        Tensor.matrix(new double[][] {{1e200, 1, 2}, {1, 2, 3}}).variance(1, false).flatGet(0));
  }
}
