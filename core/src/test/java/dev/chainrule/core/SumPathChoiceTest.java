package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which of its two sums {@link SumF64#sum} gives: the pairwise sum for runs shorter than one
 * block ({@link SumF64#LANES_FROM}), the lanes' from one block on while their total is finite.
 * The two add in different orders, so random values in (−1, 1) tell them apart in the last bits
 * (the test checks that they do differ there); the run starts at an offset, so that a
 * length read from the bounds' wrong combination shows too.
 */
class SumPathChoiceTest {
  private static final int FROM = 1000;

  private static double[] uniforms(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[FROM + n + 3];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() * 2 - 1;
    }
    return values;
  }

  private static float[] narrowed(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  @Test
  void aRunShorterThanABlockIsSummedPairwise() {
    int n = SumF64.LANES_FROM - 1;
    for (long seed = 1; seed <= 3; seed++) {
      double[] x = uniforms(n, seed);
      assertEquals(PairwiseSumF64.pairwise(x, FROM, FROM + n), SumF64.sum(x, FROM, FROM + n), 0,
          "float64, bit for bit");
      float[] f = narrowed(x);
      assertEquals(PairwiseSumF32.pairwise(f, FROM, FROM + n), SumF32.sum(f, FROM, FROM + n), 0,
          "float32, bit for bit");
    }
  }

  @Test
  void aRunOfABlockOrMoreTakesTheLanesWhileTheirTotalIsFinite() {
    boolean differed64 = false;
    boolean differed32 = false;
    for (int n : new int[] {SumF64.LANES_FROM, SumF64.LANES_FROM + 3, 3 * SumF64.LANES_FROM}) {
      double[] x = uniforms(n, n);
      double lanes = SumF64.lanes(x, FROM, FROM + n);
      differed64 |= lanes != PairwiseSumF64.pairwise(x, FROM, FROM + n);
      assertEquals(lanes, SumF64.sum(x, FROM, FROM + n), 0, "float64 n = " + n);
      float[] f = narrowed(x);
      double lanes32 = SumF32.lanes(f, FROM, FROM + n);
      differed32 |= lanes32 != PairwiseSumF32.pairwise(f, FROM, FROM + n);
      assertEquals(lanes32, SumF32.sum(f, FROM, FROM + n), 0, "float32 n = " + n);
    }
    assertTrue(differed64, "the float64 cases cannot tell the two sums apart");
    assertTrue(differed32, "the float32 cases cannot tell the two sums apart");
  }

  /** Lanes that overflow: the float32 sum is taken again in float64, pairwise. */
  @Test
  void aFloat32TotalThatOverflowsInTheLanesIsSummedAgainPairwise() {
    int n = SumF64.LANES_FROM;
    float[] f = new float[FROM + n];
    Arrays.fill(f, FROM, FROM + n, 1e38f);
    assertEquals(Double.POSITIVE_INFINITY, SumF32.lanes(f, FROM, FROM + n), 0,
        "eight rows of 1e38 overflow in float32");
    // Exact: every partial sum is a whole multiple (at most 2^13) of a 24-bit significand.
    assertEquals(n * (double) 1e38f, SumF32.sum(f, FROM, FROM + n), 0, "float64 pairwise");
  }
}
