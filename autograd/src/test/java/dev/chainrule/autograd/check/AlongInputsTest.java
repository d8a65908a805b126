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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What AlongInputs shows when a projection has kinks: the rule judged along the input elements
 * whose own slopes do not jump. Found by mutation testing: the smallest direction it judges and
 * the elements it leaves out as near a kink could change without a test failing, the verdict
 * then reached, if at all, by the kinks' bounds or a single kinked element instead.
 */
class AlongInputsTest {
  private static final String AWAY = "the outputs may have a kink or a jump at the point; along"
      + " the ";

  /**
   * Σ 0.5·|x| at (0, 1.3) with a rule that forgot the 0.5: the direction moves two elements, the
   * least AlongInputs judges (one alone is the whole direction), and the smooth one shows the
   * rule wrong, by a factor of 2.
   */
  @Test
  void aDirectionOfTwoElementsIsJudgedAlongItsSmoothOne() {
    Op halfAbs = Op.unary("halfAbs", (ctx, x) -> x.abs().mul(0.5), (ctx, g) -> g.mul(
        Variable.constant(ctx.input(0).value().map(Math::signum))));
    GradCheckReport report = GradCheck.check(in -> halfAbs.apply(in.get(0)).sum(),
        List.of(Tensor.vector(0, 1.3)), GradCheck.Options.defaults().withFullJacobianLimit(0));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith(AWAY + "1 of 2 sampled input elements"),
        report::toString);
  }

  /**
   * relu(x)·|v| summed over 2,048 elements, one in 7 exactly 0 and a quarter of the rest within
   * 1e-8..1e-5 of 0, with a rule 1 % off (1.01 for x > 0). An element whose kink lies between
   * h/100 and h/10 (which h/10 alone straddles) would keep the smooth elements' steps from
   * settling: it is left out, and the rule is shown wrong along the smooth elements together.
   * Seed 1 is one where such an element is sampled.
   */
  @Test
  void anElementWithAKinkWithinTheStepIsLeftOutOfTheSmoothOnes() {
    SplittableRandom random = new SplittableRandom(1);
    double[] z = new double[64 * 32];
    for (int k = 0; k < z.length; k++) {
      double sign = random.nextBoolean() ? 1 : -1;
      z[k] = k % 7 == 0 ? 0 : sign * (random.nextDouble() < 0.25
          ? Math.pow(10, random.nextDouble(-8, -5)) : random.nextDouble(0.5, 2));
    }
    Tensor weights = Tensors.randn(Shape.of(64, 32), 101L).abs();
    Op relu = Op.unary("relu", (ctx, x) -> x.relu(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(t -> t > 0 ? 1.01 : 0))));
    GradCheckReport report = GradCheck.check(v -> relu.apply(v.get(0))
            .mul(Variable.constant(weights)).sum(), List.of(Tensor.of(z, 64, 32)),
        GradCheck.Options.defaults().withFullJacobianLimit(0));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith(AWAY), report::toString);
    assertTrue(report.detail().endsWith("the derivative is wrong away from the kinks"),
        report::toString);
  }
}
