package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scalar loss over a ReLU layer with a field of kinks near the point: one pre-activation in 4
 * lies within 1e-5 of its kink (uniformly, as a trained network's crowd there), so that moving one
 * weight (its unit's 64 pre-activations, by about 1e-6 each) crosses several kinks within the
 * check's step. The central differences neither settle nor jump, the one output has nothing to
 * set apart, and right rules were called WRONG DERIVATIVE (every one of these seeds). Between the
 * kinks along the step, and from the point to either side, f's change is what the engine's slopes
 * integrate to for a right rule, and not for a wrong one.
 */
class KinksAlongTheStepTest {
  private static final int ROWS = 64;
  private static final int FEATURES = 16;
  private static final int UNITS = 32;

  /**
   * (Σ v·relu(z) + 0.1·Σ relu(z)²) / 64 at z = x·Wᵀ + c, the activation given; W is the input.
   * Averaged over the rows, as a loss is: f's rounding over a piece of the step grows with |f|,
   * and a sum of 2,048 terms near 100 rounds too much over a 128th of the step to judge a slope.
   */
  private static GradCheckReport check(long seed, UnaryOperator<Variable> relu) {
    Tensor x = Tensors.randn(Shape.of(ROWS, FEATURES), seed);
    Tensor w = Tensors.randn(Shape.of(UNITS, FEATURES), seed + 1);
    SplittableRandom random = new SplittableRandom(seed + 2);
    double[] z = new double[ROWS * UNITS];
    for (int k = 0; k < z.length; k++) {
      double sign = random.nextBoolean() ? 1 : -1;
      z[k] = sign * (random.nextInt(4) == 0 ? random.nextDouble(1e-5)
          : random.nextDouble(0.5, 2));
    }
    Tensor offset = Tensor.of(z, ROWS, UNITS).sub(x.matmul(w.transpose(0, 1)));
    Tensor v = Tensors.randn(Shape.of(ROWS, UNITS), seed + 3);
    return GradCheck.check(inputs -> {
      Variable activation = relu.apply(Variable.constant(x)
          .matmul(inputs.get(0).transpose(0, 1)).add(Variable.constant(offset)));
      return activation.mul(Variable.constant(v)).sum()
          .add(activation.square().sum().mul(0.1)).div(ROWS);
    }, List.of(w));
  }

  /** relu with the rule's slope at each pre-activation z given. */
  private static UnaryOperator<Variable> reluWithSlope(DoubleUnaryOperator slope) {
    Op op = Op.unary("relu", (ctx, z) -> z.relu(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(slope))));
    return op::apply;
  }

  @ParameterizedTest
  @ValueSource(longs = {10, 20, 30, 40, 50, 60})
  void aRightRuleAmongKinksAlongTheStepIsNotCalledWrong(long seed) {
    GradCheckReport report = check(seed, Variable::relu);
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
  }

  /** 1 % and 0.1 % off where the unit is on: every stretch between kinks shows it. */
  @ParameterizedTest
  @ValueSource(doubles = {1.01, 0.999})
  void aRuleSlightlyOffAmongTheKinksIsStillWrong(double on) {
    GradCheckReport report = check(10, reluWithSlope(z -> z > 0 ? on : 0));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /** Wrong only at the pre-activations near their kinks (all within 1e-3 of it along the step). */
  @ParameterizedTest
  @ValueSource(longs = {10, 20, 30})
  void aRuleWrongOnlyNearTheKinksIsStillWrong(long seed) {
    GradCheckReport report = check(seed, reluWithSlope(
        z -> Math.abs(z) < 1e-3 ? 0.5 : z > 0 ? 1 : 0));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }
}
