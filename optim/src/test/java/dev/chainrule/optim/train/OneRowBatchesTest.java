package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * A last batch of one row that a batch normalization cannot train on is refused before the
 * first step: with 9 rows in batches of 4, two steps ran and the third threw from inside the
 * epoch, on a large data set only after minutes.
 */
class OneRowBatchesTest {
  private static Dataset rows(int n) {
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    return new Dataset(Tensors.randn(Shape.of(n, 3), 5L), Tensor.vector(labels));
  }

  private static Sequential normalized() {
    return Sequential.of(Dense.of(3, 4, 1L), BatchNorm1d.of(4), Activation.relu(),
        Dense.of(4, 3, 2L));
  }

  private static Trainer.Builder trainer(Sequential model, int batchSize) {
    return Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.1).build(model))
        .epochs(2).batchSize(batchSize);
  }

  @Test
  void aLastBatchOfOneRowIsRefusedBeforeTheFirstStep() {
    Sequential model = normalized();
    Tensor before = model.parameters().get(0).value().copy();
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, 4).build().fit(rows(9)));
    assertEquals("trainer: 9 rows in batches of 4 leave a last batch of 1 row, found before the"
        + " first step: the BatchNorm1d at \"1\" (4 features, given rows [2, 4]) normalizes"
        + " over the batch, and a batch of one row has one value per channel, which it cannot"
        + " normalize (as in PyTorch); set dropLast(true) to leave that row out of each epoch, or"
        + " use a batch size that leaves 0 or 2 or more rows over", refused.getMessage());
    // Exact: nothing stepped.
    assertTrue(before.allClose(model.parameters().get(0).value(), 0, 0));
    assertEquals(0, ((BatchNorm1d) model.layers().get(1)).batchesTracked());
    // The check's observing hook is gone: left on, it would watch every later call of the layer.
    assertFalse(((BatchNorm1d) model.layers().get(1)).hasForwardHooks());
  }

  @Test
  void theWaysOutTrain() {
    assertEquals(2, trainer(normalized(), 4).dropLast(true).build().fit(rows(9)).trainLosses()
        .size());
    assertEquals(2, trainer(normalized(), 3).build().fit(rows(9)).trainLosses().size());
    // Without a batch normalization a row alone trains.
    Sequential plain = Sequential.of(Dense.of(3, 4, 1L), Activation.relu(), Dense.of(4, 3, 2L));
    assertEquals(2, trainer(plain, 4).build().fit(rows(9)).trainLosses().size());
    // A frozen batch normalization (evaluation mode in a training model) uses its statistics.
    Sequential frozen = normalized();
    ((BatchNorm1d) frozen.layers().get(1)).eval();
    assertEquals(2, trainer(frozen, 4).build().fit(rows(9)).trainLosses().size());
  }

  @Test
  void aBatchSizeOfOneIsRefusedWithABatchNormalization() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> trainer(normalized(), 1).build().fit(rows(4))).getMessage();
    assertEquals("trainer: every batch holds one row (batch size 1), found before the first"
        + " step: the BatchNorm1d at \"1\" (4 features, given rows [2, 4]) normalizes over the"
        + " batch, and a batch of one row has one value per channel, which it cannot normalize"
        + " (as in PyTorch); use a batch size of 2 or more", message);
  }

  /** A module that folds [N, 3·4] into [3N, 4] before its batch normalization, as per-step
   *  normalizations of sequences do: a row alone gives it three values per channel. */
  private static final class PerStep extends Module {
    private final BatchNorm1d norm = BatchNorm1d.of(4);
    private final Dense head = Dense.of(12, 3, 2L);

    PerStep() {
      registerModule("norm", norm);
      registerModule("head", head);
    }

    @Override
    public Variable forward(Variable x) {
      int n = x.shape().dim(0);
      return head.call(norm.call(x.reshape(n * 3, 4)).reshape(n, 12));
    }
  }

  @Test
  void aNormalizationGivenSeveralValuesPerRowIsNotRefused() {
    // PyTorch trains BatchNorm1d(4) on such a [3, 4] batch of one row; so does this.
    PerStep model = new PerStep();
    Dataset data = new Dataset(Tensors.randn(Shape.of(9, 12), 5L), rows(9).labels());
    assertEquals(2, Trainer.builder(model, Loss.softmaxCrossEntropy(),
        Sgd.builder(0.1).build(model)).epochs(2).batchSize(4).build().fit(data).trainLosses()
        .size());
    assertFalse(model.norm.hasForwardHooks(), "the check removes its hook when it passes too");
  }

  @Test
  void aFrozenNormalizationWithoutRunningStatisticsIsStillRefused() {
    // In evaluation mode it normalizes over the batch too, and threw at the third batch.
    Sequential model = Sequential.of(Dense.of(3, 4, 1L),
        BatchNorm1d.builder(4).trackRunningStatistics(false).build(), Dense.of(4, 3, 2L));
    ((BatchNorm1d) model.layers().get(1)).eval();
    String message = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, 4).build().fit(rows(9))).getMessage();
    assertTrue(message.startsWith("trainer: 9 rows in batches of 4 leave a last batch of 1 row"),
        message);
  }

  @Test
  void oneRowOfDataIsToldToTrainOnMore() {
    // Not "use a batch size of 2 or more", which would only meet this refusal again.
    String message = assertThrows(IllegalArgumentException.class,
        () -> trainer(normalized(), 2).build().fit(rows(1))).getMessage();
    assertTrue(message.startsWith("trainer: the training data holds one row, found before the"
        + " first step:"), message);
    assertTrue(message.endsWith("; train on more than one row"), message);
  }
}
