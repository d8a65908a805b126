package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The divergence reference scored in training mode (batch normalization normalizing by the
 * chunk), the cases that have no training-mode score, and the batch a NaN loss is blamed on.
 */
class DivergenceReferenceModesTest {
  /**
   * A lone untrained batch normalization over one feature with targets 0: in evaluation mode it
   * passes x through (x / √(1 + ε)), in training mode it standardizes each chunk. Targets of 0
   * make every constant output at chance score 0 or 0.25; zeros score 0, so the chance floor is
   * unusable and the reference alone is the bar.
   */
  private static Divergence normalized(double[] x, Loss loss, int batchSize) {
    Dataset rows = new Dataset(Tensor.of(x, x.length, 1), Tensors.zeros(x.length, 1));
    // Factor 1: the limit is the reference itself, which the message prints.
    return new Divergence(Sequential.of(BatchNorm1d.of(1)), loss, rows, batchSize, 1);
  }

  /** The reference as the message after a batch far above it prints it (%.3g). */
  private static String printedReference(Divergence divergence) {
    String message = assertThrows(Divergence.Found.class,
        () -> divergence.checkLoss(0, 0, 1, 1e6)).getMessage();
    String start = "the model's at the start of the run (";
    assertTrue(message.contains(start), message);
    return message.substring(message.indexOf(start) + start.length(), message.length() - 1);
  }

  /** The mean of z² over a chunk standardized with the biased variance v: v / (v + ε). */
  private static double standardizedSquare(double variance) {
    return variance / (variance + BatchNorm.DEFAULT_EPS);
  }

  private static String g3(double value) {
    return String.format(Locale.ROOT, "%.3g", value);
  }

  @Test
  void twoRowsAreScoredInTrainingModeToo() {
    // x = 0 and 0.02: evaluation mode scores about 2e-4, training mode standardizes the pair
    // (variance 1e-4) to about ±1, 0.909 per sample. The larger is the reference: the smaller
    // would stop the run's first batch, which scores the same 0.909.
    assertEquals(g3(standardizedSquare(1e-4)),
        printedReference(normalized(new double[] {0, 0.02}, Loss.meanSquaredError(), 32)));
  }

  @Test
  void chunksOfUnequalSizeAreWeighedByTheirRows() {
    // Five rows in batches of 2: chunks of 2 and 3 (the last row joins the one before). The
    // first chunk's two equal values standardize to 0; the second's (0, 0.01, 0.02; variance
    // 2e-4 / 3) to a mean square of 0.870. Per sample over the five rows: 0.870 * 3 / 5.
    double[] x = {0.01, 0.01, 0, 0.01, 0.02};
    String expected = g3(standardizedSquare(2e-4 / 3) * 3 / 5);
    for (Loss loss : List.of(Loss.meanSquaredError(), Loss.sumOfSquares())) {
      assertEquals(expected, printedReference(normalized(x, loss, 2)), loss.toString());
    }
  }

  @Test
  void aClassWeightedReferenceIsTheLossesOwnMeanInTrainingModeToo() {
    // Two rows, one of each class, which training mode standardizes to logits ±0.954 against
    // their labels: each loses ln(1 + e^1.907) = 2.05, so the weighted mean is 2.05 whatever the
    // weights. Divided by the rows instead of by Σ w_y (1.25 here) it would be 2.05 · 1.25 / 2 =
    // 1.28, still above evaluation mode's about ln 2 (logits 0.02 apart), and the bar moved.
    double[][] x = {{0.02, 0}, {0, 0.02}};
    Tensor labels = Tensor.vector(1, 0);
    Loss loss = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withClassWeights(1, 0.25));
    double mean = loss.compute(Sequential.of(BatchNorm1d.of(2))
        .call(Variable.constant(Tensor.matrix(x))), labels).item();
    // To 3 figures, as the message prints it: the derivation above.
    assertEquals(2.05, mean, 0.005);
    Divergence divergence = new Divergence(Sequential.of(BatchNorm1d.of(2)), loss,
        new Dataset(Tensor.matrix(x), labels), 32, 1);
    assertEquals(g3(mean), printedReference(divergence));
  }

  @Test
  void aSingleRowsNegativeLossSetsNoLimit() {
    // A loss below 0 has no scale from 0 (DivergenceBar.bar leaves such a reference alone, and
    // a negative bar sets no limit): one row has no training-mode score to raise it to 0, where
    // the chance floor (0.15 here) would set a limit of 1.5 under the factor 10.
    Sequential model = Sequential.of(Dense.builder(1, 1).init(Init.constant(1)).build());
    Tensor x = Tensors.ones(1, 1);
    double start = model.call(Variable.constant(x)).value().item();
    Loss shifted = (output, target) -> output.sub(start).square().mean().sub(0.1);
    Divergence divergence = new Divergence(model, shifted, new Dataset(x, Tensors.zeros(1, 1)),
        32, 10);
    assertDoesNotThrow(() -> divergence.checkLoss(0, 0, 1, 1e6));
  }

  @Test
  void aNanLossAtAnEpochsFirstBatchIsThatBatchs() {
    // A parameter broken between epochs (the last epoch's end checked them all, so no step of
    // the run broke it: a listener did) is not blamed on a step before batch 0; that batch's
    // NaN loss is reported at that batch, never at batch -1.
    Sequential model = Sequential.of(Dense.builder(2, 1).init(Init.zeros()).build());
    Divergence divergence = new Divergence(model, Loss.meanSquaredError(),
        new Dataset(Tensors.ones(10, 2), Tensors.zeros(10, 1)), 4, Double.POSITIVE_INFINITY);
    divergence.checkLoss(0, 0, 3, 1.0);
    model.parameters().get(0).value().assignInPlace(Tensors.full(
        model.parameters().get(0).value().shape(), Double.NaN));
    Divergence.Found found = assertThrows(Divergence.Found.class,
        () -> divergence.checkLoss(1, 0, 3, Double.NaN));
    assertEquals("the loss is NaN", found.getMessage());
    assertEquals(0, found.exception(new History(List.of(), false, -1)).batch());
  }

  @Test
  void anAnomalyBeforeTheFirstStepIsThrownAsItIs() {
    // With the check off no reference pass runs, so the first batch's forward pass is the first
    // to meet the infinite features: no step has run, so the anomaly is the data's, not a
    // divergence of the run.
    Sequential model = Sequential.of(Dense.of(2, 1, 3L));
    Dataset infinite = new Dataset(Tensors.full(dev.chainrule.core.Shape.of(8, 2),
        Double.POSITIVE_INFINITY), Tensors.zeros(8, 1));
    try (var anomaly = dev.chainrule.autograd.Autograd.detectAnomaly()) {
      assertThrows(dev.chainrule.autograd.AnomalyException.class, () -> Trainer.builder(model,
          Loss.meanSquaredError(), dev.chainrule.optim.Sgd.builder(0.1).build(model)).epochs(1)
          .batchSize(4).divergenceFactor(Double.POSITIVE_INFINITY).build().fit(infinite));
    }
  }
}
