package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a wrong verdict says of the comparisons that were not finite: how many, and where the
 * first was. Found by mutation testing: the count, the singular wording and the place of an
 * element at index 0 (not a projection) could each be changed without a test failing.
 */
class NonFiniteSuffixTest {
  /** √x with a rule of 0 at 0 and 0.25/√x elsewhere: half the derivative, and NaN steps at 0. */
  private static final Op SAFE_SQRT = Op.unary("safeSqrt", (ctx, t) -> t.sqrt(),
      (ctx, g) -> g.mul(Variable.constant(
          ctx.input(0).value().map(v -> v > 0 ? 0.25 / Math.sqrt(v) : 0))));

  private static GradCheckReport summed(Tensor x) {
    return GradCheck.check(in -> SAFE_SQRT.apply(in.get(0)).sum(), List.of(x));
  }

  @Test
  void oneNonFiniteComparisonIsNamedInTheSingular() {
    GradCheckReport r = summed(Tensor.vector(0, 1, 4, 9));
    assertEquals(Verdict.WRONG_DERIVATIVE, r.verdict(), r::toString);
    assertTrue(r.detail().endsWith("; one other comparison, of input 0 at [0], is not finite,"
        + " which judges nothing and excuses nothing here"), r::toString);
  }

  @Test
  void severalAreCountedWithTheFirstNamed() {
    // Each zero steps out of √'s domain: two comparisons are not finite.
    GradCheckReport r = summed(Tensor.vector(0, 0, 4, 9));
    assertEquals(Verdict.WRONG_DERIVATIVE, r.verdict(), r::toString);
    assertTrue(r.detail().endsWith("; 2 other comparisons are not finite (the first of input 0"
        + " at [0]), which judge nothing and excuse nothing here"), r::toString);
    GradCheckReport full = GradCheck.check(in -> SAFE_SQRT.apply(in.get(0)),
        List.of(Tensor.vector(0, 0, 0, 9)));
    assertTrue(full.detail().endsWith("; 3 other comparisons are not finite (the first of input 0"
        + " at [0]), which judge nothing and excuse nothing here"), full::toString);
  }
}
