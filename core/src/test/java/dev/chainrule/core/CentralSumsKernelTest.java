package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link CentralSumsF64}'s contracts, called directly: {@link Moments} squares the offsets and
 * falls back to the composition where the gradient kernel answers null, both of which would hide
 * a kernel that got the offsets' sign wrong or gave up on ordinary input.
 */
class CentralSumsKernelTest {
  /** [2, 2, 2] holding 0..7, reduced over axes 0 and 2: group c is {c·2, c·2 + 1, 4 + c·2, …}. */
  private static final Shape SHAPE = Shape.of(2, 2, 2);
  private static final boolean[] AROUND_THE_MIDDLE = {true, false, true};
  private static final boolean[] ROWS = {false, false, true};

  /**
   * Around means that are not the groups' own (1 and 2 where the data's are 2.5 and 4.5), every
   * deviation and square is a small whole number, so the sums are exact: group 0 deviates by
   * −1, 0, 3, 4 (squares 26, offsets 6), group 1 by 0, 1, 4, 5 (42 and 10). Rows [0, 1] ... [6, 7]
   * around 0, 1, 2, 3 deviate by (0, 1), (1, 2), (2, 3), (3, 4).
   */
  @Test
  void theSumsAreTheSquaresAndTheSignedOffsetsOfEachGroup() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
    ReductionPlan middle = ReductionPlan.of(SHAPE, AROUND_THE_MIDDLE, true);
    assertTrue(CentralSumsF64.walks(middle));
    double[] squares = new double[2];
    double[] offsets = new double[2];
    CentralSumsF64.sums(x, middle, new double[] {1, 2}, squares, offsets);
    assertArrayEquals(new double[] {26, 42}, squares, 0, "float64, exact");
    assertArrayEquals(new double[] {6, 10}, offsets, 0, "float64, exact");

    float[] x32 = {0, 1, 2, 3, 4, 5, 6, 7};
    double[] squares32 = new double[2];
    double[] offsets32 = new double[2];
    CentralSumsF32.sums(x32, middle, new float[] {1, 2}, squares32, offsets32);
    assertArrayEquals(new double[] {26, 42}, squares32, 0, "float32, exact");
    assertArrayEquals(new double[] {6, 10}, offsets32, 0, "float32, exact");

    ReductionPlan rows = ReductionPlan.of(SHAPE, ROWS, true);
    double[] rowSquares = new double[4];
    double[] rowOffsets = new double[4];
    CentralSumsF64.sums(x, rows, new double[] {0, 1, 2, 3}, rowSquares, rowOffsets);
    assertArrayEquals(new double[] {1, 5, 13, 25}, rowSquares, 0, "rows, exact");
    assertArrayEquals(new double[] {1, 3, 5, 7}, rowOffsets, 0, "rows, exact");
  }

  /** The composition the gradient kernel stands for, as Moments' fallback computes it. */
  private static Tensor composed(Tensor g, Tensor y, Tensor scale, int[] axes) {
    Tensor projection = g.mul(y).mean(axes, true);
    return g.sub(g.mean(axes, true)).sub(y.mul(projection)).mul(scale);
  }

  /**
   * On ordinary values the kernel answers (null would send Moments down the composition, the
   * same bits but seven passes) with the composition's bits, in both walks and both types.
   */
  @Test
  void theGradientAnswersOrdinaryValuesWithTheCompositionsBits() {
    int[] middleAxes = {0, 2};
    int[] rowAxes = {2};
    for (boolean[] reduced : new boolean[][] {AROUND_THE_MIDDLE, ROWS}) {
      int[] axes = reduced == ROWS ? rowAxes : middleAxes;
      ReductionPlan plan = ReductionPlan.of(SHAPE, reduced, true);
      long count = ReducedAxes.count(SHAPE, reduced);
      Tensor g = Tensors.randn(SHAPE, 5L, DType.FLOAT64);
      Tensor y = Tensors.randn(SHAPE, 6L, DType.FLOAT64);
      Tensor scale = Tensors.randn(plan.kept(), 7L, DType.FLOAT64).abs().add(0.5);
      double[] out = CentralSumsF64.gradient(g.dataF64(), y.dataF64(), plan, scale.dataF64(),
          count);
      assertNotNull(out, "float64 " + plan);
      assertEquals(composed(g, y, scale, axes), Tensor.of(out, 2, 2, 2), "float64 bits");

      Tensor g32 = g.to(DType.FLOAT32);
      Tensor y32 = y.to(DType.FLOAT32);
      Tensor scale32 = scale.to(DType.FLOAT32);
      float[] out32 = CentralSumsF32.gradient(g32.dataF32(), y32.dataF32(), plan,
          scale32.dataF32(), count);
      assertNotNull(out32, "float32 " + plan);
      assertEquals(composed(g32, y32, scale32, axes), Tensor.of(out32, 2, 2, 2), "float32 bits");
    }
  }

  /** A product g·y past the type's range makes the mean of g·y infinite: the kernel declines. */
  @Test
  void theGradientDeclinesWhereAMeanLeavesTheTypesRange() {
    ReductionPlan rows = ReductionPlan.of(SHAPE, ROWS, true);
    double[] g = {1e200, 1, 1, 1, 1, 1, 1, 1};
    double[] scale = {1, 1, 1, 1};
    assertNull(CentralSumsF64.gradient(g, g.clone(), rows, scale, 2));
    float[] g32 = {1e30f, 1, 1, 1, 1, 1, 1, 1};
    assertNull(CentralSumsF32.gradient(g32, g32.clone(), rows, new float[] {1, 1, 1, 1}, 2));
    double[] nan = {Double.NaN, 1, 1, 1, 1, 1, 1, 1};
    assertNull(CentralSumsF64.gradient(nan, g.clone(), rows, scale, 2), "a NaN mean");
  }

  /** Where the kernel declines, {@link Moments#standardizedGradient} gives the composition. */
  @Test
  void standardizedGradientTakesTheCompositionWhereTheKernelDeclines() {
    int[] rows = {2};
    for (DType dtype : DType.values()) {
      double big = dtype == DType.FLOAT64 ? 1e200 : 1e30;  // big · big overflows the type
      Tensor g = Tensor.of(new double[] {big, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2).to(dtype);
      Tensor scale = Tensors.ones(Shape.of(2, 2, 1), dtype);
      Tensor expected = composed(g, g, scale, rows);
      assertTrue(!Double.isFinite(expected.toArray()[0]), "the case reaches past the range");
      assertEquals(expected, Moments.standardizedGradient(g, g, scale, rows), dtype + " bits");
    }
  }

  /** The values per group: the reduced axes' sizes multiplied, 1 where none is reduced. */
  @Test
  void momentsCountTheValuesOfAGroup() {
    Tensor x = Tensors.randn(Shape.of(6, 4, 5, 7), 8L, DType.FLOAT64);
    assertEquals(6 * 5 * 7, x.moments(new int[] {0, 2, 3}).count());
    assertEquals(7, x.moments(new int[] {3}).count());
    assertEquals(1, x.moments(new int[0]).count());
  }
}
