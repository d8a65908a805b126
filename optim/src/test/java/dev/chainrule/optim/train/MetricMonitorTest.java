package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.metrics.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A metric of one's own drives early stopping, the best weights and a plateau reduction. The
 * run is {@link ResumedRecordsTest}'s: a line trained from slope 0 towards y = 2x and scored
 * against y = x, so the validation loss is least near slope 1 and rises after. The metric is the
 * mean absolute error against 1.5·y, least near slope 1.5, which the line passes epochs later:
 * watching it must stop, and keep weights, at another epoch than watching the loss does.
 */
class MetricMonitorTest {
  /** The mean absolute error against targets 1.5 times the validation data's. */
  static final EpochMetric OFF_BY_HALF =
      (outputs, targets) -> Metrics.meanAbsoluteError(outputs, targets.mul(1.5));
  private static final int PATIENCE = 3;
  /** Slower than ResumedRecordsTest's 0.05, so that the two bests lie epochs apart (7 and 10). */
  private static final double RATE = 0.02;

  private static History run(Sequential model, Monitor watched, boolean declare) {
    Optimizer adam = Adam.builder().learningRate(RATE).build(model);
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(60)
        .batchSize(16).seed(3).earlyStopping(watched, PATIENCE, 0).restoreBestWeights(true);
    if (declare) {
      builder.metric("mae15", OFF_BY_HALF).metric("closeness",
          (outputs, targets) -> -OFF_BY_HALF.compute(outputs, targets));
    }
    return builder.build().fit(ResumedRecordsTest.TRAIN, ResumedRecordsTest.VALIDATION);
  }

  private static List<Double> metric(History history, String name) {
    return history.epochs().stream().map(e -> e.metric(name)).toList();
  }

  private static int firstArgmin(List<Double> values) {
    int best = 0;
    for (int i = 1; i < values.size(); i++) {
      best = values.get(i) < values.get(best) ? i : best;
    }
    return best;
  }

  @Test
  void aMetricOfOnesOwnStopsAtItsOwnBestEpochNotTheLosss() {
    History byLoss = run(ResumedRecordsTest.model(0), Monitor.VALIDATION_LOSS, false);
    Sequential model = ResumedRecordsTest.model(0);
    History byMetric = run(model, Monitor.metric("mae15", Monitor.Mode.MIN), true);

    List<Double> errors = metric(byMetric, "mae15");
    int best = firstArgmin(errors);
    assertEquals(best, byMetric.bestEpoch(), () -> "errors " + errors);
    assertTrue(byMetric.stoppedEarly());
    assertEquals(best + PATIENCE, byMetric.last().epoch(), "patience epochs after its best");
    assertEquals(best, byMetric.weightsEpoch());
    assertTrue(byLoss.stoppedEarly());
    assertTrue(byMetric.bestEpoch() > byLoss.bestEpoch()
        && byMetric.last().epoch() > byLoss.last().epoch(), () -> "the constructed case: the"
        + " loss's best " + byLoss.bestEpoch() + " and stop " + byLoss.last().epoch()
        + " come before the metric's " + byMetric.bestEpoch() + " and " + byMetric.last().epoch());
    // The weights put back are the best epoch's: the metric scores them as it did then (the same
    // forward pass over the same rows, so exactly).
    assertEquals(errors.get(best), OFF_BY_HALF.compute(
        Evaluation.predict(model, ResumedRecordsTest.VALIDATION),
        ResumedRecordsTest.VALIDATION.labels()), 0.0);
  }

  @Test
  void theMetricsComeInDeclarationOrderAndMaxWatchesTheSameEpochNegated() {
    History min = run(ResumedRecordsTest.model(0), Monitor.metric("mae15", Monitor.Mode.MIN), true);
    History max =
        run(ResumedRecordsTest.model(0), Monitor.metric("closeness", Monitor.Mode.MAX), true);
    assertEquals(List.of("mae15", "closeness"),
        List.copyOf(min.epochs().get(0).metrics().keySet()));
    assertEquals(min.bestEpoch(), max.bestEpoch());
    assertEquals(min.trainLosses(), max.trainLosses(), "the same run, stopped at the same epoch");
    List<Double> negated = metric(min, "mae15").stream().map(v -> -v).toList();
    assertEquals(negated, metric(max, "closeness"));
  }

  /** A plateau on the metric lowers the rate once the metric stops improving, not before. */
  @Test
  void aPlateauOnTheMetricHalvesTheRateAfterItsBest() {
    Sequential model = ResumedRecordsTest.model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    List<EpochResult> heard = new ArrayList<>();
    History history = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(40)
        .batchSize(16).seed(3).metric("mae15", OFF_BY_HALF)
        .reduceLearningRateOnPlateau(Monitor.metric("mae15", Monitor.Mode.MIN), 0.5, 1)
        .listener(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochResult epoch) {
            heard.add(epoch);
          }
        }).build().fit(ResumedRecordsTest.TRAIN, ResumedRecordsTest.VALIDATION);
    assertEquals(history.epochs(), heard, "listeners hear the metrics with the epoch");
    List<Double> rates = history.learningRates();
    int firstLowered = rates.indexOf(0.025);
    int best = firstArgmin(metric(history, "mae15"));
    assertNotEquals(-1, firstLowered, () -> "rates " + rates);
    assertTrue(firstLowered > best, () -> "lowered at " + firstLowered + ", best " + best);
  }
}
