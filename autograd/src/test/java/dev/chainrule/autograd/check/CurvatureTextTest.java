package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A smooth function that curves too much over the first step agrees at a smaller one after its
 * error fell about a hundredfold per tenfold step: that is curvature, and was reported as "a
 * kink or a jump lies within the first step" (log at 1e-4, sqrt at 1e-5, sin at 1e6).
 */
class CurvatureTextTest {
  @Test
  void smoothFunctionsThatCurveAreNotSaidToHaveAKink() {
    List<GradCheckReport> reports = List.of(
        GradCheck.check(in -> in.get(0).log(), List.of(Tensor.vector(1e-4, 3e-4))),
        GradCheck.check(in -> in.get(0).sqrt(), List.of(Tensor.vector(1e-5, 4e-5))),
        GradCheck.check(in -> in.get(0).sin(), List.of(Tensor.vector(1e6, 3e6))));
    for (GradCheckReport report : reports) {
      assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
      assertTrue(report.detail().contains("curves too much"), report::toString);
      assertFalse(report.detail().contains("a kink or a jump lies"), report::toString);
    }
  }

  @Test
  void aKinkWithinTheFirstStepIsStillOne() {
    // |x| at 3e-7: the step 1e-6 straddles the kink, 1e-7 does not, and its error vanishes.
    GradCheckReport report = GradCheck.check(in -> in.get(0).abs(),
        List.of(Tensor.vector(3e-7, 1)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    assertTrue(report.detail().contains("a kink or a jump lies within the first step"),
        report::toString);
  }

  @Test
  void aRuleGradientOfTheWrongShapeIsRefusedByTheEngineAsDocumented() {
    Op bad = Op.unary("badShape", (ctx, t) -> t.square(), (ctx, g) -> g.sum());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GradCheck.check(in -> bad.apply(in.get(0)), List.of(Tensor.vector(1, 2, 3))));
    assertTrue(e.getMessage().contains("badShape"), e::getMessage);
  }
}
