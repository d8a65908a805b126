package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Which outputs KinksAtThePoint takes to have a kink at the point, on outputs of one variable
 * whose kinks are placed by hand (x at 0, step H = 1e-6: slopes at H/10, H/100 and NEAR·H =
 * 1e-10), and its verdict where every output has one.
 */
class KinksAtThePointOutputsTest {
  private static final double H = 1e-6;

  /** KinksAtThePoint.outputs for outputs {@code f} of x, weighted 1, at the default rtol 1e-5. */
  private static double[] kinked(DoubleFunction<double[]> f, int m) {
    Probe probe = Probe.of(v -> Variable.constant(Tensor.of(f.apply(v.get(0).value().item()),
        m)), List.of(Tensor.vector(0)), false);
    Tensor ones = Tensor.of(new double[m], m).map(t -> 1);
    Worst worst = new Worst(GradCheck.Options.defaults(), Optional.empty(), (i, w) -> w);
    worst.offer(0, -1, -1, Tensor.vector(1), ones, H, 0, 1, 0);
    return KinksAtThePoint.outputs(probe, worst, new double[] {H / 10, H / 100}).toArray();
  }

  /**
   * 10x + 4e-5·|x| jumps by 8e-5, beyond a quarter of rtol of its slopes (2.5e-5), at every
   * step: kinked; 10x + 1e-5·|x|, by 2e-5, within it: not. Rounding's share of a jump at 1e-10 is
   * taken as 8 units of the value over it: for |x| + 8e4, 0.71, above a quarter of its jump 2, so
   * it is not taken for a kink (though its slopes there, each off by 0.07 at most, still jump by
   * about 2); for 2|x| + 5e4, 0.44, under a quarter of 4: kinked. x², and relu(x − 5e-8), whose
   * kink the step H/100 does not reach, are not.
   */
  @Test
  void anOutputHasAKinkAtThePointWhereItsJumpHoldsBeyondRounding() {
    DoubleFunction<double[]> f = x -> new double[] {10 * x + 4e-5 * Math.abs(x),
        10 * x + 1e-5 * Math.abs(x), Math.abs(x) + 8e4, 2 * Math.abs(x) + 5e4, x * x,
        Math.max(x - 5e-8, 0)};
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, kinked(f, 6));
  }

  /**
   * relu(x) + 3·relu(x − H/2) with relu's rule (0 at 0): its one-sided slopes at H (0 and 2.5)
   * and at H/100 (0 and 1) differ too much for the kink bounds, and the smaller steps settle on
   * 0.5, the mean of the slopes at the point; its only output has a kink there, between whose
   * slopes the engine's 0 lies: an artefact, with no other output to compare.
   */
  @Test
  void aKinkAtThePointInEveryOutputIsAnArtefact() {
    double near = H / 2;
    Op op = Op.unary("reluPair", (ctx, z) -> z.map(t -> Math.max(t, 0)
            + 3 * Math.max(t - near, 0)), (ctx, g) -> g.mul(Variable.constant(ctx.input(0)
        .value().map(t -> (t > 0 ? 1 : 0) + (t > near ? 3 : 0)))));
    GradCheckReport report = GradCheck.check(v -> op.apply(v.get(0)),
        List.of(Tensor.vector(0)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("1 of the 1 outputs have a kink at the point (their"
        + " slopes jump alike at steps 1e-07, 1e-08 and 1e-10)"), report::toString);
    assertTrue(report.detail().endsWith("; no other output counts: the disagreement is the"
        + " kinks', not the rule's"), report::toString);
  }

  /**
   * relu(x) and 2x with atol 1 and rtol 0 (a violation is |a − n| itself): the engine gives relu
   * 0, between its slopes, and 2x the value 3, exactly a tolerance from its central differences
   * (exactly 2 at both steps): in agreement, as the check's comparisons pass, so the disagreement
   * is the kink's. At 3.5 the other output disagrees, and nothing is concluded here.
   */
  @Test
  void theOtherOutputsAgreeWithinTheToleranceInclusive() {
    GradCheck.Options unit = GradCheck.Options.defaults().withTolerances(1, 0);
    Optional<Diagnosis> d = besideRelu(3, unit);
    assertTrue(d.isPresent());
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, d.get().verdict(), d.get()::detail);
    assertTrue(d.get().detail().endsWith("over the other outputs the engine's value is"
        + " 3.000000000 and central differences give 2.000000000 and 2.000000000 at steps 1e-07"
        + " and 1e-08, in agreement: the disagreement is the kinks', not the rule's"),
        d.get()::detail);
    assertEquals(Optional.empty(), besideRelu(3.5, unit));
  }

  /** KinksAtThePoint.of for relu(x) and 2x at 0, the engine's slopes 0 and {@code other}. */
  private static Optional<Diagnosis> besideRelu(double other, GradCheck.Options options) {
    Probe probe = Probe.of(v -> {
      double x = v.get(0).value().item();
      return Variable.constant(Tensor.vector(Math.max(x, 0), 2 * x));
    }, List.of(Tensor.vector(0)), false);
    Tensor weights = Tensor.vector(1, 1);
    Worst worst = new Worst(options, Optional.empty(),
        (i, w) -> Tensor.vector(other * w.toArray()[1]));
    worst.offer(0, -1, -1, Tensor.vector(1), weights, H, other, 2.5, 0);
    return KinksAtThePoint.of(probe, worst, new double[] {H / 10, H / 100});
  }
}
