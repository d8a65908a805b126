package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Monitor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a run with {@code --patience} reports: epochs counted from 1 and by their numbers, not
 * their places in the list (a resumed run's list starts where it resumed), and the JSON fields
 * present only when the options make them mean something. Its other tests are in the examples,
 * which the mutation run does not reach.
 */
class BestWeightsTest {
  /** A resumed run of epochs 4 to 7 (from 0) whose best was epoch 5. */
  private static final List<EpochResult> RESUMED = List.of(epoch(4, 0.9, 0.50),
      epoch(5, 0.7, 0.25), epoch(6, 0.6, 0.30), epoch(7, 0.5, 0.40));

  private static EpochResult epoch(int number, double trainLoss, double validationLoss) {
    return new EpochResult(number, trainLoss, 0, validationLoss, 0, 0.1, 1, 10);
  }

  @Test
  void aStoppedResumedRunIsDescribedByEpochNumbersFromOne() {
    History stopped = new History(RESUMED, true, 5, 5);
    assertEquals("stopped after epoch 8: no better validation loss for 2 epochs; the model keeps"
        + " the weights of epoch 6, whose validation loss 0.2500 was the lowest",
        BestWeights.describe(stopped));
    assertEquals(0.7, BestWeights.trainLoss(stopped), 0.0, "the kept epoch's, not the last's");
  }

  /**
   * A run that watched a figure better higher names it and its highest value, as the program's
   * {@code --monitor macro-f1} does; the line said "no better validation loss" whatever it
   * watched.
   */
  @Test
  void aRunWatchingAMetricIsDescribedByThatMetric() {
    List<EpochResult> epochs = List.of(scored(4, 0.50), scored(5, 0.80), scored(6, 0.70));
    Monitor f1 = Monitor.metric("macro-f1", Monitor.Mode.MAX);
    assertEquals("stopped after epoch 7: no better validation macro-f1 for 1 epoch; the model"
        + " keeps the weights of epoch 6, whose validation macro-f1 0.8000 was the highest",
        BestWeights.describe(new History(epochs, true, 5, 5), f1));
    assertEquals("trained every epoch; the model keeps the weights of epoch 7 (validation"
        + " accuracy 0.7000), not those of epoch 6, whose 0.8000 was the highest",
        BestWeights.describe(new History(epochs, false, 5), Monitor.VALIDATION_ACCURACY));
    assertEquals("trained no epoch; the model keeps the weights of epoch 6, whose validation"
        + " macro-f1 0.8000 was the highest", BestWeights.describe(
            new History(List.of(), false, 5, 5, scored(5, 0.80)), f1));
  }

  /** An epoch whose validation accuracy and macro F1 are both {@code score}. */
  private static EpochResult scored(int number, double score) {
    return new EpochResult(number, 0.5, 0, 0.5, score, 0.1, 1, 10, Map.of("macro-f1", score));
  }

  @Test
  void aRunThatTrainedEveryEpochKeepsTheLastWeightsWhenNoneWerePutBack() {
    History full = new History(RESUMED, false, 5);  // weights of the last epoch, 7
    // Epoch 6's 0.25 was the lowest: the line said epoch 8's 0.40 was.
    assertEquals("trained every epoch; the model keeps the weights of epoch 8 (validation loss"
        + " 0.4000), not those of epoch 6, whose 0.2500 was the lowest",
        BestWeights.describe(full));
    assertEquals(0.5, BestWeights.trainLoss(full), 0.0);
  }

  @Test
  void aStoppedRunThatKeptTheLastWeightsCountsFromItsBestEpoch() {
    History stopped = new History(RESUMED, true, 5);  // stopped at 7, weights not put back
    assertEquals("stopped after epoch 8: no better validation loss for 2 epochs; the model keeps"
        + " the weights of epoch 8 (validation loss 0.4000), not those of epoch 6, whose 0.2500"
        + " was the lowest", BestWeights.describe(stopped));
  }

  @Test
  void theJsonFieldsFollowTheOptions() {
    Dataset rows = new Dataset(Tensors.randn(Shape.of(3, 2), 1L), Tensors.randn(Shape.of(3, 1),
        2L));
    HeldOutRows heldOut = new HeldOutRows(rows, rows, "validation");
    History stopped = new History(RESUMED, true, 5, 5);

    Map<String, Object> none = new LinkedHashMap<>();
    BestWeights.addTo(none, Validation.NONE, heldOut, stopped);
    assertEquals(Map.of(), none, "no rows held out, no epoch chosen");

    Map<String, Object> heldOnly = new LinkedHashMap<>();
    BestWeights.addTo(heldOnly, new Validation(0.25, 0), heldOut, stopped);
    assertEquals(Map.of("validation_samples", 3), heldOnly);

    Map<String, Object> patient = new LinkedHashMap<>();
    BestWeights.addTo(patient, new Validation(0.25, 1), heldOut, stopped);
    assertEquals(Map.of("validation_samples", 3, "stopped_early", true, "weights_epoch", 6),
        patient);

    Map<String, Object> noEpoch = new LinkedHashMap<>();
    BestWeights.addTo(noEpoch, new Validation(0.25, 1), heldOut, null);
    assertEquals(Map.of("validation_samples", 3), noEpoch, "a run that trained no epoch");
  }

  /**
   * A run that trained no epoch (resumed at its own stop, or given no epochs) says which weights
   * it kept: those it started with, the checkpoint's, or its record's best epoch's, by number.
   */
  @Test
  void aRunThatTrainedNoEpochSaysWhichWeightsItKept() {
    History untrained = new History(List.of(), false, -1);
    assertEquals("trained no epoch; the model keeps the weights it started with",
        BestWeights.describe(untrained));
    assertEquals(Double.NaN, BestWeights.trainLoss(untrained), "no figure is made up");
    assertEquals("trained no epoch: the early-stopping record it resumed from was already out of"
        + " patience; the model keeps the checkpoint's weights, of epoch 6",
        BestWeights.describe(new History(List.of(), true, 5, 5)));
    // Epoch 0 is an epoch: its checkpoint's weights are epoch 1's, not the initial ones.
    assertEquals("trained no epoch: the early-stopping record it resumed from was already out of"
        + " patience; the model keeps the checkpoint's weights, of epoch 1",
        BestWeights.describe(new History(List.of(), true, 0, 0)));
    History recorded = new History(List.of(), true, 5, 5, RESUMED.get(1));
    assertEquals("trained no epoch: the early-stopping record it resumed from was already out of"
        + " patience; the model keeps the weights of epoch 6, whose validation loss 0.2500 was"
        + " the lowest", BestWeights.describe(recorded));
    assertEquals(0.7, BestWeights.trainLoss(recorded), 0.0, "the record's own figure");
  }

  /** The first epoch's weights are epoch 1's; a model that holds no epoch's has no such field. */
  @Test
  void theWeightsEpochFieldCountsFromOneAndIsLeftOutForNone() {
    Dataset rows = new Dataset(Tensors.randn(Shape.of(3, 2), 1L), Tensors.randn(Shape.of(3, 1),
        2L));
    HeldOutRows heldOut = new HeldOutRows(rows, rows, "validation");
    Validation patient = new Validation(0.25, 1);

    Map<String, Object> first = new LinkedHashMap<>();
    BestWeights.addTo(first, patient, heldOut, new History(List.of(epoch(0, 0.9, 0.5)), false,
        0));
    assertEquals(Map.of("validation_samples", 3, "stopped_early", false, "weights_epoch", 1),
        first);

    Map<String, Object> none = new LinkedHashMap<>();
    BestWeights.addTo(none, patient, heldOut, new History(List.of(), false, -1));
    assertEquals(Map.of("validation_samples", 3, "stopped_early", false), none);
  }

  /**
   * A run stopped inside an epoch (diverged, interrupted) holds no listed epoch's weights: it
   * named the last epoch's, with that epoch's loss and a {@code weights_epoch} of 8.
   */
  @Test
  void aRunStoppedInsideAnEpochNamesNoEpochsWeights() {
    History diverged = new History(RESUMED, false, 5, -1);
    assertEquals("stopped inside epoch 9; the model keeps the weights it had there, those of no"
        + " finished epoch", BestWeights.describe(diverged));
    assertEquals(Double.NaN, BestWeights.trainLoss(diverged), "no finished epoch's figure");
    Dataset rows = new Dataset(Tensors.randn(Shape.of(3, 2), 1L), Tensors.randn(Shape.of(3, 1),
        2L));
    Map<String, Object> report = new LinkedHashMap<>();
    BestWeights.addTo(report, new Validation(0.25, 1), new HeldOutRows(rows, rows, "validation"),
        diverged);
    assertEquals(Map.of("validation_samples", 3, "stopped_early", false), report);
  }

  @Test
  void validationHoldsOutAndStopsEarlyFromTheSmallestSettings() {
    assertFalse(Validation.NONE.holdsOut());
    assertFalse(Validation.NONE.stopsEarly());
    assertTrue(new Validation(Double.MIN_VALUE, 0).holdsOut());
    assertFalse(new Validation(Double.MIN_VALUE, 0).stopsEarly());
    assertTrue(new Validation(0.1, 1).stopsEarly());
  }
}
