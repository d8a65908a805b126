package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An epoch's training loss under an ignore index is the mean over the epoch's rows that count
 * (their weighted mean, with class weights), as the same loss over all of them at once gives:
 * each batch's mean weighs its rows that count ({@code Loss.meanWeight}), not its rows.
 */
class IgnoreIndexEpochLossTest {
  private static final Tensor FEATURES = Tensors.randn(Shape.of(20, 3), 4L);
  // Class 1 is the ignored index, unevenly spread, so that batches hold different counts of it.
  private static final Tensor CLASSES =
      Tensor.vector(0, 1, 1, 1, 1, 0, 2, 0, 1, 2, 0, 2, 1, 0, 0, 2, 1, 2, 0, 2);

  /**
   * With a rate of 0 every batch sees the same model, so the epoch's figure is that model's mean
   * over the rows that count: 1e-14 relative, the order of the batches' sums.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anEpochsLossIsTheMeanOverTheRowsThatCount(boolean weighted) {
    Dense model = Dense.of(3, 3, 1L);
    CrossEntropyOptions options = CrossEntropyOptions.none().withIgnoreIndex(1);
    Loss loss = Loss.softmaxCrossEntropy(weighted ? options.withClassWeights(1, 5, 0.25)
        : options);
    History history = Trainer.builder(model, loss, Sgd.builder(0).build(model)).epochs(1)
        .batchSize(6).seed(3).build().fit(new Dataset(FEATURES, CLASSES));
    double exact = loss.compute(model.call(Variable.constant(FEATURES)), CLASSES).item();
    assertEquals(exact, history.last().trainLoss(), 1e-14 * exact);
  }
}
