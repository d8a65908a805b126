package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.Variables;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wrong rules that the kinks' bounds summed over many outputs excused, found by an adversarial
 * review of {@link KinksAtThePoint}: the sums spread over every kink while a wrong subgradient's
 * errors cancel in the engine's weighted sum, and they say nothing of the smooth input elements
 * when every output has a kink. Along a single input element each output bends one way at a
 * kink there, so the engine's value along it must lie between f's one-sided slopes, and the
 * smooth elements are compared apart (AwayFromKinks.alongInputs). PyTorch's gradcheck fails all
 * of these rules.
 */
class KinksElementByElementTest {
  private static final double MAX_NEAR = 8e-7;

  /**
   * {@code zeros} inputs exactly at 0, then {@code near} within [nearest, 8e-7] of it (inside the
   * default step of 1e-6 along a random direction), the rest 0.1 to 1 from it.
   */
  private static Tensor inputs(long seed, int n, int zeros, int near, double nearest) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      double sign = random.nextBoolean() ? 1 : -1;
      x[k] = k < zeros ? 0 : k < zeros + near ? sign * random.nextDouble(nearest, MAX_NEAR)
          : k % 3 == 0 ? random.nextDouble(-1, -0.1) : random.nextDouble(0.1, 0.9);
    }
    return Tensor.of(x, n);
  }

  private static Op unary(String name, DoubleUnaryOperator forward, DoubleUnaryOperator slope) {
    return Op.unary(name, (ctx, z) -> z.map(forward), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(slope))));
  }

  /** {@code relu}, then a matrix of seeded weights that mixes its outputs into 32. */
  private static GradCheckReport beforeAMatmul(Op relu, Tensor x, long seed) {
    int n = x.size();
    Tensor w = Tensors.randn(Shape.of(n, 32), 1000 + seed);
    return GradCheck.check(v -> relu.apply(v.get(0)).reshape(1, n).matmul(Variable.constant(w)),
        List.of(x), projections(seed));
  }

  private static GradCheck.Options projections(long seed) {
    return GradCheck.Options.defaults().withFullJacobianLimit(0).withSeed(seed);
  }

  /**
   * clamp(x, 0, 1) with a rule of 2 at its bound, sixteen of 128 inputs at it and forty within
   * the step: outside the one-sided slopes 0 and 1. Seeds 2, 3, 4 and 6 passed as artefacts once
   * the kinks at the point were set apart; 1, 7 and 8 had passed before, by the kink bounds.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 6, 7, 8})
  void aClampRuleOutsideItsSlopesAtTheBoundIsWrong(long seed) {
    Op clamp = unary("clamp", t -> Math.min(Math.max(t, 0), 1),
        t -> t == 0 ? 2 : t >= 0 && t <= 1 ? 1 : 0);
    GradCheckReport report = GradCheck.check(v -> clamp.apply(v.get(0)),
        List.of(inputs(seed, 128, 16, 40, 1e-7)), projections(seed));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * A ReLU with a slope of ½, then a matrix that mixes every output: one exact zero gives every
   * output a kink at the point, so no output was left to compare, and the rule passed as an
   * artefact. The smooth input elements show it.
   */
  @ParameterizedTest
  @ValueSource(longs = {5, 12})
  void aReluRuleWrongEverywhereBeforeAMatmulIsWrong(long seed) {
    Op relu = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 0.5 : 0);
    GradCheckReport report = beforeAMatmul(relu, inputs(seed, 96, 3, 50, 4e-7), seed);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * relu(x)[:n] − relu(x)[n:] with the zeros of both halves paired: the outputs at them bend up
   * along one direction and down along another, where the right rule's value can lie outside
   * their summed slopes, and each input element alone bends one way. Called wrong before.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void aRightReluInOutputsBendingBothWaysIsNotCalledWrong(long seed) {
    Op relu = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 1 : 0);
    Tensor x = Tensors.concat(0, inputs(seed, 64, 4, 8, 4e-7), inputs(seed + 100, 64, 4, 8, 4e-7));
    GradCheckReport report = GradCheck.check(v -> {
      Variable y = relu.apply(v.get(0));
      return y.slice(0, 0, 64).sub(y.slice(0, 64, 128));
    }, List.of(x), projections(seed));
    assertNotEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * A 2×2 max pool over a ReLU whose first row of inputs is exactly 0 and whose second lies within
   * the step of 0: windows tie at 0 with a near kink among them. The built-in ReLU, and a custom
   * one with ½ at 0 (a subgradient), were called wrong on 5 of 6 seeds, the tie's jump at the
   * point not being set apart from the near kink's (NearKinks).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void aRightReluUnderAMaxPoolWithTiesIsNotCalledWrong(long seed) {
    Op half = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 1 : t == 0 ? 0.5 : 0);
    for (Op relu : new Op[] {null, half}) {
      GradCheckReport report = GradCheck.check(v -> (relu == null ? v.get(0).relu()
              : relu.apply(v.get(0))).reshape(1, 1, 8, 16).maxPool2d(Pool2dOptions.of(2)),
          List.of(inputs(seed, 128, 16, 40, 1e-7)), projections(seed));
      assertNotEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    }
  }

  /**
   * The same with a ReLU rule of 3 or −1 at 0, outside its slopes 0 and 1. Once the ties were set
   * apart, the kinks' summed slopes excused it on half the seeds: the max pool routes a tied
   * window's gradient to one of its elements, which a random sample of the input's elements
   * missed; the sample now begins with those the engine's value over the kinked outputs flows
   * through.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void aReluRuleOutsideItsSlopesUnderAMaxPoolIsWrong(long seed) {
    for (double atZero : new double[] {3, -1}) {
      Op relu = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 1 : t == 0 ? atZero : 0);
      GradCheckReport report = GradCheck.check(v -> relu.apply(v.get(0)).reshape(1, 1, 8, 16)
              .maxPool2d(Pool2dOptions.of(2)), List.of(inputs(seed, 128, 16, 40, 1e-7)),
          projections(seed));
      assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    }
  }

  /**
   * relu(x) − 0.5·x² at x = 0 everywhere, with eps 1e-3: the right rule's 0 is the left slope,
   * and the concave curvature moves the left one-sided slope at h/100 to 5e-6·d², beyond the
   * tolerance (second review). Extrapolated to step 0 it bounds 0 again.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void curvatureBesideAKinkDoesNotMakeTheRightRuleWrong(long seed) {
    GradCheckReport report = GradCheck.check(v -> v.get(0).relu().sub(v.get(0).square().mul(0.5)),
        List.of(Tensors.zeros(Shape.of(64))), projections(seed).withEps(1e-3));
    assertNotEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * Σ relu(x) with a rule of −0.3 at 0 on 8 of 2,000 elements (second review): neither the random
   * half of the sample nor the gradient-led one (the wrong values are smaller than the smooth
   * elements' 1) held a kinked element, and the scalar's slopes excused it as a kink. Located by
   * halving; PyTorch's gradcheck fails the rule.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void aSmallWrongValueAtAFewKinksOfALargeInputIsFound(long seed) {
    Op relu = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 1 : t == 0 ? -0.3 : 0);
    GradCheckReport report = GradCheck.check(v -> relu.apply(v.get(0)).sum(),
        List.of(inputs(seed, 2000, 8, 16, 1e-7)), projections(seed));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * (relu(x) − 0.5·relu(−x))·W with built-in rules: along an element at 0 the slopes are 0.5 and
   * 1 and the chain rule gives 0, as PyTorch's autograd does. Called wrong (as PyTorch's
   * gradcheck calls it), the report says that right rules can do this and that localize judges
   * each op.
   */
  @ParameterizedTest
  @ValueSource(longs = {2, 3})
  void kinksOpeningOppositeWaysAlongOneElementPointToLocalize(long seed) {
    Tensor w = Tensors.randn(Shape.of(64, 32), 1000 + seed);
    GradCheckReport report = GradCheck.check(v -> v.get(0).relu()
        .add(v.get(0).neg().relu().mul(-0.5)).reshape(1, 64).matmul(Variable.constant(w)),
        List.of(inputs(seed, 64, 4, 8, 1e-7)), projections(seed));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("localize judges each op on its own"), report::toString);
  }

  /**
   * A ReLU rule of −0.1, −0.3 or 1.3 at 0 (outside its slopes 0 and 1) before a matmul: along an
   * element at 0 every output bends, some up and some down under the projection's weights, and
   * their bounds summed together excused any value between (a third review; PyTorch's gradcheck
   * fails right and wrong rules alike here). The outputs bending up are judged apart.
   */
  @ParameterizedTest
  @ValueSource(doubles = {-0.1, -0.3, 1.3})
  void aReluRuleOutsideItsSlopesBeforeAMatmulIsWrong(double atZero) {
    Op relu = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 1 : t == 0 ? atZero : 0);
    for (long seed = 1; seed <= 4; seed++) {
      GradCheckReport report = beforeAMatmul(relu, inputs(seed, 64, 4, 8, 1e-7), seed);
      assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    }
  }

  /**
   * 2·relu(x + 1e-9) − relu(x) before a matmul: two kinks nearer each other than a hundredth of
   * the step, which the slopes there take for one with slopes 0 and 1, while the derivative at 0
   * is 2. An element whose kink does not hold down to 10⁻⁴ of the step is not judged.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void twoKinksNearerThanTheSmallerStepAreNotCalledWrong(long seed) {
    Tensor w = Tensors.randn(Shape.of(64, 32), 1000 + seed);
    GradCheckReport report = GradCheck.check(v -> v.get(0).add(1e-9).relu().mul(2)
            .sub(v.get(0).relu()).reshape(1, 64).matmul(Variable.constant(w)),
        List.of(inputs(seed, 64, 4, 8, 1e-7)), projections(seed));
    assertNotEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * tanh(1e4·x)/1e4 − relu(x) summed, at eps 1e-2 and rtol 1e-3 (as for a function computing in
   * float32): the tanh curves on the scale of a hundredth of the step, which moved the one-sided
   * slopes there off the derivative; those at 10⁻⁴ of the step bound it.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void curvatureOnTheScaleOfTheSmallerStepDoesNotMakeTheRightRuleWrong(long seed) {
    GradCheckReport report = GradCheck.check(
        v -> v.get(0).mul(1e4).tanh().mul(1e-4).sub(v.get(0).relu()).sum(),
        List.of(inputs(seed, 64, 4, 8, 1e-7)),
        projections(seed).withEps(1e-2).withTolerances(1e-4, 1e-3));
    assertNotEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /**
   * Σ relu(x) over 1,900 elements, 1,000 of them exactly 0 with the built-in (right) rule, beside
   * a ReLU with a rule of 10 at 0 over 100 more, 4 of them at 0 (drawn by the seed): 1,004 kinks,
   * 4 wrong. The halving locates its 16 among the 1,004 and a random sample of 2,000 hardly holds
   * one of the 4, but the engine's value over the kinked output flows through them at 10 times a
   * smooth element's rate, so the half of the sample led by it judges them, and their slopes 0
   * and 1 refute 10.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void aWrongValueAtAFewOfManyKinksIsFoundWhereTheGradientFlows(long seed) {
    Op wrong = unary("relu", t -> Math.max(t, 0), t -> t > 0 ? 1 : t == 0 ? 10 : 0);
    double[] x = inputs(seed, 2000, 1000, 0, 0).toArray();
    SplittableRandom random = new SplittableRandom(seed + 100);
    for (int zeros = 0; zeros < 4; ) {
      int k = 1900 + random.nextInt(100);
      zeros += x[k] == 0 ? 0 : 1;
      x[k] = 0;
    }
    GradCheckReport report = GradCheck.check(v -> Variables.concat(0,
        v.get(0).slice(0, 0, 1900).relu(), wrong.apply(v.get(0).slice(0, 1900, 2000))).sum(),
        List.of(Tensor.of(x, 2000)), projections(seed));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }
}
