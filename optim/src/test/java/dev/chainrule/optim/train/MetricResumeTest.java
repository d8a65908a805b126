package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.ResumedRecordsTest.assertSameEnd;
import static dev.chainrule.optim.train.ResumedRecordsTest.interrupted;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static dev.chainrule.optim.train.ResumedRecordsTest.resumed;
import static dev.chainrule.optim.train.ResumedRecordsTest.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that watches metrics of one's own, killed and resumed from its periodic checkpoint, ends
 * where the uninterrupted run does, bit for bit (weights, optimizer state, rates, stop, best
 * epoch), by {@link ResumedRecordsTest}'s fixture: the checkpoint records the monitors by name
 * and direction and the best epoch's metrics, and a resume watching another metric or direction
 * is refused naming both.
 */
class MetricResumeTest {
  private static final Monitor MAE = Monitor.metric("mae15", Monitor.Mode.MIN);
  private static final Monitor CLOSENESS = Monitor.metric("closeness", Monitor.Mode.MAX);
  private static final UnaryOperator<Trainer.Builder> DECLARED = b -> b
      .metric("mae15", MetricMonitorTest.OFF_BY_HALF)
      .metric("closeness", (outputs, targets) -> -MetricMonitorTest.OFF_BY_HALF.compute(outputs,
          targets));
  private static final PlateauReduction HALVING =
      PlateauReduction.of(0.5, 1).withAbsoluteThreshold(1e-3);
  /** Early stopping and the best weights on one metric, the plateau on the other. */
  private static final UnaryOperator<Trainer.Builder> WATCHED = b -> DECLARED.apply(b)
      .earlyStopping(MAE, 4, 0).restoreBestWeights(true)
      .reduceLearningRateOnPlateau(CLOSENESS, HALVING);

  private static List<Map<String, Double>> metrics(History history) {
    return history.epochs().stream().map(EpochResult::metrics).toList();
  }

  @Test
  void aRunWatchingMetricsResumedAfterItsBestEndsWhereTheWholeRunEnds(@TempDir Path dir) {
    ResumedRecordsTest.Run whole = uninterrupted(WATCHED);
    History all = whole.history();
    int best = all.bestEpoch();
    assertTrue(all.stoppedEarly() && best > 0, () -> "the scenario: " + all);
    assertTrue(all.learningRates().contains(0.025), () -> "a reduction: " + all.learningRates());
    int k = best + 2;
    Path checkpoint = interrupted(WATCHED, k, dir);
    Map<String, String> saved = ModelCheckpoint.load(checkpoint, model(0), null).metadata();
    assertEquals("metric:mae15:min", saved.get(RecordMetadata.EARLY_STOPPING + "monitor"));
    assertEquals("metric:closeness:max", saved.get(RecordMetadata.PLATEAU + "monitor"));
    assertEquals("mae15 closeness", saved.get(RecordMetadata.EARLY_STOPPING
        + "best.metric_names"));

    ResumedRecordsTest.Run rest = resumed(WATCHED, checkpoint);
    assertSameEnd(whole, rest, k);
    assertEquals(metrics(all).subList(k, all.epochs().size()), metrics(rest.history()));
    assertNotNull(rest.history().earlierBest());
    // Read back bit for bit, in declaration order.
    assertEquals(List.copyOf(all.epochs().get(best).metrics().entrySet()),
        List.copyOf(rest.history().earlierBest().metrics().entrySet()));
  }

  @Test
  void aRunResumedBeforeItsBestFindsItAfter(@TempDir Path dir) {
    ResumedRecordsTest.Run whole = uninterrupted(WATCHED);
    int k = whole.history().bestEpoch() - 1;
    assertSameEnd(whole, resumed(WATCHED, interrupted(WATCHED, k, dir)), k);
  }

  @Test
  void aResumeWatchingAnotherMetricOrDirectionIsRefusedNamingBoth(@TempDir Path dir) {
    Path checkpoint = interrupted(WATCHED, 2, dir);
    Monitor maximized = Monitor.metric("mae15", Monitor.Mode.MAX);
    IllegalArgumentException direction = refused(checkpoint, b -> DECLARED.apply(b)
        .earlyStopping(maximized, 4, 0).restoreBestWeights(true)
        .reduceLearningRateOnPlateau(CLOSENESS, HALVING));
    assertTrue(direction.getMessage().contains("early-stopping record was kept watching metric"
        + " mae15 (min) with min delta 0.0, and this run watches metric mae15 (max)"),
        direction.getMessage());
    IllegalArgumentException plateau = refused(checkpoint, b -> DECLARED.apply(b)
        .earlyStopping(MAE, 4, 0).restoreBestWeights(true)
        .reduceLearningRateOnPlateau(MAE, HALVING));
    assertTrue(plateau.getMessage().contains("plateau record was kept watching metric closeness"
        + " (max) with " + HALVING + ", and this run watches metric mae15 (min)"),
        plateau.getMessage());
    IllegalArgumentException loss = refused(checkpoint, b -> DECLARED.apply(b)
        .earlyStopping(Monitor.VALIDATION_LOSS, 4, 0).restoreBestWeights(true)
        .reduceLearningRateOnPlateau(CLOSENESS, HALVING));
    assertTrue(loss.getMessage().contains("watching metric mae15 (min) with min delta 0.0, and"
        + " this run watches VALIDATION_LOSS"), loss.getMessage());
  }

  private static IllegalArgumentException refused(Path checkpoint,
      UnaryOperator<Trainer.Builder> options) {
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    return assertThrows(IllegalArgumentException.class,
        () -> ResumedRecordsTest.builder(model, adam, options).resume(run).build());
  }

  @Test
  void malformedMetricEntriesAreRefusedNamingTheEntry(@TempDir Path dir) {
    Path checkpoint = interrupted(WATCHED, 3, dir);
    Map<String, String> saved = ModelCheckpoint.load(checkpoint, model(0), null).metadata();
    String names = RecordMetadata.EARLY_STOPPING + "best.metric_names";
    String monitor = RecordMetadata.EARLY_STOPPING + "monitor";
    String value = RecordMetadata.EARLY_STOPPING + "best.metric.mae15";
    assertRefused(saved, monitor, "metric:mae15:up", "is \"metric:mae15:up\", not one of"
        + " [VALIDATION_LOSS, VALIDATION_ACCURACY, TRAINING_LOSS] or metric:<name>:min");
    assertRefused(saved, names, "mae15 mae15", "not metric names, each once");
    assertRefused(saved, value, "NaN", "best.metric.mae15\" is \"NaN\", not a finite number");
    // A record whose best epoch lacks the metric it watches cannot judge later epochs.
    assertRefused(saved, names, "closeness", "has no metric \"mae15\"; it has closeness");
  }

  private static void assertRefused(Map<String, String> saved, String key, String text,
      String words) {
    Map<String, String> edited = new HashMap<>(saved);
    edited.put(key, text);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ResumedRun.of(edited, "edited.safetensors"));
    assertTrue(e.getMessage().startsWith("edited.safetensors: ") && e.getMessage()
        .contains(words), e.getMessage());
  }
}
