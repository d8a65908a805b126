package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken copies of real backward rules, run through the same check the catalogue
 * property uses: each must be caught as a wrong derivative, which shows the catalogue would catch
 * the same mistake in the library.
 */
class MutationTest {

  /** Subtraction whose rule forgot the sign of ∂b. */
  private static final Op SUB_WRONG_SIGN = Op.of("sub", (ctx, in) -> in[0].sub(in[1]),
      (ctx, g) -> new Variable[] {g, g});

  /** A·B whose rule forgot to transpose B in ∂A = G·Bᵀ. */
  private static final Op MATMUL_MISSING_TRANSPOSE = Op.of("matmul",
      (ctx, in) -> in[0].matmul(in[1]),
      (ctx, g) -> new Variable[] {g.matmul(ctx.input(1)), ctx.input(0).matmul(g, Transpose.LEFT)});

  /** tanh whose rule is 1% too large. */
  private static final Op TANH_SCALED = Op.unary("tanh", (ctx, x) -> x.tanh(),
      (ctx, g) -> g.mul(ctx.output().square().neg().add(1)).mul(1.01));

  /** Sum over axis 0 whose rule spreads the gradient along the wrong axis. */
  private static final Op SUM_WRONG_AXIS = Op.unary("sum", (ctx, x) -> x.sum(0, false),
      (ctx, g) -> g.unsqueeze(1).broadcastTo(ctx.input(0).shape()));

  private static void assertCaught(String name, OpSpec.Sampler sampler) {
    OpSpec spec = new OpSpec(name, true, sampler);
    SplittableRandom random = new SplittableRandom(7);
    int caught = 0;
    for (int trial = 0; trial < 50; trial++) {
      GradCheckReport report = spec.sample(random).check();
      if (!report.passed()) {
        assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
        caught++;
      }
    }
    // Inputs are random and away from kinks, so every draw exposes the mutant, bar the odd
    // coincidence (a zero gradient, say): demand most of them.
    assertTrue(caught >= 45, name + ": caught " + caught + " of 50");
  }

  private static Tensor values(RandomGenerator random, int... dims) {
    return Inputs.values(random, Shape.of(dims), Inputs.Domain.ANY);
  }

  @Test
  void wrongSign() {
    assertCaught("sub", r -> new OpCase("", List.of(values(r, 3), values(r, 2, 3)),
        in -> SUB_WRONG_SIGN.apply(in.get(0), in.get(1))));
  }

  @Test
  void missingTranspose() {
    // Square factors: the mutant then runs without a shape error and returns wrong numbers.
    assertCaught("matmul", r -> new OpCase("", List.of(values(r, 3, 3), values(r, 3, 3)),
        in -> MATMUL_MISSING_TRANSPOSE.apply(in.get(0), in.get(1))));
  }

  @Test
  void scaledByOnePercent() {
    assertCaught("tanh", r -> new OpCase("", List.of(values(r, 2, 2)),
        in -> TANH_SCALED.apply(in.get(0))));
  }

  @Test
  void wrongReductionAxis() {
    assertCaught("sum", r -> new OpCase("", List.of(values(r, 3, 3)),
        in -> SUM_WRONG_AXIS.apply(in.get(0))));
  }
}
