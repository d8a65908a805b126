package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Trainer.Builder#restoreBestWeights}: a run whose validation loss falls and then rises
 * ends with its best epoch's parameters and buffers, bit for bit, or without the option with its
 * last ones; {@link History#weightsEpoch()} says which.
 *
 * <p>The run: a batch-normalised line y = w·(γ·x̂ + β) + b starting at slope 0, trained towards
 * y = 2x and scored against y = x. Its slope passes 1 on the way to 2, so the validation loss
 * falls, bottoms out and rises again; the batch normalization contributes buffers (running
 * statistics and a counter) that change every step.
 */
class RestoreBestWeightsTest {
  private static final int EPOCHS = 30;

  private static Dataset line(double slope, long seed) {
    Tensor x = Tensors.randn(Shape.of(64, 1), seed);
    return new Dataset(x, x.mul(slope));
  }

  private static Sequential model() {
    return Sequential.of(BatchNorm1d.of(1),
        Dense.of(Tensors.zeros(1, 1), Tensors.zeros(1)));
  }

  /**
   * Copies of the model's parameters and buffers at the end of every epoch, by name, and as
   * listeners find them at the end of the run.
   */
  private static final class EpochStates implements TrainingListener {
    private final Sequential model;
    private final List<Map<String, Tensor>> states = new ArrayList<>();
    private Map<String, Tensor> atEnd;

    EpochStates(Sequential model) {
      this.model = model;
    }

    @Override
    public void onEpochEnd(EpochResult epoch) {
      states.add(copy(model.stateDict()));
    }

    @Override
    public void onTrainingEnd(History history) {
      atEnd = copy(model.stateDict());
    }
  }

  private static Map<String, Tensor> copy(Map<String, Tensor> state) {
    Map<String, Tensor> copied = new LinkedHashMap<>();
    state.forEach((name, t) -> copied.put(name, t.copy()));
    return copied;
  }

  private record Run(Sequential model, History history, List<Map<String, Tensor>> states,
      Map<String, Tensor> atEnd) {}

  private static Run run(UnaryOperator<Trainer.Builder> options, DType dtype) {
    Sequential model = model();
    model.to(dtype);
    EpochStates states = new EpochStates(model);
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
            Sgd.builder(0.01).build(model))
        .epochs(EPOCHS).batchSize(16).seed(3).listener(states);
    History history = options.apply(builder).build().fit(line(2, 1), line(1, 2));
    return new Run(model, history, states.states, states.atEnd);
  }

  @Test
  void theRunEndsWithItsBestEpochsParametersAndBuffersBitForBit() {
    Run run = run(b -> b.restoreBestWeights(true), DType.FLOAT64);
    History history = run.history();
    int best = history.bestEpoch();
    int last = history.epochs().size() - 1;
    assertEquals(EPOCHS - 1, last, "no early stopping: every epoch ran");
    assertTrue(best > 0 && best < last - 5, () -> "best epoch " + best + " of " + last);
    assertTrue(history.last().validationLoss() > 2 * history.epochs().get(best).validationLoss(),
        () -> "the validation loss rose after its best epoch: " + history.epochs());
    assertEquals(best, history.weightsEpoch());
    // Tensor equality compares every element exactly (and the type): bit for bit.
    assertEquals(run.states().get(best), run.model().stateDict());
    assertNotEquals(run.states().get(last), run.model().stateDict());
    assertEquals(run.states().get(best), run.atEnd(), "listeners hear the end after the restore");
    assertNotEquals(run.states().get(best).get("0.running_mean"),
        run.states().get(last).get("0.running_mean"), "the buffers changed after the best");
    assertEquals(history.epochs().get(best).validationLoss(),
        Evaluation.score(run.model(), Loss.meanSquaredError(), line(1, 2)).loss(), 0.0,
        "the model scores exactly what its best epoch scored");
  }

  @Test
  void withoutTheOptionTheRunEndsWithItsLastWeightsAfterTheSameTraining() {
    Run kept = run(b -> b, DType.FLOAT64);
    Run restored = run(b -> b.restoreBestWeights(true), DType.FLOAT64);
    int last = kept.history().epochs().size() - 1;
    assertEquals(last, kept.history().weightsEpoch());
    assertEquals(kept.states().get(last), kept.model().stateDict());
    assertEquals(restored.history().bestEpoch(), kept.history().bestEpoch());
    assertNotEquals(kept.history().bestEpoch(), last);
    assertEquals(kept.states(), restored.states(), "restoring changes no epoch of the training");
    assertEquals(kept.history().trainLosses(), restored.history().trainLosses());
  }

  @Test
  void earlyStoppingEndsWithTheBestEpochsWeights() {
    Run run = run(b -> b.restoreBestWeights(true)
        .earlyStopping(Monitor.VALIDATION_LOSS, 3, 0), DType.FLOAT64);
    History history = run.history();
    assertTrue(history.stoppedEarly());
    assertEquals(history.bestEpoch() + 4, history.epochs().size(),
        "three epochs without improvement after the best");
    assertEquals(history.bestEpoch(), history.weightsEpoch());
    assertEquals(run.states().get(history.bestEpoch()), run.model().stateDict());
  }

  /**
   * Adam's moments and step counts go back with the weights they belong to: a checkpoint of the
   * best weights with the last epoch's moments would step from the wrong place when resumed.
   */
  @Test
  void theOptimizersStateGoesBackWithTheWeights() {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    List<Map<String, Tensor>> states = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult epoch) {
        states.add(copy(adam.state()));
      }
    };
    History history = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(EPOCHS)
        .batchSize(16).seed(3).listener(recorder).restoreBestWeights(true).build()
        .fit(line(2, 1), line(1, 2));
    int best = history.weightsEpoch();
    assertTrue(best >= 0 && best < EPOCHS - 1, () -> "best epoch " + best);
    assertEquals(states.get(best), adam.state(), "the best epoch's moments, bit for bit");
    assertNotEquals(states.get(EPOCHS - 1), adam.state());
  }

  @Test
  void float32WeightsComeBackAsFloat32() {
    Run run = run(b -> b.restoreBestWeights(true), DType.FLOAT32);
    int best = run.history().bestEpoch();
    assertTrue(best < run.history().epochs().size() - 1, () -> "best epoch " + best);
    Map<String, Tensor> state = run.model().stateDict();
    assertEquals(run.states().get(best), state);
    state.forEach((name, t) -> assertEquals(
        name.endsWith("num_batches_tracked") ? DType.FLOAT64 : DType.FLOAT32, t.dtype(), name));
  }

  @Test
  void aBestLastEpochIsKeptWithoutACopy() {
    // Trained and scored on y = 2x, the validation loss falls every epoch: the best is the last.
    Sequential model = model();
    History history = Trainer.builder(model, Loss.meanSquaredError(),
            Sgd.builder(0.01).build(model))
        .epochs(5).batchSize(16).seed(3).restoreBestWeights(true).build()
        .fit(line(2, 1), line(2, 2));
    assertEquals(4, history.bestEpoch());
    assertEquals(4, history.weightsEpoch());
  }

  @Test
  void restoringNeedsValidationData() {
    Sequential model = model();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01).build(model))
            .restoreBestWeights(true).build().fit(line(2, 1)));
    assertEquals("trainer: restoring the best epoch's weights by VALIDATION_LOSS needs validation"
        + " data to tell the best; pass some, or restore by the training loss with"
        + " earlyStopping(Monitor.TRAINING_LOSS, 10, 0), a patience of the run's epochs, which"
        + " never stops it early", e.getMessage());
  }

  @Test
  void aHistoryBuiltWithoutTheWeightsEpochHoldsTheLastEpochs() {
    EpochResult third = new EpochResult(2, 1, Double.NaN, 1, Double.NaN, 0.1, 0, 4);
    assertEquals(2, new History(List.of(third), false, 2).weightsEpoch());
    assertEquals(-1, new History(List.of(), false, -1).weightsEpoch());
    assertEquals("History: the weights' epoch must be an epoch (from 0) or -1, got -2",
        assertThrows(IllegalArgumentException.class,
            () -> new History(List.of(), false, -1, -2)).getMessage());
  }
}
