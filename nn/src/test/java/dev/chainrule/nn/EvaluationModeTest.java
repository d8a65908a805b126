package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
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

  @Test
  void aSummaryGivesAFrozenChildItsModeBackAndKeepsADropoutLeftOn() {
    // summary() used to call eval() then train() on the whole tree: a frozen batch normalization
    // woke up, and a dropout kept on at inference went off.
    BatchNorm1d frozen = BatchNorm1d.of(3);
    Dropout kept = Dropout.of(0.5, 1L);
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), frozen, kept);
    frozen.eval();
    model.summary(dev.chainrule.core.Shape.of(4, 2));
    assertTrue(model.isTraining());
    assertFalse(frozen.isTraining());

    model.eval();
    kept.train();
    model.summary(dev.chainrule.core.Shape.of(4, 2));
    assertFalse(model.isTraining());
    assertTrue(kept.isTraining());
  }

  /**
   * The evaluation mode is the thread's: another thread sees the modules' own modes meanwhile.
   * Flipping the modules made two threads predicting with one model switch it under each other
   * (predictions with dropout or batch statistics, running statistics moved, the model left in
   * evaluation mode for good).
   */
  @Test
  void theModeIsTheThreadsAndNoModulesModeChanges() throws Exception {
    BatchNorm1d norm = BatchNorm1d.of(3);
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), norm);
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
    Thread evaluator = new Thread(() -> EvaluationMode.run(model, () -> {
      inside.countDown();
      try {
        checked.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    evaluator.start();
    inside.await();
    assertTrue(model.isTraining(), "this thread, meanwhile, trains");
    assertTrue(norm.isTraining());
    checked.countDown();
    evaluator.join();
    assertTrue(model.isTraining());
  }
}
