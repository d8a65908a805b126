package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

/** The modes EvaluationMode.run sets while it runs and gives back afterwards, also on failure. */
class EvaluationModeTest {
  @Test
  void everyModuleEvaluatesWithoutAGraphAndGetsItsOwnModeBackEvenWhenTheBodyThrows() {
    BatchNorm1d frozen = BatchNorm1d.of(3);
    Dense head = Dense.of(3, 1, 2L);
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), frozen, head);
    model.train();
    frozen.eval();
    assertEquals("ran", EvaluationMode.run(model, () -> {
      assertFalse(model.isTraining());
      assertFalse(head.isTraining());
      assertFalse(Autograd.isGradEnabled(), "nothing recorded");
      return "ran";
    }));
    assertTrue(model.isTraining());
    assertFalse(frozen.isTraining());
    assertTrue(head.isTraining());

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> EvaluationMode.run(model, () -> {
          throw new IllegalStateException("forward failed");
        }));
    assertEquals("forward failed", e.getMessage());
    assertTrue(model.isTraining(), "restored although the body threw");
    assertFalse(frozen.isTraining());
    assertTrue(head.isTraining());
  }
}
