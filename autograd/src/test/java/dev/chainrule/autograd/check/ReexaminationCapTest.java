package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Past Worst.EXAMINED failing comparisons a verdict of wrong is not re-examined along the step
 * (each re-examination costs hundreds of evaluations, and the verdict is wrong whatever it
 * finds), and the report says so: Σ x² with a rule of 3x, on 1,026 elements, fails all 1,026.
 */
class ReexaminationCapTest {
  /** Σ x² over {@code n} elements in [1, 2] with a rule of 3x: every comparison fails. */
  private static GradCheckReport squareWithRule3x(int n) {
    Op square = Op.unary("square3x", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(3))));
    return GradCheck.check(in -> square.apply(in.get(0)).sum(),
        List.of(Tensors.linspace(1, 2, n)));
  }

  @Test
  void aWrongVerdictPastTheCapSaysItWasNotReexamined() {
    GradCheckReport report = squareWithRule3x(Worst.EXAMINED + 2);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().endsWith("; not re-examined along the step: with more than 1025"
        + " comparisons disagreeing, the verdict is wrong whatever that finds"),
        report::toString);
  }

  /**
   * One failure fewer, EXAMINED + 1: the worst and the EXAMINED others Worst examines, whose
   * verdict re-examination can still change, so the worst is re-examined (a smooth function's
   * verdict stands) and the report does not say otherwise.
   */
  @Test
  void aWrongVerdictAtTheCapIsReexamined() {
    GradCheckReport report = squareWithRule3x(Worst.EXAMINED + 1);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertFalse(report.detail().contains("not re-examined"), report::toString);
  }

  /**
   * Re-examinations along the step are budgeted per check: at least 16, and one in 8 of the
   * comparisons, here 64 of a full Jacobian's 512. A ReLU layer's weights with every one of its
   * 2,048 pre-activations within 1e-6 of its kink (within the step: moving one weight moves 64 of
   * them by about 1e-6) fail nearly every comparison with differences that neither settle nor
   * jump; the 65th such failure is not re-examined, and the report says why and after how many
   * (its verdict is then the steps' own, right rule or not).
   */
  @Test
  void reexaminationsAlongTheStepStopAtOneInEightOfTheComparisons() {
    int rows = 64;
    Tensor x = Tensors.randn(Shape.of(rows, 16), 10L);
    Tensor w = Tensors.randn(Shape.of(32, 16), 11L);
    SplittableRandom random = new SplittableRandom(12);
    double[] z = new double[rows * 32];
    for (int k = 0; k < z.length; k++) {
      z[k] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(1e-6);
    }
    Tensor offset = Tensor.of(z, rows, 32).sub(x.matmul(w.transpose(0, 1)));
    Tensor v = Tensors.randn(Shape.of(rows, 32), 13L);
    GradCheckReport report = GradCheck.check(inputs -> {
      Variable activation = Variable.constant(x).matmul(inputs.get(0).transpose(0, 1))
          .add(Variable.constant(offset)).relu();
      return activation.mul(Variable.constant(v)).sum()
          .add(activation.square().sum().mul(0.1)).div(rows);
    }, List.of(w));
    assertEquals(512, report.comparisons(), report::toString);
    assertTrue(report.detail().contains("; not re-examined along the step, as the check's first"
        + " 64 failures were (each costs hundreds of evaluations)"), report::toString);
  }
}
