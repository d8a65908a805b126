package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Validation data holding a NaN or an infinity: every epoch's validation loss was NaN, the run
 * ended normally, early stopping and the best epoch saw no improvement, and the accuracy counted
 * the NaN outputs as class 0 (a validation accuracy of 1.0 on one row of class 0). The run stops
 * after the first epoch's score instead, naming the row, as training data are named.
 */
class NonFiniteValidationTest {
  private static final Dataset TRAIN = new Dataset(
      Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}), Tensor.vector(0, 1, 0, 1));

  private static DivergenceException fit(Loss loss, int outputs, Dataset train,
      Dataset validation) {
    Sequential model = Sequential.of(Dense.of(2, outputs, 1));
    Trainer trainer = Trainer.builder(model, loss, Adam.builder().build(model)).epochs(3)
        .batchSize(2).earlyStopping(Monitor.VALIDATION_LOSS, 1, 0).build();
    return assertThrows(DivergenceException.class, () -> trainer.fit(train, validation));
  }

  @Test
  void aFeatureThatIsNotFiniteStopsTheRunNamingItsRow() {
    Dataset validation = new Dataset(Tensor.matrix(new double[][] {{1, 2}, {3, Double.NaN}}),
        Tensor.vector(0, 1));
    DivergenceException e = fit(Loss.softmaxCrossEntropy(), 2, TRAIN, validation);
    assertEquals("training stopped at epoch 1, batch 2 of 2: the validation loss is NaN, and row 1"
        + " of the validation data holds NaN (feature 1): no learning rate causes that; drop the"
        + " rows holding such values, or fill them in", e.getMessage());
    assertTrue(e.beforeAnyStep(), "the data, not the learning rate, is the cause");
    assertEquals(0, e.history().epochs().size(), "the epoch whose score is NaN is not listed");
  }

  @Test
  void aTargetThatIsNotFiniteStopsTheRunNamingItsRow() {
    Dataset train = TRAIN.withOneHotLabels(2);
    Dataset validation = new Dataset(Tensor.matrix(new double[][] {{1, 2}}),
        Tensor.matrix(new double[][] {{Double.POSITIVE_INFINITY, 0}}));
    DivergenceException e = fit(Loss.meanSquaredError(), 2, train, validation);
    assertEquals("training stopped at epoch 1, batch 2 of 2: the validation loss is Infinity, and"
        + " row 0 of the validation data has the target Infinity: no learning rate causes that;"
        + " drop the rows holding such values, or fill them in", e.getMessage());
  }
}
