package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Σ 0.5·|x| over 64 elements, every other one an exact 0, along random projections: the one
 * output has a kink at the point along every direction, whose one-sided slopes (±0.5·Σ|d_k| over
 * the zeros, about ±13) bound far more than a rule that forgot the 0.5 errs by over the others
 * (0.5·Σ sign(x_k)·d_k, a few units). Only along the input elements whose slopes do not jump is
 * that rule shown wrong (AlongInputs); the bounds alone called it "a kink at the point itself".
 */
class ForgottenFactorAmongKinksTest {
  private static GradCheckReport check(double factor) {
    return check(factor, true);
  }

  /** The 64 outputs 0.5·|x| themselves, or ({@code summed}) their sum. */
  private static GradCheckReport check(double factor, boolean summed) {
    Op halfAbs = Op.unary("halfAbs", (ctx, x) -> x.abs().mul(0.5), (ctx, g) -> g.mul(
        Variable.constant(ctx.input(0).value().map(v -> factor * Math.signum(v)))));
    double[] values = new double[64];
    double[] nonZero = Tensors.randn(Shape.of(32), 5L).toArray();
    for (int k = 0; k < nonZero.length; k++) {
      values[2 * k + 1] = nonZero[k];
    }
    return GradCheck.check(in -> summed ? halfAbs.apply(in.get(0)).sum()
            : halfAbs.apply(in.get(0)), List.of(Tensor.of(values, 64)),
        GradCheck.Options.defaults().withFullJacobianLimit(0));
  }

  @Test
  void aRuleThatForgotItsFactorIsWrongAwayFromTheKinks() {
    GradCheckReport report = check(1);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("the outputs may have a kink or a jump at the point;"
        + " along the "), report::toString);
    assertTrue(report.detail().endsWith("the derivative is wrong away from the kinks"),
        report::toString);
    Matcher m = Pattern.compile("along the (\\d+) of (\\d+) sampled input elements")
        .matcher(report.detail());
    assertTrue(m.find(), report::toString);
    int smooth = Integer.parseInt(m.group(1));
    // Only the 32 nonzero elements are smooth, and each is sampled once at most.
    assertTrue(smooth > 0 && smooth <= 32 && smooth <= Integer.parseInt(m.group(2)),
        report::toString);
  }

  /**
   * The 64 outputs apart, along random projections: the 32 at the zeros have a kink at the point,
   * whose bounds would excuse the rule; over the other 32 outputs alone the central differences
   * settle on half the engine's value, and that comparison names the rule wrong.
   */
  @Test
  void elementwiseTheOutputsWithoutAKinkShowTheForgottenFactor() {
    GradCheckReport report = check(1, false);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("32 of the 64 outputs may have a kink at or near the"
        + " point; over the other outputs alone the engine's value is "), report::toString);
    assertTrue(report.detail().endsWith(": the derivative is wrong away from the kinks"),
        report::toString);
  }

  @Test
  void theRightRulePasses() {
    // Its central differences at a zero are exactly 0, as its rule's 0.5·sign(0) is.
    GradCheckReport report = check(0.5);
    assertTrue(report.passed(), report::toString);
  }
}
