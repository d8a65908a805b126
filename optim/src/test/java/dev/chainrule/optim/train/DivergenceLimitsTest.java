package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The divergence limits exactly at their factors, the untrained reference they scale, a summed
 * loss taken per sample, what early stopping counts as an improvement, and History's figures.
 */
class DivergenceLimitsTest {
  /**
   * A model that outputs 0 and 1,025 rows whose first 1,024 (the reference rows) have target 2
   * and the last 0: the untrained loss per sample is 4 exactly, whether the loss is a mean or a
   * sum, and would not be 4 over all rows.
   */
  private static Sequential zeroModel() {
    return Sequential.of(Dense.builder(1, 1).init(Init.zeros()).build());
  }

  private static Dataset referenceData() {
    double[] targets = new double[Trainer.REFERENCE_ROWS + 1];
    java.util.Arrays.fill(targets, 0, Trainer.REFERENCE_ROWS, 2);
    return new Dataset(Tensors.ones(targets.length, 1), Tensor.of(targets, targets.length, 1));
  }

  private static String stop(Runnable check) {
    return assertThrows(Divergence.Found.class, check::run).getMessage();
  }

  @Test
  void dataThatAreNotFiniteAreNamedWhereverTheLossTurns() {
    // A NaN feature in row 7 and an infinite target in row 3: some batches in, the loss turns
    // NaN, and the data are named (the run was reported as diverging, pointing at the rate).
    Tensor features = Tensors.ones(10, 2);
    features.assignInPlace(features.add(Tensor.of(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, Double.NaN, 0, 0, 0, 0}, 10, 2)));
    Divergence nan = new Divergence(twoFeatureZeroModel(), Loss.meanSquaredError(),
        new Dataset(features, Tensors.zeros(10, 1)), 4, Double.POSITIVE_INFINITY);
    nan.checkLoss(0, 0, 3, 1.0);
    Divergence.Found found = assertThrows(Divergence.Found.class,
        () -> nan.checkLoss(0, 1, 3, Double.NaN));
    assertEquals("the loss is NaN, and row 7 of the training data holds NaN (feature 1): no"
        + " learning rate causes that; drop the rows holding such values, or fill them in",
        found.getMessage());
    assertTrue(found.exception(new History(List.of(), false, -1)).beforeAnyStep(),
        "the data, not the rate");
    double[] targets = new double[10];
    targets[3] = Double.POSITIVE_INFINITY;
    Divergence infinite = new Divergence(twoFeatureZeroModel(), Loss.meanSquaredError(),
        new Dataset(Tensors.ones(10, 2), Tensor.of(targets, 10, 1)), 4,
        Double.POSITIVE_INFINITY);
    assertEquals("the loss is Infinity, and row 3 of the training data has the target Infinity:"
        + " no learning rate causes that; drop the rows holding such values, or fill them in",
        stop(() -> infinite.checkLoss(0, 0, 3, Double.POSITIVE_INFINITY)));
  }

  private static Sequential twoFeatureZeroModel() {
    return Sequential.of(Dense.builder(2, 1).init(Init.zeros()).build());
  }

  @Test
  void aBatchMayReachTheFactorTimesTheReferenceExactly() {
    for (Loss loss : List.of(Loss.meanSquaredError(), Loss.sumOfSquares())) {
      Divergence divergence = new Divergence(zeroModel(), loss, referenceData(), 32, 3);
      assertDoesNotThrow(() -> divergence.checkLoss(0, 2, 5, 12.0), loss.toString());
      assertEquals("the loss per sample (12.0) is more than 3e+00 times the model's at the"
          + " start of the run (4.00)",
          stop(() -> divergence.checkLoss(0, 2, 5, Math.nextUp(12.0))));
      // The epoch's limit is the smaller of the factor and 10: 3 · 4 = 12 here.
      assertDoesNotThrow(() -> divergence.checkEpoch(0, 4, 5, 12.0, false));
      assertEquals("the epoch's mean loss per sample (12.0) is more than 3 times the model's at "
          + "the start of the run (4.00): the outputs saturated or swing too far to learn",
          stop(() -> divergence.checkEpoch(0, 4, 5, Math.nextUp(12.0), false)));
      // Under class weights the mean divides by Σ w_y, not per sample, and says so.
      assertEquals("the epoch's weighted mean loss (12.0) is more than 3 times the model's at "
          + "the start of the run (4.00): the outputs saturated or swing too far to learn",
          stop(() -> divergence.checkEpoch(0, 4, 5, Math.nextUp(12.0), true)));
    }
  }

  /**
   * A model fitted before (output 1.9 against targets of 2: 0.01 per sample) is measured against
   * the loss at chance, the lesser of outputs of 0 (4) and ½ (2.25), as the reference is far below
   * it; a loss that refuses those outputs leaves the reference alone.
   */
  @Test
  void aReferenceBelowChanceIsFlooredAtChance() {
    Sequential fitted = Sequential.of(Dense.builder(1, 1).init(Init.constant(1.9))
        .biasInit(Init.zeros()).build());
    Divergence divergence = new Divergence(fitted, Loss.meanSquaredError(), referenceData(), 32,
        3);
    // 3 · 2.25 = 6.75 for both checks; exact in binary, so the limit is reached exactly.
    assertDoesNotThrow(() -> divergence.checkLoss(0, 2, 5, 6.75));
    assertDoesNotThrow(() -> divergence.checkEpoch(0, 4, 5, 6.75, false));
    assertEquals("the loss per sample (6.75) is more than 3e+00 times the loss of a constant"
        + " output at chance (2.25), which is above the model's at the start of the run"
        + " (0.0100)", stop(() -> divergence.checkLoss(0, 2, 5, Math.nextUp(6.75))));
    assertEquals("the epoch's mean loss per sample (6.75) is more than 3 times the loss of a"
        + " constant output at chance (2.25), which is above the model's at the start of the run"
        + " (0.0100): the outputs saturated or swing too far to learn",
        stop(() -> divergence.checkEpoch(0, 4, 5, Math.nextUp(6.75), false)));

    Loss refusesConstants = (prediction, target) -> {
      if (prediction.value().max().item() < 1) {
        throw new IllegalArgumentException("outputs below 1");
      }
      return Loss.meanSquaredError().compute(prediction, target);
    };
    Divergence alone = new Divergence(fitted, refusesConstants, referenceData(), 32, 3);
    assertTrue(stop(() -> alone.checkLoss(0, 2, 5, 0.031)).endsWith("more than 3e+00 times the"
        + " model's at the start of the run (0.0100)"), "3 · 0.01 with no floor");
  }

  /**
   * Before the first step no parameter can have been broken by training, and no learning rate
   * caused the NaN: the data or the initial parameters are blamed. After a step, a parameter
   * that is no longer finite is.
   */
  @Test
  void aNanLossBeforeTheFirstStepIsNotTheLearningRates() {
    Sequential model = zeroModel();
    Divergence divergence = new Divergence(model, Loss.meanSquaredError(), referenceData(), 32,
        Double.POSITIVE_INFINITY);
    model.parameters().get(0).value().scaleInPlace(Double.NaN);
    assertEquals("the loss is NaN before the run's first step, so no learning rate caused it:"
        + " the batch's data or the model's parameters hold a value that is not finite (or the"
        + " forward pass overflows on them)",
        stop(() -> divergence.checkLoss(0, 0, 5, Double.NaN)));
    divergence.checkLoss(0, 0, 5, 1.0); // a batch that passed, and its step
    assertTrue(stop(() -> divergence.checkLoss(0, 1, 5, Double.NaN))
        .startsWith("parameter 0.weight is no longer finite"));

    Divergence finite = new Divergence(zeroModel(), Loss.meanSquaredError(), referenceData(), 32,
        Double.POSITIVE_INFINITY);
    finite.checkLoss(0, 0, 5, 1.0);
    assertEquals("the loss is NaN", stop(() -> finite.checkLoss(0, 1, 5, Double.NaN)),
        "after a step, with every parameter finite");
  }

  /**
   * A summed loss is divided by the batch size before the check: a healthy run over 64 rows in
   * one batch (the sum is 64 times the per-sample loss) stays under a factor of 2.
   */
  @Test
  void aSummedLossIsCheckedPerSample() {
    Tensor x = Tensors.randn(Shape.of(64, 2), 1L);
    Dataset line = new Dataset(x, x.matmul(Tensor.matrix(new double[][] {{2}, {-1}})));
    Sequential model = Sequential.of(Dense.of(2, 1, 3L));
    History history = Trainer.builder(model, Loss.sumOfSquares(), Sgd.builder(1e-4).build(model))
        .epochs(3).batchSize(64).divergenceFactor(2).build().fit(line);
    assertEquals(3, history.epochs().size());
    List<Double> losses = history.trainLosses();
    assertTrue(losses.get(2) < losses.get(0), losses.toString());
  }

  /** With a learning rate of 0 the epoch's accuracy is the untrained model's, counted by score. */
  @Test
  void theTrainAccuracyIsTheShareRight() {
    Tensor x = Tensors.randn(Shape.of(40, 2), 5L);
    Tensor labels = x.slice(1, 0, 1).reshape(40).gt(Tensor.scalar(0)).to(x.dtype());
    Dataset data = new Dataset(x, labels);
    Sequential model = Sequential.of(Dense.of(2, 2, 7L));
    double expected = Evaluation.score(model, Loss.softmaxCrossEntropy(), data).accuracy();
    assertTrue(expected > 0 && expected < 1, "a share strictly between: " + expected);
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(),
        Sgd.builder(0).build(model)).epochs(1).batchSize(7).build().fit(data, data);
    assertEquals(expected, history.last().trainAccuracy());
    assertEquals(List.of(expected), history.validationAccuracies());
  }

  @Test
  void improvementsMustBeatTheBestByMoreThanDelta() {
    assertTrue(Monitor.VALIDATION_LOSS.improves(0.5, 1, 0.25));
    assertFalse(Monitor.VALIDATION_LOSS.improves(0.75, 1, 0.25));
    assertTrue(Monitor.VALIDATION_ACCURACY.improves(0.875, 0.5, 0.25));
    assertFalse(Monitor.VALIDATION_ACCURACY.improves(0.75, 0.5, 0.25));
    assertTrue(Monitor.VALIDATION_ACCURACY.improves(0.5, Double.NaN, 0.25));
    assertFalse(Monitor.VALIDATION_LOSS.improves(Double.NaN, Double.NaN, 0.25));
  }

  @Test
  void historySumsItsEpochs() {
    History history = new History(List.of(
        new EpochResult(0, 2.0, 0.5, 1.5, 0.25, 0.1, 1.5, 10),
        new EpochResult(1, 1.0, 0.75, 1.25, 0.5, 0.1, 2.5, 10)), false, 1);
    assertEquals(List.of(2.0, 1.0), history.trainLosses());
    assertEquals(List.of(0.25, 0.5), history.validationAccuracies());
    assertEquals(4.0, history.seconds());
  }

  /**
   * Data sorted by target (as CSV files often are): 2,048 rows, the first half with target 0 and
   * the second with √2. The zero model's squared error per sample is 0 on the first 1,024 rows and
   * 1 over all; a reference from the first rows made every epoch look like an explosion, even at
   * a learning rate of 0, where nothing changes. Rows spread evenly (every other row: half of
   * each target) give the mean over all rows.
   */
  @Test
  void theReferenceIsSpreadOverSortedData() {
    double[] targets = new double[2 * Trainer.REFERENCE_ROWS];
    java.util.Arrays.fill(targets, Trainer.REFERENCE_ROWS, targets.length, Math.sqrt(2));
    Dataset sorted = new Dataset(Tensors.ones(targets.length, 1),
        Tensor.of(targets, targets.length, 1));
    Divergence divergence = new Divergence(zeroModel(), Loss.meanSquaredError(), sorted, 32, 1e6);
    assertTrue(stop(() -> divergence.checkLoss(0, 0, 1, 3e6)).endsWith(
        "the model's at the start of the run (1.00)"),
        "the reference is the mean over all rows, 1");

    Sequential model = zeroModel();
    History history = Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0).build(model))
        .epochs(3).batchSize(64).build().fit(sorted);
    assertEquals(1.0, history.last().trainLoss(), 1e-12, "nothing moved at lr 0, and nothing"
        + " stopped the run (the sums of 2,048 rounded squares: 1e-12)");
  }
}
