package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variables;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How SmallValues judges an input whose every value lies within atol (1e-6 by default): against
 * f's rounding floor where that lies well below the values, as rounding where the central
 * differences do not hold at a smaller step, else inconclusive. Found by mutation testing: which
 * comparisons raise the floor, the floor's division by the step, the smaller step, and the order
 * of the inputs' judgements could all change without a test failing.
 */
class SmallValuesJudgementTest {
  private static final Tensor X = Tensor.vector(0.5, -1.5, 2);

  /** 1e-10·x whose rule claims the slope {@code slope}. */
  private static Op tiny(double slope) {
    return Op.unary("tiny", (ctx, x) -> x.mul(1e-10), (ctx, g) -> g.mul(slope));
  }

  /**
   * 1 + 1e-7·x: f's rounding, ulp(1) = 2.2e-16 per evaluation, over 2h = 2e-6 puts up to about
   * 1e-10 into each central difference (3e-11 here, 3e-4 of the slope): beyond rtol (1e-5),
   * within the floor of 8 ulps over the step (1.8e-9), which lies below a tenth of the values.
   * So a right rule is judged, and agrees, only with the floor as wide as f's rounding over the
   * step makes it.
   */
  @Test
  void roundingWithinTheFloorIsForgivenAndTheRuleJudged() {
    GradCheckReport report = GradCheck.check(in -> in.get(0).mul(1e-7).add(1), List.of(X));
    assertTrue(report.passed(), report::toString);
    assertTrue(report.detail().contains("so it was judged against the central differences'"
        + " rounding instead"), report::toString);
  }

  /**
   * An output that does not depend on the input compares 0 with 0 exactly, whatever its size:
   * f = 1000 beside 1e-10·x must not lift the rounding floor to 8·ulp(1000)/h ≈ 9e-7, nine
   * thousand times the values, which would leave the right rule unjudged.
   */
  @Test
  void anOutputThatDoesNotDependOnTheInputLeavesTheFloorAlone() {
    GradCheckReport report = GradCheck.check(in -> Variables.concat(0,
        tiny(1e-10).apply(in.get(0)), in.get(0).mul(0).add(1000)), List.of(X));
    assertTrue(report.passed(), report::toString);
    assertTrue(report.detail().contains("judged against the central differences' rounding"),
        report::toString);
  }

  /** Each input within atol is judged: the first one's agreement does not vouch for the next. */
  @Test
  void aJudgedInputDoesNotVouchForTheNext() {
    GradCheckReport report = GradCheck.check(
        in -> tiny(1e-10).apply(in.get(0)).add(tiny(2e-10).apply(in.get(1))),
        List.of(X, Tensor.vector(0.25, 1, -0.5)));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("every value compared is at most 2.00e-10 for input 1"),
        report::toString);
  }

  /**
   * softmax(x).sum() is 1 whatever x: the engine gives about 1e-17 and the central differences
   * are f's rounding, a few ulps of 1 over the step. At this point the largest, −5.55e-11 at
   * step 1e-6, is −1.11e-8 at step 1e-8 (the same sign, 200 times larger: rounding grows as
   * 1/step, a slope would hold within a factor of 2), so the derivative is zero up to rounding.
   */
  @Test
  void centralDifferencesThatGrowAtASmallerStepAreRounding() {
    Tensor x = Tensors.randn(Shape.of(4), 5L);
    GradCheckReport report = GradCheck.check(in -> in.get(0).softmax(0).sum(), List.of(x));
    assertTrue(report.passed(), report::toString);
    Matcher m = Pattern.compile("the central differences are rounding, not a slope: the largest,"
        + " (\\S+) at step 1e-06, is (\\S+) at step 1e-08, so the derivative is zero up to"
        + " rounding").matcher(report.detail());
    assertTrue(m.find(), report::toString);
    double first = Double.parseDouble(m.group(1));
    double smaller = Double.parseDouble(m.group(2));
    // Well beyond the factor of 2 a slope could drift by: a hundredfold step, rounding's 1/h.
    assertTrue(Math.signum(first) == Math.signum(smaller)
        && Math.abs(smaller) > 10 * Math.abs(first), report::toString);
  }
}
