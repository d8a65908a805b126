package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The numbers of a verdict left INCONCLUSIVE by the rounding of a large output: the sum of
 * 64 × 64 values near −90, about −3.4e5, whose rounding share at step 1e-6 is 2·u·|f|/step =
 * 7.5e-5, above rtol (seed 0: its worst comparison is off by 5e-5, within that share).
 */
class RoundingShareDetailTest {
  private static final Pattern NUMBERS = Pattern.compile("the disagreement, ([^,]+), is within"
      + " the rounding of the function's values at step 1e-06 \\(up to 2·u·\\|f\\|/step = ([^,]+),"
      + " the values' size \\|f\\| being ([^)]+)\\).*\\(at larger steps: ([^ ]+) at step 1e-05"
      + " and ([^ ]+) at 0.0001\\)");

  @Test
  void theReportGivesTheShareTheSizeAndTheLargerStepsDifferences() {
    // Clamped above −99.5: every |x| below 100, so that each element's step is eps itself.
    Tensor x = Tensors.randn(Shape.of(64, 64), 0L).mul(30).sub(90).map(v -> Math.max(v, -99.5));
    GradCheckReport report = GradCheck.check(in -> in.get(0).sum(), List.of(x));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    Matcher m = NUMBERS.matcher(report.detail());
    assertTrue(m.find(), report::toString);
    double disagreement = Double.parseDouble(m.group(1));
    double share = Double.parseDouble(m.group(2));
    double size = Double.parseDouble(m.group(3));
    // Printed to 3 digits: 1 % covers that.
    assertEquals(report.absError(), disagreement, report.absError() * 0.01, report::toString);
    double f = Math.abs(x.sum().item());
    assertEquals(f, size, f * 0.01, report::toString);
    assertEquals(2 * 0x1p-53 * f / 1e-6, share, share * 0.01, report::toString);
    assertTrue(disagreement <= share, report::toString);
    // The sum's slope is 1; at 10 and 100 times the step rounding's share is a tenth and a
    // hundredth (7.5e-6, 7.5e-7): ten times those bound the larger steps' differences.
    assertEquals(1, Double.parseDouble(m.group(4)), share, report::toString);
    assertEquals(1, Double.parseDouble(m.group(5)), share / 10, report::toString);
  }
}
