package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GradCheck runs in float64: float32 inputs are widened (exactly) first. A pass used to say
 * nothing of it, so a user who meant to check the float32 path read PASSED for a path that never
 * ran; the report now says which inputs were widened.
 */
class GradCheckFloat32InputsTest {
  private static final Tensor X64 = Tensor.vector(0.5, -1, 2);
  private static final Tensor X32 = X64.to(DType.FLOAT32);
  private static final String NOTE = " float32, checked in float64 (widened exactly): the rule"
      + " is checked, not the float32 path, which OpSpec.checkFloat32 compares with float64";

  @Test
  void aCheckOfFloat32InputsSaysTheyWereCheckedInFloat64() {
    GradCheckReport report = GradCheck.check(in -> in.get(0).tanh(), List.of(X32));
    assertTrue(report.passed(), report::toString);
    assertEquals("input 0 was" + NOTE, report.detail());
    assertTrue(report.toString().endsWith("; input 0 was" + NOTE), report::toString);
    // Several, among float64 ones: only the float32 ones are named.
    GradCheckReport mixed = GradCheck.check(in -> in.get(0).mul(in.get(1)).mul(in.get(2)),
        List.of(X32, X64, X32));
    assertEquals("inputs 0, 2 were" + NOTE, mixed.detail());
    // The second-order check widens them the same way, and says so.
    GradCheckReport second = GradCheck.gradGradCheck(in -> in.get(0).tanh(), List.of(X32));
    assertTrue(second.passed(), second::toString);
    assertEquals("input 0 was" + NOTE, second.detail());
  }

  @Test
  void float64InputsGetNoNoteAndAFailureKeepsItsDiagnosisFirst() {
    assertEquals("", GradCheck.check(in -> in.get(0).tanh(), List.of(X64)).detail());
    GradCheckReport wrong = GradCheck.check(in -> in.get(0).mul(in.get(0).detach()),
        List.of(X32));
    assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, wrong.verdict(), wrong::toString);
    assertTrue(wrong.detail().contains("the derivative is wrong"), wrong::toString);
    assertTrue(wrong.detail().endsWith("; input 0 was" + NOTE), wrong::toString);
  }
}
