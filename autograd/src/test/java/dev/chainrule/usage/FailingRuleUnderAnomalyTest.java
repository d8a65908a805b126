package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
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
}
