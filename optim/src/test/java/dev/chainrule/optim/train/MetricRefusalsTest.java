package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each refusal of metrics of one's own and of a monitor that watches one, with the words that
 * name what is wrong: a malformed, reserved or repeated name, a monitor of a metric not declared,
 * a metric watched without validation data, a metric that cannot take the outputs (refused before
 * the first step, the model unchanged), and one that fails or gives NaN or an infinity mid-run
 * (named with the epoch, the listeners told the run ended).
 */
class MetricRefusalsTest {
  private static final EpochMetric HALF = (outputs, targets) -> 0.5;

  private static Trainer.Builder builder(Sequential model) {
    Optimizer sgd = Sgd.builder(0.05).build(model);
    return Trainer.builder(model, Loss.meanSquaredError(), sgd).epochs(4).batchSize(16);
  }

  private static Trainer.Builder builder() {
    return builder(ResumeFixture.model());
  }

  @Test
  void malformedNamesAreRefusedAsDeclared() {
    for (String name : new String[] {"", "f 1", "1f", "f1\n", "x".repeat(65), "f:1"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> builder().metric(name, HALF), name);
      assertTrue(e.getMessage().contains("is not a letter followed by"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Monitor.metric(name, Monitor.Mode.MAX));
    }
    assertEquals("trainer: the metric's name is null", assertThrows(
        IllegalArgumentException.class, () -> builder().metric(null, HALF)).getMessage());
    assertThrows(NullPointerException.class, () -> builder().metric("f1", null));
    assertThrows(NullPointerException.class, () -> Monitor.metric("f1", null));
  }

  @Test
  void namesOfTheTrainersOwnFiguresAreRefused() {
    for (String name : List.of("loss", "val_loss", "Accuracy", "val-acc", "VALIDATION_LOSS",
        "trainLoss", "learning_rate", "lr", "seconds", "samples", "epoch", "training.loss")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> builder().metric(name, HALF), name);
      assertTrue(e.getMessage().contains("\"" + name + "\" is the trainer's own figure"),
          e.getMessage());
    }
    // Near misses are names of their own.
    builder().metric("val_f1", HALF).metric("lossless", HALF).metric("f1.macro", HALF);
  }

  @Test
  void aNameDeclaredTwiceIsRefused() {
    Trainer.Builder builder = builder().metric("f1", HALF);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.metric("f1", (outputs, targets) -> 0.25));
    assertTrue(e.getMessage().startsWith("trainer: a metric named f1 is declared already"),
        e.getMessage());
  }

  @Test
  void aMonitorOfAMetricNotDeclaredIsRefusedAtBuild() {
    Monitor f1 = Monitor.metric("f1", Monitor.Mode.MAX);
    IllegalArgumentException stopping = assertThrows(IllegalArgumentException.class,
        () -> builder().metric("recall", HALF).metric("mae", HALF).earlyStopping(f1, 2, 0)
            .build());
    assertEquals("trainer: early stopping watches the metric \"f1\", and the trainer declares"
        + " only recall, mae; declare it with metric(\"f1\", ...) (names are compared exactly)",
        stopping.getMessage());
    IllegalArgumentException plateau = assertThrows(IllegalArgumentException.class,
        () -> builder().reduceLearningRateOnPlateau(Monitor.metric("F1", Monitor.Mode.MAX), 0.5,
            1).metric("f1", HALF).build());
    assertTrue(plateau.getMessage().startsWith("trainer: the plateau reduction watches the"
        + " metric \"F1\", and the trainer declares only f1;"), plateau.getMessage());
    // Declared after the monitor is set is declared: the check is at build().
    builder().earlyStopping(f1, 2, 0).metric("f1", HALF).build();
  }

  @Test
  void aMetricWatchedWithoutValidationDataIsRefusedByFit() {
    Monitor f1 = Monitor.metric("f1", Monitor.Mode.MAX);
    IllegalStateException stopping = assertThrows(IllegalStateException.class,
        () -> builder().metric("f1", HALF).earlyStopping(f1, 2, 0).build()
            .fit(ResumeFixture.linearRows(32)));
    assertEquals("trainer: early stopping on metric f1 (max) needs validation data",
        stopping.getMessage());
    IllegalStateException plateau = assertThrows(IllegalStateException.class,
        () -> builder().metric("f1", HALF).reduceLearningRateOnPlateau(f1, 0.5, 1).build()
            .fit(ResumeFixture.linearRows(32)));
    assertTrue(plateau.getMessage().startsWith("trainer: reducing the learning rate on a"
        + " plateau of metric f1 (max) needs validation data"), plateau.getMessage());
    // Declared and not watched, still a figure asked for.
    IllegalStateException unwatched = assertThrows(IllegalStateException.class,
        () -> builder().metric("f1", HALF).metric("g", HALF).build()
            .fit(ResumeFixture.linearRows(32)));
    assertEquals("trainer: the metrics [f1, g] are computed on the validation data after each"
        + " epoch, and this fit has none; pass some (fit(train, validation)), or build the"
        + " trainer without metric(...)", unwatched.getMessage());
  }

  @Test
  void aMetricThatCannotTakeTheOutputsIsRefusedBeforeTheFirstStep() {
    Sequential model = ResumeFixture.model();
    var before = model.stateDict();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder(model).metric("macro_f1", EpochMetric.macroF1()).build()
            .fit(ResumeFixture.linearRows(32), ResumeFixture.linearRows(16)));
    assertTrue(e.getMessage().startsWith("trainer: the metric \"macro_f1\" fails on the"
        + " untrained model's validation outputs [16, 1] and targets [16, 1], before the first"
        + " step: macroF1: the outputs [16, 1] are not class scores"), e.getMessage());
    assertEquals(before, model.stateDict(), "nothing trained");
  }

  /**
   * The loss ignores the rows of its ignoreIndex (the trainer's accuracy too), but a metric is
   * given every row: macroF1 over three classes met class 3 and was refused in the confusion
   * matrix's words ("give the number of classes the data has"), which a user of the built-in
   * metric cannot; the refusal now says where the class comes from.
   */
  @Test
  void aMetricRefusingTheLossesIgnoredRowsIsToldSo() {
    Sequential model = Sequential.of(Dense.of(2, 3, 1L));
    double[] labels = new double[24];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4 == 0 ? 3 : i % 3;
    }
    Dataset data = new Dataset(Tensors.randn(Shape.of(24, 2), 7L), Tensor.vector(labels));
    Loss loss = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(3));
    Trainer trainer = Trainer.builder(model, loss, Sgd.builder(0.1).build(model)).epochs(1)
        .batchSize(8).metric("f1", EpochMetric.macroF1()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(data, data));
    assertTrue(e.getMessage().endsWith("; the loss ignores the targets of class 3"
        + " (ignoreIndex), as the accuracy does, but a metric is given every validation row:"
        + " leave those rows out in the metric"), e.getMessage());
  }

  @Test
  void aMetricThatGivesNanOrInfinityStopsTheRunNamingItAndTheEpoch() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      int[] calls = {0};
      // Finite on the check before training and the first two epochs, then not.
      EpochMetric turning = (outputs, targets) -> calls[0]++ < 3 ? 0.5 : bad;
      List<History> ended = new ArrayList<>();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> builder().metric("ok", HALF).metric("turning", turning)
              .listener(new TrainingListener() {
                @Override
                public void onTrainingEnd(History history) {
                  ended.add(history);
                }
              }).build().fit(ResumeFixture.linearRows(32), ResumeFixture.linearRows(16)));
      assertEquals("trainer: the metric \"turning\" gave " + bad + " on the validation data"
          + " after epoch 3; early stopping and the best epoch cannot compare it, so the run"
          + " stops here (make the metric return a finite value where its ratio is 0/0, as"
          + " scikit-learn's zero_division does)", e.getMessage());
      assertEquals(1, ended.size(), "the listeners heard the run end");
      assertEquals(2, ended.get(0).epochs().size());
      assertEquals(Map.of("ok", 0.5, "turning", 0.5), ended.get(0).last().metrics());
      assertEquals(-1, ended.get(0).weightsEpoch(), "the third epoch's weights, unlisted");
    }
  }

  @Test
  void aMetricThatFailsMidRunIsNamedWithTheEpochItsOwnExceptionTheCause() {
    int[] calls = {0};
    IllegalArgumentException own = new IllegalArgumentException("a class with no sample");
    EpochMetric failing = (outputs, targets) -> {
      if (calls[0]++ == 2) {
        throw own;
      }
      return 0.5;
    };
    List<History> ended = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> builder().metric("recall_3", failing).listener(new TrainingListener() {
          @Override
          public void onTrainingEnd(History history) {
            ended.add(history);
          }
        }).build().fit(ResumeFixture.linearRows(32), ResumeFixture.linearRows(16)));
    assertEquals("trainer: the metric \"recall_3\" failed on the validation data after epoch 2:"
        + " java.lang.IllegalArgumentException: a class with no sample", e.getMessage());
    assertSame(own, e.getCause());
    assertEquals(1, ended.get(0).epochs().size(), "the listeners heard the run end");
  }

  @Test
  void anEpochResultNamesTheMetricsItHasWhenAskedForAnother() {
    EpochResult result = new EpochResult(2, 1, 0.5, 1, 0.5, 0.1, 1, 8, Map.of("f1", 0.75));
    assertEquals(0.75, result.metric("f1"), 0.0);
    assertEquals("epoch result: epoch 3 has no metric \"f2\"; it has f1", assertThrows(
        IllegalArgumentException.class, () -> result.metric("f2")).getMessage());
    EpochResult none = new EpochResult(2, 1, 0.5, 1, 0.5, 0.1, 1, 8);
    assertEquals(Map.of(), none.metrics());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> none.metric("f1"))
        .getMessage().contains("it has none"));
  }
}
