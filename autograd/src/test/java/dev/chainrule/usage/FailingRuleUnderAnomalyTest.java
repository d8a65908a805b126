package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backward rule that throws: its exception goes on as it is, and under anomaly detection it
 * carries a note naming the op and the user's line that created it (PyTorch's anomaly mode names
 * the node whose backward failed). Without it a user's rule's exception is noted with the op's
 * name alone; it used to name no op.
 */
class FailingRuleUnderAnomalyTest {
  private static final UnsupportedOperationException BROKEN =
      new UnsupportedOperationException("not written yet");
  private static final Op HALF_DONE = Op.unary("halfDone", (ctx, x) -> x.copy(), (ctx, g) -> {
    throw BROKEN;
  });

  @Test
  void anomalyDetectionNamesTheOpWhoseRuleThrew() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable loss;
    int line;
    try (var anomaly = Autograd.detectAnomaly()) {
      loss = HALF_DONE.apply(x).sum();  line = AnomalyDetectionTest.line();
      Variable recorded = loss;
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          recorded::backward);
      assertSame(BROKEN, e, "the rule's own exception, of its own type");
      assertEquals(1, e.getSuppressed().length);
      assertEquals("in the backward rule of 'halfDone', an op created at "
          + FailingRuleUnderAnomalyTest.class.getName()
          + ".anomalyDetectionNamesTheOpWhoseRuleThrew(FailingRuleUnderAnomalyTest.java:" + line
          + ")", e.getSuppressed()[0].getMessage());
    }
  }

  /** Without it, the note names a user's op still, with no line: none was recorded. */
  @Test
  void withoutAnomalyDetectionTheNoteNamesTheOpAlone() {
    UnsupportedOperationException fresh = new UnsupportedOperationException("plain");
    Op op = Op.unary("plain", (ctx, x) -> x.copy(), (ctx, g) -> {
      throw fresh;
    });
    Variable x = Variable.parameter(Tensor.vector(1));
    assertSame(fresh, assertThrows(UnsupportedOperationException.class,
        () -> op.apply(x).sum().backward()));
    assertEquals(1, fresh.getSuppressed().length);
    assertEquals("in the backward rule of 'plain'", fresh.getSuppressed()[0].getMessage());
  }

  /**
   * A built-in rule's refusal is noted the same way: exp's reads its output, changed in place
   * here, and both the refusal and the note name the line that created the exp.
   */
  @Test
  void aBuiltInRuleThatRefusesIsNamedWithItsLine() {
    Variable x = Variable.parameter(Tensor.vector(0, 1));
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable y = x.exp();  int line = AnomalyDetectionTest.line();
      y.value().assignInPlace(Tensor.vector(5, 5));
      Variable loss = y.sum();
      IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
      String site = FailingRuleUnderAnomalyTest.class.getName()
          + ".aBuiltInRuleThatRefusesIsNamedWithItsLine(FailingRuleUnderAnomalyTest.java:" + line
          + ")";
      assertTrue(e.getMessage().startsWith("backward: the output of 'exp' (shape [2], created at "
          + site + ") was modified in place after the forward pass (version 0 -> 1)"),
          e.getMessage());
      assertEquals(1, e.getSuppressed().length);
      assertEquals("in the backward rule of 'exp', an op created at " + site,
          e.getSuppressed()[0].getMessage());
    }
  }

  /** An input given another tensor since (Autograd.withValues) is refused naming the line too. */
  @Test
  void aReplacedInputIsNamedWithTheLineOfItsOp() {
    Variable x = Variable.parameter(Tensor.vector(2), "x");
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable loss = x.mul(x).sum();  int line = AnomalyDetectionTest.line();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Autograd.withValues(List.of(x), List.of(Tensor.vector(3)), () -> {
            loss.backward();
            return null;
          }));
      assertTrue(e.getMessage().matches("backward: input [01] of 'mul' \\('x', shape \\[1\\],"
          + " created at [^ ]*\\(FailingRuleUnderAnomalyTest.java:" + line + "\\)\\) holds"
          + " another tensor than the forward pass saw .*"), e.getMessage());
    }
  }
}
