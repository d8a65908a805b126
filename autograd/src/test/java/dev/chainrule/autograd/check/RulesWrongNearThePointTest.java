package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules wrong only near the point, which the re-examination along the step (BetweenKinks) took
 * for kinks of f: a jump in the engine's slope where f has none. An adversarial review found each
 * passing as FINITE_DIFFERENCE_ARTEFACT (or INCONCLUSIVE) after the re-examination came in; all
 * were WRONG_DERIVATIVE before it, and PyTorch's gradcheck fails them.
 */
class RulesWrongNearThePointTest {
  private static GradCheckReport check(Op op, double x) {
    return GradCheck.check(v -> op.apply(v.get(0)), List.of(Tensor.of(new double[] {x}, 1)));
  }

  private static Op unary(String name, DoubleUnaryOperator forward, DoubleUnaryOperator slope) {
    return Op.unary(name, (ctx, z) -> z.map(forward), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(slope))));
  }

  /** sin with a rule of 0 within r of the point: the engine's slope jumps at ±r, f does not. */
  @ParameterizedTest
  @ValueSource(doubles = {1e-9, 1e-8, 1e-7, 3e-7, 4.9e-7})
  void aRuleWrongWithinABandAroundThePointIsWrong(double r) {
    double point = 0.3;
    Op op = unary("sinBand", Math::sin, x -> Math.abs(x - point) < r ? 0 : Math.cos(x));
    GradCheckReport report = check(op, point);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /** 3x with an ε-guard that flushes the slope to 0 for |x| < 1e-8, checked at 0 and 5e-9. */
  @ParameterizedTest
  @ValueSource(doubles = {0, 5e-9})
  void aRuleThatFlushesSmallInputsIsWrong(double x) {
    Op op = unary("tripled", t -> 3 * t, t -> Math.abs(t) < 1e-8 ? 0 : 3);
    GradCheckReport report = check(op, x);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * |x| with a rule of 5 within 1e-9 of its kink: outside [−1, 1], no subgradient. The kink
   * bounds called it wrong; the re-examination overrode them.
   */
  @Test
  void aSubgradientOutsideTheSlopesNearAKinkIsWrong() {
    Op op = unary("abs", Math::abs, t -> Math.abs(t) < 1e-9 ? 5 : Math.signum(t));
    GradCheckReport report = check(op, 0);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * 1e7·relu(ε − x²) with a relu rule of 1.5 where the unit is on: f has kinks at ±√ε, and in
   * between its slope changes so fast that pieces with ends apart looked like kinks; they are
   * straight (linear slope), and disagree.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-7, 3e-7})
  void aRuleWrongWhereTheSlopeChangesFastIsWrong(double kink) {
    Op relu = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 1.5 : 0);
    double epsilon = kink * kink;
    GradCheckReport report = GradCheck.check(
        v -> relu.apply(v.get(0).square().neg().add(epsilon)).mul(1e7),
        List.of(Tensor.of(new double[] {kink / 3}, 1)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * A function that refuses a point within the step the re-examination samples (but not the
   * central differences' points) keeps the verdict it had, and says why it was not re-examined,
   * instead of failing the whole check with its exception.
   */
  @Test
  void aFunctionFailingWithinTheStepKeepsTheVerdict() {
    double x = 1;
    DifferentiableFunction f = v -> {
      double value = v.get(0).value().item();
      if (value < x - 2e-7 && value > x - 3e-7) {
        throw new IllegalArgumentException("square: no value near " + value);
      }
      return v.get(0).square();
    };
    Probe probe = Probe.of(f, List.of(Tensor.of(new double[] {x}, 1)), true);
    Worst worst = new Worst(GradCheck.Options.defaults(), Optional.empty(), (i, w) -> w.mul(2));
    Tensor one = Tensor.of(new double[] {1}, 1);
    worst.offer(0, 0, 0, one, one, 1e-6, 2, 2.5, 1);
    Diagnosis wrong = new Diagnosis(Verdict.WRONG_DERIVATIVE, "the derivative is wrong");
    Diagnosis diagnosis = BetweenKinks.confirm(probe, worst, new double[] {2.5, 2.5}, wrong);
    assertEquals(Verdict.WRONG_DERIVATIVE, diagnosis.verdict(), diagnosis::detail);
    assertTrue(diagnosis.detail().startsWith("the derivative is wrong; not re-examined along the"
        + " step") && diagnosis.detail().endsWith("square: no value near 0.99999975"),
        diagnosis::detail);
  }
}
