package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.train.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * Counts of correct rows past 2^24 in float32. They were float32 sums of zeros and ones, whose
 * result float32 rounds to an even whole number past 2^24: 16,777,217 right rows were counted
 * 16,777,216. Exact counts, compared exactly (no tolerance: a count is a whole number). The
 * tensors take about 130 MB each and the test a few seconds.
 */
class CountsPastFloat32Test {
  /** 2^24 + 1, the first whole number float32 cannot hold. */
  private static final int ROWS = (1 << 24) + 1;

  /** Scores of zeros, whose argmax is class 0 in every row (the first wins ties). */
  private static final Tensor SCORES = Tensors.zeros(Shape.of(ROWS, 2), DType.FLOAT32);

  /** Class 0 in every row. */
  private static final Tensor CLASSES = Tensors.zeros(Shape.of(ROWS), DType.FLOAT32);

  @Test
  void correctRowsCountsEveryRowOfOneHotTargets() {
    assertEquals(ROWS, Metrics.correctRows(SCORES, Tensors.oneHot(CLASSES, 2, DType.FLOAT32)));
  }

  @Test
  void correctRowsCountsEveryRowOfClassIndices() {
    assertEquals(ROWS, Metrics.correctRows(SCORES, CLASSES));
  }

  @Test
  void binaryRowsAllRightAreCountedExactly() {
    // A logit of 0 is class 1 (≥ 0), as every label is.
    Tensor logits = Tensors.zeros(Shape.of(ROWS, 1), DType.FLOAT32);
    Tensor labels = Tensors.ones(Shape.of(ROWS, 1), DType.FLOAT32);
    assertEquals(ROWS, Evaluation.correct(Loss.binaryCrossEntropyWithLogits(), logits, labels));
  }
}
