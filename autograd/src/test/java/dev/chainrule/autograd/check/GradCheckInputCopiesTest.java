package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GradCheck evaluates on copies of the inputs: a function that changes its input in place
 * changed the caller's tensor (by 0.5 for each of the check's evaluations), and the report
 * blamed random layers alone.
 */
class GradCheckInputCopiesTest {
  @Test
  void aFunctionChangingItsInputLeavesTheCallersTensorAndTheReportSaysWhy() {
    Tensor x = Tensor.vector(-1.3, 0.4, 0.7);
    GradCheckReport report = GradCheck.check(in -> {
      var y = in.get(0).add(1.0);
      in.get(0).value().addInPlace(Tensor.vector(0.5, 0.5, 0.5));
      return y;
    }, List.of(x));
    assertFalse(report.passed(), report.toString());
    assertTrue(report.detail().contains("an input changed in place is such state: compute on a"
        + " copy of it"), report.detail());
    assertEquals(Tensor.vector(-1.3, 0.4, 0.7), x, "the caller's tensor");
  }
}
