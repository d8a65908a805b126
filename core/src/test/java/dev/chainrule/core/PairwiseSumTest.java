package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Float64 sums of many elements are pairwise: their error grows with log₂ n, not with n. A
 * gradient check's central difference divides the error of a sum by twice its step, so a sum of
 * a layer's outputs must keep nearly all its digits (#16: four sequential running sums over
 * 32,768 values made a correct rule look wrong).
 */
class PairwiseSumTest {
  private static final int N = 1 << 20;

  /** Neumaier's compensated sum: the exact sum correctly rounded, up to an ulp or so. */
  static double compensated(double[] values) {
    double sum = 0;
    double compensation = 0;
    for (double v : values) {
      double t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  /** What the kernel did before: four running sums, each adding a quarter of the elements. */
  private static double sequential(double[] values) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int i = 0; i < values.length; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Test
  void aMillionElementsSumToWithinAFewUlps() {
    Tensor x = Tensors.rand(Shape.of(N), Tensors.seeded(16));
    double[] values = x.toArray();
    double exact = compensated(values);
    double ulp = Math.ulp(exact);
    double pairwise = x.sum().item();
    double sequential = sequential(values);
    // Pairwise: 13 levels above blocks of 16 sequential additions; random rounding errors add up
    // to a few ulps of the sum, where the worst case would be 45 (this seed: 1 ulp; the four
    // running sums: 62, and 11 to 96 over six seeds).
    assertTrue(Math.abs(pairwise - exact) <= 4 * ulp,
        () -> "pairwise sum off by " + Math.abs(pairwise - exact) / ulp + " ulps");
    assertTrue(Math.abs(sequential - exact) > 16 * ulp,
        () -> "sequential sums drift further, or this test would prove nothing: "
            + Math.abs(sequential - exact) / ulp + " ulps");
  }

  /**
   * Around a block and a chunk of blocks: whole numbers below 2⁸ that differ from their
   * neighbours sum exactly, so any element skipped or added twice changes the result.
   */
  @Test
  void everyLengthAroundTheBlockAndTheChunkSumsEveryElementOnce() {
    int chunk = PairwiseSumF64.CHUNK;
    for (int n : new int[] {0, 1, 127, 128, 129, 255, 256, 257, 383, 384, 385, 1000, chunk - 1,
        chunk, chunk + 1, 2 * chunk - 129, 2 * chunk, 2 * chunk + 128, 3 * chunk + 5, 5 * chunk}) {
      double[] values = new double[n];
      long exact = 0;
      for (int i = 0; i < n; i++) {
        values[i] = (i * 37L) % 256;
        exact += (i * 37L) % 256;
      }
      Tensor x = Tensor.of(values, n);
      assertEquals(exact, x.sum().item(), "sum of " + n + " whole numbers");
      assertEquals(exact, x.reshape(1, n).sum(1, false).item(), "row sum of " + n);
      assertEquals(exact, PairwiseSumF64.pairwise(values, 0, n), "pairwise sum of " + n);
    }
  }

  /**
   * Above a block, a sum of 2ᵏ elements is the balanced tree of halves down to blocks of 128,
   * each block eight running sums: the chunks' loops build that tree too, so random values sum
   * to the same bits as this plain recursion. A split anywhere else rounds differently, though
   * not for every draw (four block sums may round alike in either order), hence ten draws.
   */
  @Test
  void powerOfTwoLengthsSumToTheBitsOfTheBalancedTree() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n = PairwiseSumF64.PAIRWISE_BLOCK; n <= 1 << 16; n *= 2) {
      for (int draw = 0; draw < 10; draw++) {
        double[] values = random.doubles(n, -1, 1).toArray();
        assertEquals(halves(values, 0, n), PairwiseSumF64.pairwise(values, 0, n), "sum of " + n);
      }
    }
  }

  private static double halves(double[] values, int from, int to) {
    if (to - from > PairwiseSumF64.PAIRWISE_BLOCK) {
      int middle = (from + to) / 2;
      return halves(values, from, middle) + halves(values, middle, to);
    }
    double[] chains = new double[8];
    for (int i = from; i < to; i++) {
      chains[(i - from) % 8] += values[i];
    }
    return ((chains[0] + chains[1]) + (chains[2] + chains[3]))
        + ((chains[4] + chains[5]) + (chains[6] + chains[7]));
  }
}
