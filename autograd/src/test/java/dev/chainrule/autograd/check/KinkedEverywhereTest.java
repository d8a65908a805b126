package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kink or a jump excuses only the comparisons it lies in. When every output has a kink (a
 * scalar L1 penalty over ReLU activations, half of them exact zeros) the kinks' summed one-sided
 * slopes span about Σ|d_k| over the kinked elements, far more than a rule wrong at every smooth
 * element errs by along a random projection: a rule that forgot the penalty's 0.5 passed as a
 * kink, and a single element at a jump excused a rule wrong at the other 4,999. PyTorch's
 * gradcheck fails both. Sizes above the full-Jacobian limit, where projections are compared.
 */
class KinkedEverywhereTest {
  private static final int N = 5000;

  /** 0.5·Σ|x|, with a rule of {@code factor}·sign(x) (taking {@code atZero} at 0). */
  private static Op halfL1(double factor, double atZero) {
    return Op.unary("halfL1", (ctx, t) -> t.abs().sum().mul(0.5), (ctx, g) -> g.mul(
        Variable.constant(ctx.input(0).value().map(v -> factor * (v == 0 ? atZero
            : Math.signum(v))))));
  }

  /** Standard normal values with the negative ones set to 0, as after a ReLU. */
  private static Tensor reluActivations(long seed) {
    return Tensors.randn(Shape.of(N), seed).relu();
  }

  @Test
  void aScalarPenaltyOverZerosIsWrongWhenItsRuleIsWrongAwayFromThem() {
    for (long seed = 1; seed <= 3; seed++) {
      Tensor h = reluActivations(seed);
      Op wrong = halfL1(1, 0);  // forgot the 0.5
      GradCheckReport report = GradCheck.check(in -> wrong.apply(in.get(0)), List.of(h));
      assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
      LocalizationReport localized = GradCheck.localize(
          wrong.apply(Variable.parameter(h, "h")).mul(3.0));
      assertFalse(localized.passed(), localized::toString);
    }
  }

  @Test
  void aFewZerosAmongThousandsNoLongerExcuseIt() {
    // 100 exact zeros among 5,000 elements excused the factor 2 before.
    double[] values = Tensors.randn(Shape.of(N), 5L).toArray();
    for (int k = 0; k < N; k += N / 100) {
      values[k] = 0;
    }
    Op wrong = halfL1(1, 0);
    GradCheckReport report = GradCheck.check(in -> wrong.apply(in.get(0)),
        List.of(Tensor.of(values, N)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  @Test
  void aRowWiseL1WithEveryRowKinkedIsWrongToo() {
    Op rows = Op.unary("rowL1", (ctx, t) -> t.abs().sum(1, false).mul(0.5),
        (ctx, g) -> g.unsqueeze(1).mul(ctx.input(0).sign()));
    GradCheckReport report = GradCheck.check(in -> rows.apply(in.get(0)),
        List.of(reluActivations(2L).reshape(8, N / 8)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  @Test
  void aRightRuleAtTheKinksIsStillExcused() {
    // sign(0) = 0 is the subgradient PyTorch takes and passes outright; 0.5 at 0 (the edge of
    // [−0.5, 0.5]) fails the projections and is excused by the kinks, not called wrong.
    for (double atZero : new double[] {0, 1, -1}) {
      for (long seed = 1; seed <= 3; seed++) {
        Op right = halfL1(0.5, atZero);
        GradCheckReport report = GradCheck.check(in -> right.apply(in.get(0)),
            List.of(reluActivations(seed)));
        assertNotEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
        LocalizationReport localized = GradCheck.localize(
            right.apply(Variable.parameter(reluActivations(seed))));
        assertTrue(localized.wrong().isEmpty(), localized::toString);
      }
    }
  }

  /** x³ + step(x) (1 for x > 0), with a rule of {@code c}·x². */
  private static Op cubePlusStep(double c) {
    return Op.unary("cubePlusStep", (ctx, t) -> t.pow(3).add(t.map(v -> v > 0 ? 1 : 0)),
        (ctx, g) -> g.mul(ctx.input(0).square().mul(c)));
  }

  @Test
  void oneJumpDoesNotExcuseARuleWrongEverywhereElse() {
    double[] values = Tensors.randn(Shape.of(N), 6L).toArray();
    values[7] = 0;
    Tensor x = Tensor.of(values, N);
    Op wrong = cubePlusStep(2);
    GradCheckReport elementwise = GradCheck.check(in -> wrong.apply(in.get(0)), List.of(x));
    assertEquals(Verdict.WRONG_DERIVATIVE, elementwise.verdict(), elementwise::toString);
    GradCheckReport summed = GradCheck.check(in -> wrong.apply(in.get(0)).sum(), List.of(x));
    assertEquals(Verdict.WRONG_DERIVATIVE, summed.verdict(), summed::toString);
    Op right = cubePlusStep(3);
    GradCheckReport jump = GradCheck.check(in -> right.apply(in.get(0)), List.of(x));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, jump.verdict(), jump::toString);
    GradCheckReport summedJump = GradCheck.check(in -> right.apply(in.get(0)).sum(),
        List.of(x));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, summedJump.verdict(),
        summedJump::toString);
  }
}
