package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * NearKinks.of's four signs of a kink near the point, each alone: a function of one variable,
 * checked at 0 with step H, whose kinks lie where the test puts them, so which of the slopes at
 * H, H/10 and H/100 jump is known by hand, and so is the mask. A large constant added to an
 * output makes rounding (8 units of it, NearKinks.ROUNDINGS) large enough to withhold a sign; its
 * share at step s is 8·2⁻⁵³·V/s, computed in each case's comment.
 */
class NearKinksEachSignTest {
  private static final double H = 1e-2;
  private static final double RTOL = 1e-3;

  private static double relu(double t) {
    return Math.max(t, 0);
  }

  /** Whether NearKinks marks f's output at 0, along +1, at step H and relative tolerance rtol. */
  private static boolean marked(DoubleUnaryOperator f, double rtol) {
    return near(f, new double[] {0}, rtol).mask().item() == 1;
  }

  private static NearKinks near(DoubleUnaryOperator f, double[] point, double rtol) {
    Op op = Op.unary("f", (ctx, z) -> z.map(f), (ctx, g) -> g);
    Probe probe = Probe.of(v -> op.apply(v.get(0)), List.of(Tensor.of(point, point.length)),
        false);
    Tensor ones = Tensor.of(new double[point.length], point.length).map(t -> 1);
    return NearKinks.of(probe, 0, ones, ones, H, rtol);
  }

  /** |x|: the jump, 2, holds at every step (and from H/10 to H/100). */
  @Test
  void aKinkAtThePointIsMarked() {
    assertTrue(marked(Math::abs, RTOL));
  }

  /**
   * A kink at H/2: the slopes at H jump by 1/2, those at H/10 and H/100 not at all. With 1e9
   * added, rounding's share at H/100 (8.9e-3) exceeds a 300th of the jump (1.7e-3) but at H/10
   * (8.9e-4) not a 30th (1.7e-2): gone at the middle step alone marks it.
   */
  @Test
  void aKinkGoneAtTheMiddleStepIsMarked() {
    assertTrue(marked(x -> relu(x - H / 2), RTOL));
    assertTrue(marked(x -> 1e9 + relu(x - H / 2), RTOL));
  }

  /** With 1e11 added, rounding's share at H/10 (0.089) exceeds a 30th of the jump: not marked. */
  @Test
  void aKinkGoneOnlyWhereRoundingCouldHideCurvatureIsNotMarked() {
    assertFalse(marked(x -> 1e11 + relu(x - H / 2), RTOL));
  }

  /**
   * A kink at H/20: the slopes jump by 0.95 at H, by 0.5 at H/10 (neither gone nor held within a
   * quarter) and not at all at H/100: gone at the fine step alone marks it.
   */
  @Test
  void aKinkGoneOnlyAtTheFineStepIsMarked() {
    assertTrue(marked(x -> relu(x - H / 20), RTOL));
  }

  /**
   * |x| + 1e11: the jump holds from H to H/10 (rounding moves each slope at H/10 by at most
   * 7.6e-6 / 1e-3), and rounding's share there, 0.089, is under a quarter of it; at H/100, 0.89,
   * it is not, so only "holds" marks it. With 1e12 added its share at H/10, 0.89, is over a
   * quarter of the jump: not marked.
   */
  @Test
  void aJumpThatHoldsIsMarkedWhereRoundingCannotFakeIt() {
    assertTrue(marked(x -> 1e11 + Math.abs(x), RTOL));
    assertFalse(marked(x -> 1e12 + Math.abs(x), RTOL));
  }

  /**
   * |x| + 4·relu(x − H/2): the near kink makes the jump at H 4, at H/10 and H/100 it is the point's
   * 2 (not held from H, not gone): only "at the point" marks it. With 1e11 added, rounding's share
   * at H/100, 0.89, is over a quarter of the jump: not marked.
   */
  @Test
  void aKinkAtThePointBesideANearOneIsMarked() {
    assertTrue(marked(x -> Math.abs(x) + 4 * relu(x - H / 2), RTOL));
    assertFalse(marked(x -> 1e11 + Math.abs(x) + 4 * relu(x - H / 2), RTOL));
  }

  /**
   * 10x + k|x| + 4·relu(x − H/2), rtol 0.05: only "at the point" can mark it (the jump at H is 2
   * + 2k, at H/10 and H/100 the point's 2k), and only where 2k exceeds a quarter of rtol of the
   * slopes at H/10, about 0.0125 · 10: 2k = 0.5 is marked, 2k = 0.1 is not.
   */
  @Test
  void aKinkAtThePointBesideANearOneCountsBeyondAQuarterOfTheTolerance() {
    assertTrue(marked(x -> 10 * x + 0.25 * Math.abs(x) + 4 * relu(x - H / 2), 0.05));
    assertFalse(marked(x -> 10 * x + 0.05 * Math.abs(x) + 4 * relu(x - H / 2), 0.05));
  }

  /** x² and 5 + x²: curvature's jump falls tenfold per tenfold step, no kink's way. */
  @Test
  void aSmoothOutputIsNotMarked() {
    assertFalse(marked(x -> x * x, RTOL));
    assertFalse(marked(x -> 5 + x * x, RTOL));
  }

  /**
   * A kink's jump counts beyond a quarter of rtol of the larger slope: 10x + k|x| jumps by 2k
   * against slopes near 10, so by 1e-3 (under 2.5e-3) it is not marked, by 5e-3 it is; x + k|x|
   * by 2e-4 (under 2.5e-4) not, by 2e-3 it is.
   */
  @Test
  void aJumpUnderAQuarterOfTheToleranceIsNotAKink() {
    assertFalse(marked(x -> 10 * x + 5e-4 * Math.abs(x), RTOL));
    assertTrue(marked(x -> 10 * x + 2.5e-3 * Math.abs(x), RTOL));
    assertFalse(marked(x -> x + 1e-4 * Math.abs(x), RTOL));
    assertTrue(marked(x -> x + 1e-3 * Math.abs(x), RTOL));
  }

  /**
   * Two outputs, |x| at 0 (marked: slopes −1 and 1, exactly, at H) and 3x at 5 (not marked): the
   * engine's value is explained within [−1, 1] give or take the tolerance, its edges included;
   * the unmarked output's slopes, 3, count in neither bound.
   */
  @Test
  void explainsTheValuesBetweenTheMarkedOutputsSlopes() {
    NearKinks near = near(t -> t < 2.5 ? Math.abs(t) : 3 * t, new double[] {0, 5}, RTOL);
    assertEquals(List.of(1.0, 0.0), List.of(near.mask().toArray()[0], near.mask().toArray()[1]));
    Tensor weights = Tensor.of(new double[] {1, 1}, 2);
    assertTrue(near.explains(0.5, weights, 0));
    assertTrue(near.explains(-1.1, weights, 0.2));
    assertTrue(near.explains(1.1, weights, 0.2));
    assertTrue(near.explains(-1.25, weights, 0.25));
    assertTrue(near.explains(1.25, weights, 0.25));
    assertFalse(near.explains(1.5, weights, 0.4));
    assertFalse(near.explains(-1.5, weights, 0.4));
    assertFalse(near.explains(3.5, weights, 0.4));
  }
}
