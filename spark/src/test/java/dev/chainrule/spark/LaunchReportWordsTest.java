package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The launcher's words for a run that learned nothing, or whose test rows cannot tell: decided
 * by the optim checks train uses, without a Spark context.
 */
class LaunchReportWordsTest {
  /** One test row, of one class, answered right: train's case, on the launcher. */
  @Test
  void testRowsOfOneClassAreSaidToBeSoNotCalledChance() {
    ConfusionMatrix one = ConfusionMatrix.tally(Tensor.vector(1), Tensor.vector(1), 2);
    assertEquals(Optional.of("warning: the test rows hold only one class (all 1 of them), so"
        + " test accuracy 1.0000 cannot tell a network that learned from one that always"
        + " answers that class; a larger --test-fraction gives the test rows more classes"),
        LaunchReport.chanceWarning(one));
  }
}
