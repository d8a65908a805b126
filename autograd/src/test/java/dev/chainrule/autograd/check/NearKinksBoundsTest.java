package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NearKinks.of's signs of a kink on their bounds, which are strict ("below", "beyond") or
 * inclusive ("within") as the class says. Each output's values are set by hand at the points
 * the steps reach, x = 0 with h = 10, so that the steps are 10, 1 and 0.1 and every slope and
 * bound is exact in binary: f is v to the left of the point and at it (left slopes 0), and
 * v + a, v + b, v + c at 10, 1 and 0.1, making right slopes a/10, b and c/0.1 (c/0.1 is exactly
 * 0.5, 1, 2, 5 and 40 for the c below). An output of v = 2⁵⁰ has rounding's share of a jump,
 * 8·2⁻⁵³·v over the step, of exactly 0.1, 1 and 10 at the three steps (and rounds c to 0).
 */
class NearKinksBoundsTest {
  private static final double BIG = 0x1p50;

  /** Whether NearKinks marks an output with values v, and v + a, v + b, v + c at 10, 1, 0.1. */
  private static boolean marked(double v, double a, double b, double c) {
    Probe probe = Probe.of(in -> {
      double x = in.get(0).value().item();
      double f = x <= 0 ? v : x == 10 ? v + a : x == 1 ? v + b : x == 0.1 ? v + c : Double.NaN;
      return Variable.constant(Tensor.vector(f));
    }, List.of(Tensor.vector(0)), false);
    return NearKinks.of(probe, 0, Tensor.vector(1), Tensor.vector(1), 10, 1e-5).mask().item()
        == 1;
  }

  /**
   * Gone at the middle step means below a 30th of the jump at h, in the jump and in rounding's
   * share: a jump of 30 with 1 left at step 1 (and 0.5 at 0.1, neither gone nor held) is not
   * gone; one with 0 left, but rounding there exactly 1, is not either.
   */
  @Test
  void goneAtTheMiddleStepIsStrictlyBelowAThirtieth() {
    assertFalse(marked(0, 300, 1, 0.05));
    assertFalse(marked(BIG, 300, 0, 0));
  }

  /**
   * Gone at the fine step likewise, below a 300th: a jump of 300 with 1 left at 0.1 (20 at 1:
   * neither gone nor held) is not gone, nor a jump of 3,000 gone at 0.1 where rounding there is
   * exactly 10.
   */
  @Test
  void goneAtTheFineStepIsStrictlyBelowAThreeHundredth() {
    assertFalse(marked(0, 3000, 20, 0.1));
    assertFalse(marked(BIG, 30000, 200, 0));
  }

  /**
   * A jump that holds from h to h/10 within a quarter, inclusive (4 then 3), is marked; where
   * rounding's share at h/10 is exactly a quarter of it (1 of 4), it is not.
   */
  @Test
  void aJumpHoldsWithinAQuarterWhereRoundingIsBelowIt() {
    assertTrue(marked(0, 40, 3, 0.2));
    assertFalse(marked(BIG, 40, 4, 0));
  }

  /**
   * A kink at the point whose jump holds from h/10 to h/100 within a quarter, inclusive (4 then
   * 5), though the jump at h (30) differs, is marked; where rounding's share at h/100 is exactly
   * a quarter of the jump (10 of 40), it is not.
   */
  @Test
  void aJumpAtThePointHoldsFromTheMiddleStepWhereRoundingIsBelowAQuarter() {
    assertTrue(marked(0, 300, 4, 0.5));
    assertFalse(marked(BIG, 3000, 40, 4));
  }

  /**
   * The slopes at h must differ: a tent whose sides cancel at h (slopes 0 and 0 there) is not
   * marked, though at 1 and 0.1 its slopes jump from 0 to 1 as a kink at the point's do.
   */
  @Test
  void slopesThatAgreeAtTheFirstStepMarkNothing() {
    assertFalse(marked(0, 0, 1, 0.1));
  }
}
