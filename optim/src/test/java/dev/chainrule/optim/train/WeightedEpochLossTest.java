package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An epoch's training loss under class weights is the weighted mean over the epoch's rows, as
 * the same loss over all of them at once gives, where a trainer that weighed each batch's
 * weighted mean by its rows reported a figure of its own (4 % off in the review's run), beside
 * a validation loss that was the exact weighted mean.
 */
class WeightedEpochLossTest {
  private static final Tensor FEATURES = Tensors.randn(Shape.of(20, 3), 2L);
  // Sorted by class, as CSV files often are, so that shuffled batches weigh differently.
  private static final Tensor CLASSES =
      Tensor.vector(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);

  /**
   * With a rate of 0 every batch sees the same model, so the epoch's figure is that model's
   * weighted mean over the 20 rows: 1e-14 relative, the order of the batches' sums. At any scale
   * of the weights, where a sum of raw weights of 1e308 overflowed and the epoch's loss was NaN,
   * and subnormal ones lost their digits (1.35 for 1.378).
   */
  @ParameterizedTest
  @ValueSource(doubles = {1, 1e308, 4.9e-324})
  void anEpochsLossIsTheWeightedMeanOverItsRows(double scale) {
    Dense model = Dense.of(3, 3, 1L);
    Loss loss = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withClassWeights(
        scale, scale == 1 ? 6 : scale, scale == 1 ? 0.25 : scale));
    History history = Trainer.builder(model, loss, Sgd.builder(0).build(model)).epochs(1)
        .batchSize(6).seed(3).build().fit(new Dataset(FEATURES, CLASSES));
    double exact = loss.compute(model.call(Variable.constant(FEATURES)), CLASSES).item();
    assertEquals(exact, history.last().trainLoss(), 1e-14 * exact);
  }

  /**
   * A batch's weight is Σ w_y of its rows (the largest weight at 1) for class indices, its rows
   * for rows of targets.
   */
  @Test
  void aWeightedMeanWeighsItsClassWeights() {
    Loss loss = Loss.softmaxCrossEntropy(
        CrossEntropyOptions.none().withClassWeights(2, 8, 1));
    Tensor logits = Tensors.zeros(Shape.of(4, 3));
    assertEquals(0.25 + 1 + 0.125 + 0.125,
        loss.meanWeight(logits, Tensor.vector(0, 1, 2, 2), 4), 0, "exact sums of eighths");
    Tensor rows = Tensors.ones(Shape.of(4, 3)).div(3);
    assertEquals(4, loss.meanWeight(logits, rows, 4), 0, "rows of probabilities: over N");
    assertEquals(4, Loss.softmaxCrossEntropy().meanWeight(logits, Tensor.vector(0, 1, 2, 2), 4),
        0, "a plain mean weighs its rows");
    assertTrue(Loss.meanSquaredError().meanWeight(logits, logits, 4) == 4);
  }
}
