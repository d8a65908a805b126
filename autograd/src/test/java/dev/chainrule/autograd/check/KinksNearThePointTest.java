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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A ReLU layer's weight moves every pre-activation of the layer, and a trained wide layer has
 * dozens within the check's step of their kink (not at it): each adds its own error to the
 * central differences, fewer at each smaller step, so that they neither settle nor jump. {@code
 * localize} called the fused linear(relu) nodes of {@code bench}'s trained network WRONG
 * DERIVATIVE on 3 of 60 seeds in float32 and 5 of 30 in float64, though their gradients agree with
 * PyTorch's to 1e-12. The outputs with a kink within the step are now compared apart from the
 * others; a rule wrong on those others is still wrong.
 */
class KinksNearThePointTest {
  private static final int ROWS = 64;
  private static final int FEATURES = 16;
  private static final int UNITS = 32;
  private static final Tensor X = Tensors.randn(Shape.of(ROWS, FEATURES), 1);
  private static final Tensor W = Tensors.randn(Shape.of(UNITS, FEATURES), 2);
  /** Added to x·Wᵀ so that the pre-activations at W are {@link #preActivations()}. */
  private static final Tensor OFFSET = preActivations().sub(X.matmul(W.transpose(0, 1)));

  /**
   * One pre-activation in 4 lies 1e-8 to 1e-5 from the kink (log-uniform, either sign); a step of
   * 1e-6 along a random direction moves each by about 4e-6 (√16 features), so most of those lie
   * within the step, some within its tenth and hundredth. The rest lie 0.5 to 2 away.
   */
  private static Tensor preActivations() {
    SplittableRandom random = new SplittableRandom(3);
    double[] z = new double[ROWS * UNITS];
    for (int k = 0; k < z.length; k++) {
      double sign = random.nextBoolean() ? 1 : -1;
      z[k] = sign * (k % 4 == 0 ? Math.pow(10, random.nextDouble(-8, -5))
          : random.nextDouble(0.5, 2));
    }
    return Tensor.of(z, ROWS, UNITS);
  }

  private static GradCheckReport check(UnaryOperator<Variable> relu) {
    return GradCheck.check(v -> relu.apply(Variable.constant(X).matmul(v.get(0).transpose(0, 1))
        .add(Variable.constant(OFFSET))), List.of(W));
  }

  @Test
  void aRightRuleAmongKinksNearThePointIsNotCalledWrong() {
    GradCheckReport report = check(Variable::relu);
    assertTrue(report.verdict() == Verdict.PASSED
        || report.verdict() == Verdict.FINITE_DIFFERENCE_ARTEFACT, report::toString);
  }

  /** A rule 1 % off where the unit is on: the outputs away from the kinks show it. */
  @Test
  void aWrongRuleAmongKinksNearThePointIsStillWrong() {
    Op offRelu = Op.unary("relu", (ctx, z) -> z.relu(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(z -> z > 0 ? 1.01 : 0))));
    GradCheckReport report = check(offRelu::apply);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * cosh(x) + 30 near its stationary point has no kink, but its slopes at the step differ by
   * step·f″ beyond a quarter of rtol of slopes that small, and at a hundredth of the step that
   * difference is mostly rounding: such outputs were taken for kinked, and a rule that flushes
   * sinh to 0 below 0.01 (off by 3.7 % over the projection) passed as an artefact.
   */
  @Test
  void aRuleWrongOnSmoothOutputsNearAStationaryPointIsStillWrong() {
    SplittableRandom random = new SplittableRandom(4);
    double[] x = new double[200];
    for (int k = 0; k < x.length; k++) {
      x[k] = k % 2 == 0 ? random.nextDouble(-0.01, 0.01) : random.nextGaussian();
    }
    Op flushed = Op.unary("cosh", (ctx, z) -> z.map(t -> Math.cosh(t) + 30),
        (ctx, g) -> g.mul(Variable.constant(
            ctx.input(0).value().map(t -> Math.abs(t) < 0.01 ? 0 : Math.sinh(t)))));
    GradCheckReport report = GradCheck.check(v -> flushed.apply(v.get(0)),
        List.of(Tensor.of(x, x.length)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * Six of forty ReLU outputs have their kink within the step but beyond its tenth, so the two
   * smaller steps measure the derivative exactly, and the rule gives them 0.5 instead of 0 or 1.
   * Checked for kinks near the point before those steps were asked, it passed as an artefact: the
   * engine's value lay within the kinked outputs' one-sided slopes, which near a kink (unlike at
   * one) bound nothing the derivative may take.
   */
  @Test
  void aRuleWrongAtOutputsNearAKinkIsWrongWhereTheSmallerStepsSettle() {
    SplittableRandom random = new SplittableRandom(1);
    int outputs = 40;
    double[] slopes = new double[outputs];
    double[] offsets = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      slopes[k] = random.nextBoolean() ? 1 : -1;
      double sign = random.nextBoolean() ? 1 : -1;
      // Half a default step from the kink, or far from it.
      double z = sign * (k < 6 ? 0.5e-6 : random.nextDouble(0.5, 2));
      offsets[k] = z - 0.7 * slopes[k];
    }
    Tensor a = Tensor.of(slopes, outputs, 1);
    Tensor c = Tensor.of(offsets, outputs, 1);
    Op halved = Op.unary("relu", (ctx, z) -> z.relu(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(z -> Math.abs(z) < 1e-3 ? 0.5 : z > 0 ? 1 : 0))));
    GradCheckReport report = GradCheck.check(
        v -> halved.apply(Variable.constant(a).matmul(v.get(0)).add(Variable.constant(c))),
        List.of(Tensor.of(new double[] {0.7}, 1, 1)),
        GradCheck.Options.defaults().withFullJacobianLimit(0));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }
}
