package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step that failed because its thread was interrupted (a loop's blocking wait, which throws
 * InterruptedException and clears the status) is the run's interruption; any other failure is
 * the failure.
 */
class InterruptionsTest {
  private final List<History> heard = new ArrayList<>();
  private final History partial = new History(List.of(), false, -1);
  private final Interruptions interruptions = new Interruptions(List.of(new TrainingListener() {
    @Override
    public void onTrainingEnd(History history) {
      heard.add(history);
    }
  }), "round", 3, () -> partial);

  @AfterEach
  void clearInterruptStatus() {
    Thread.interrupted();
  }

  @Test
  void aFailureCausedByAnInterruptedWaitIsTheInterruptionWithTheStatusSetAgain() {
    IllegalStateException failure = new IllegalStateException("job failed",
        new InterruptedException("a wait's"));
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> interruptions.afterFailedStep(2, 1, failure));
    assertTrue(Thread.currentThread().isInterrupted(), "the wait cleared it; set again");
    assertTrue(e.getMessage().startsWith("training interrupted at epoch 3, round 2 of 3, before"
        + " its step: "), e.getMessage());
    assertEquals(1, e.stepsDone());
    assertArrayEquals(new Throwable[] {failure}, e.getSuppressed());
    assertEquals(List.of(partial), heard);
  }

  @Test
  void anyFailureOfAnInterruptedThreadIsTheInterruption() {
    Thread.currentThread().interrupt();
    IllegalStateException failure = new IllegalStateException("storing the broadcast failed");
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> interruptions.afterFailedStep(0, 0, failure));
    assertArrayEquals(new Throwable[] {failure}, e.getSuppressed());
  }

  @Test
  void aFailureOfAThreadNotInterruptedIsLeftToTheCaller() {
    interruptions.afterFailedStep(0, 0, new IllegalArgumentException("a label the loss refuses"));
    assertFalse(Thread.currentThread().isInterrupted());
    assertTrue(heard.isEmpty(), "the run did not end here");
  }

  /**
   * A listener that fails to close as the run is interrupted (its file's channel closed by the
   * interrupt status) does not replace the interruption: its failure is kept beside it, and the
   * listeners after it still hear the run end.
   */
  @Test
  void aListenerFailingAtTheEndIsSuppressedInTheInterruption() {
    IllegalStateException closing = new IllegalStateException("the log's channel is closed");
    Interruptions twoListeners = new Interruptions(List.of(new TrainingListener() {
      @Override
      public void onTrainingEnd(History history) {
        throw closing;
      }
    }, new TrainingListener() {
      @Override
      public void onTrainingEnd(History history) {
        heard.add(history);
      }
    }), "round", 3, () -> partial);
    Thread.currentThread().interrupt();
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> twoListeners.save(1, 3, () -> {
          throw new AssertionError("no checkpoint is written once the thread is interrupted");
        }));
    assertArrayEquals(new Throwable[] {closing}, e.getSuppressed());
    assertEquals(List.of(partial), heard);
  }
}
