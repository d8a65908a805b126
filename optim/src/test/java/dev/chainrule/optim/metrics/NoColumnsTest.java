package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Rows [N, 0]: no column, so no class. They were refused by the reductions inside ("argmax:
 * cannot reduce the empty axis 1 of [2, 0]", or max's for targets), ops the caller never wrote,
 * where {@link Metrics#classes}' Javadoc promises a message naming the metric; now each metric
 * refuses them under its own name, naming which side has no columns (the confusion matrix
 * already did, counting the columns against its classes).
 */
class NoColumnsTest {
  private static final Tensor NONE = Tensors.zeros(2, 0);

  private static String refusal(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static String noColumns(String metric, String role) {
    return metric + ": " + role + " [2, 0] have no columns: rows [N, K] hold one column per class"
        + " (a batch of no rows is [0, K])";
  }

  @Test
  void scoresWithoutColumnsAreRefusedByTheMetricsName() {
    assertEquals(noColumns("accuracy", "predictions"),
        refusal(() -> Metrics.accuracy(NONE, Tensors.zeros(2))));
    assertEquals(noColumns("accuracy", "predictions"),
        refusal(() -> Metrics.correctRows(NONE, Tensors.zeros(2))));
    assertEquals(noColumns("myMetric", "classes"), refusal(() -> Metrics.classes("myMetric",
        NONE)));
  }

  @Test
  void targetsWithoutColumnsAreRefusedByTheMetricsName() {
    assertEquals(noColumns("accuracy", "targets"),
        refusal(() -> Metrics.accuracy(Tensors.zeros(2), NONE)));
    // Both sides without columns: the predictions are the first checked.
    assertEquals(noColumns("accuracy", "predictions"), refusal(() -> Metrics.accuracy(NONE,
        NONE)));
    assertEquals(noColumns("accuracy", "predictions"), refusal(() -> Metrics.correctRows(NONE,
        NONE)));
  }

  /** A batch of no rows still has its columns, and its count of correct rows is 0. */
  @Test
  void noRowsIsNotNoColumns() {
    assertEquals(0, Metrics.correctRows(Tensors.zeros(0, 3), Tensors.zeros(0, 3)));
  }
}
