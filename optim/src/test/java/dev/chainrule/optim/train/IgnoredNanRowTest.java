package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * A NaN in a row whose label the loss ignores leaves the loss finite (the row is left out) but
 * not the gradient (its features still multiply the row's zero gradient: NaN · 0 = NaN), so the
 * first sign is a weight that is no longer finite after the epoch's step. The data are named
 * there too, not only the weight, which would send the user to the learning rate.
 */
class IgnoredNanRowTest {
  @Test
  void aWeightMadeNanByAnIgnoredRowsNanNamesTheRow() {
    double[] values = Tensors.randn(Shape.of(8, 2), 1L).toArray();
    values[10] = Double.NaN;  // row 5, feature 0
    Tensor labels = Tensor.vector(0, 1, 2, 0, 1, 3, 2, 0);  // row 5 is ignored
    Sequential model = Sequential.of(Dense.of(2, 3, 3L));
    Loss loss = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(3));
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Trainer.builder(model, loss, Sgd.builder(0.1).build(model)).epochs(2)
            .batchSize(8).build().fit(new Dataset(Tensor.of(values, 8, 2), labels)));
    assertEquals("training stopped at epoch 1, batch 1 of 1: parameter 0.weight is no longer"
        + " finite, and row 5 of the training data holds NaN (feature 0): no learning rate"
        + " causes that; drop the rows holding such values, or fill them in", e.getMessage());
    assertTrue(Double.isNaN(model.parameters().get(0).value().sum().item()),
        "the premise: the step made the weight NaN");
  }
}
