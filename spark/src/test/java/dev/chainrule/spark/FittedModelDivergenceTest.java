package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.DivergenceException;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.Trainer;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark run given a fitted model measures divergence against its first step's loss floored at
 * the loss at chance, as {@code Trainer} does: the first step's loss of a fitted model is tiny,
 * and Adam's ordinary noise on it looked like an explosion.
 */
class FittedModelDivergenceTest {
  private static final Dataset DATA = TestData.blobs(150, 11);

  /** The blobs network fitted on one machine to a loss of about 3·10⁻⁴. */
  private static Sequential fitted() {
    Sequential model = TestData.blobsModel(3);
    Trainer.builder(model, Loss.softmaxCrossEntropy(),
        Adam.builder().learningRate(0.05).build(model)).epochs(300).batchSize(16).build()
        .fit(DATA);
    return model;
  }

  private static SparkTrainer.Builder adam(Sequential model, double rate, long seed) {
    return SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.ADAM, rate)).batchSize(16).seed(seed);
  }

  /** The first step's loss and every epoch's mean, as the run's listeners hear them. */
  private static final class Losses implements TrainingListener {
    double first = Double.NaN;
    final List<Double> epochs = new ArrayList<>();

    @Override
    public void onBatchEnd(BatchResult batch) {
      first = Double.isNaN(first) ? batch.loss() : first;
    }

    @Override
    public void onEpochEnd(EpochResult epoch) {
      epochs.add(epoch.trainLoss());
    }
  }

  /**
   * Adam at 0.1 from the fitted model: every seed was stopped in its first epoch, "the epoch's
   * mean loss per sample (0.0583 to 0.114) is more than 10 times the first step's (6.7·10⁻⁵ to
   * 6.9·10⁻⁴)", and averaging's first round alike (0.0272 against 1.7·10⁻⁴). Those means are a
   * twentieth of chance's ln 3, which now floors the reference, and every epoch runs.
   */
  @Test
  void aFittedModelsNoiseIsNoDivergence() {
    for (long seed = 0; seed < 4; seed++) {
      Sequential model = fitted();
      Losses losses = new Losses();
      SparkTrainer.Result result = adam(model, 0.1, seed).epochs(5).listener(losses).build()
          .fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null);
      assertEquals(5, result.history().epochs().size(), "seed " + seed);
      // The case, still there: an epoch more than 10 times the first step's loss.
      double worst = losses.epochs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertTrue(worst > 10 * losses.first, "seed " + seed + ": " + losses.first + " " + worst);
    }
    Sequential model = fitted();
    SparkTrainer.Result averaged = adam(model, 0.1, 5).averaging(4).epochs(5).build()
        .fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null);
    assertEquals(5, averaged.history().epochs().size(), "averaging");
  }

  /**
   * A resumed run keeps the chance loss with the reference, so it goes on as the uninterrupted
   * run does: measured afresh, the first step after resuming could not be the fresh run's.
   */
  @Test
  void aResumedRunKeepsTheFloor(@TempDir Path dir) {
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential whole = fitted();
    SparkTrainer.Result uninterrupted = adam(whole, 0.1, 1).epochs(4).build()
        .fit(whole, Shards.parallelize(LocalSpark.context(), DATA, 2), null);
    assertEquals(4, uninterrupted.history().epochs().size());

    Sequential first = fitted();
    adam(first, 0.1, 1).epochs(2).checkpointEverySteps(10, checkpoint).build()
        .fit(first, Shards.parallelize(LocalSpark.context(), DATA, 2), null);
    // Constant logits score ln 3 on every row whatever its class: exact but for the rounding of
    // a logarithm and a mean of 16 equal terms, a few ulps.
    assertEquals(Math.log(3), Double.parseDouble(ModelCheckpoint.loadDescribed(checkpoint)
        .report().metadata().get(Progress.PREFIX + "chance_loss")), 1e-12);

    Sequential resumed = TestData.blobsModel(99);
    SparkTrainer.Result rest = adam(resumed, 0.1, 1).epochs(4).resumeFrom(checkpoint).build()
        .fit(resumed, Shards.parallelize(LocalSpark.context(), DATA, 2), null);
    assertEquals(2, rest.history().epochs().size());
    // The same steps on the same rows from the same state: bit for bit, as ResumeTest has it.
    for (int i = 0; i < 2; i++) {
      assertEquals(uninterrupted.history().epochs().get(2 + i).trainLoss(),
          rest.history().epochs().get(i).trainLoss(), "epoch " + (2 + i));
    }

    // A file written before the chance loss was recorded: its run measured against the
    // reference alone, and so does the resumed run, which the same noise now stops.
    Path older = EditedCheckpoint.copy(checkpoint, dir.resolve("older.safetensors"),
        metadata -> metadata.remove(Progress.PREFIX + "chance_loss"));
    Sequential again = TestData.blobsModel(99);
    DivergenceException e = assertThrows(DivergenceException.class, () -> adam(again, 0.1, 1)
        .epochs(4).resumeFrom(older).build()
        .fit(again, Shards.parallelize(LocalSpark.context(), DATA, 2), null));
    assertTrue(e.getMessage().contains("more than 10 times the first step's"), e.getMessage());
  }

  /**
   * Real explosions of an untrained model stop where they did. Model seed 8's first step scores
   * 0.980, below ln 3, so the floor sets the bar: before it, SGD at 10⁹ stopped at epoch 1,
   * batch 2, Adam at 30 after batch 10, and averaging after round 2 (its first batches 1.06);
   * they still do, the messages now naming chance.
   */
  @Test
  void explosionsFromScratchStopWhereTheyDid() {
    String chance = "the loss of a constant output at chance (1.10), which is above the first"
        + " step's";
    DivergenceException e = explode(OptimizerChoice.SGD, 1e9, 0);
    assertEquals(List.of(0, 1), List.of(e.epoch(), e.batch()), e::getMessage);
    assertTrue(e.getMessage().matches("training diverged at epoch 1, batch 2 of 10: the loss"
        + " per sample \\(\\S+\\) is more than 1e\\+06 times " + Pattern.quote(chance)
        + " \\(0\\.980\\)"),
        e.getMessage());
    e = explode(OptimizerChoice.ADAM, 30, 0);
    assertEquals(List.of(0, 9), List.of(e.epoch(), e.batch()), e::getMessage);
    assertTrue(e.getMessage().contains("more than 10 times " + chance + " (0.980)"),
        e.getMessage());
    e = explode(OptimizerChoice.ADAM, 30, 4);
    assertEquals(List.of(0, 1), List.of(e.epoch(), e.batch()), e::getMessage);
    assertTrue(e.getMessage().contains("more than 10 times " + chance + " (1.06)"),
        e.getMessage());
  }

  /**
   * SGD at 10⁹ from the fitted model: its second batch (3.4·10⁵) was 10⁶ times the first step's
   * 1.9·10⁻⁴ but is not 10⁶ times chance's ln 3; the epoch, whose mean such batches lift far
   * past 10 times chance, still stops the run in its first epoch.
   */
  @Test
  void aFittedModelThatExplodesStillStopsInItsFirstEpoch() {
    Sequential model = fitted();
    DivergenceException e = assertThrows(DivergenceException.class, () -> SparkTrainer.builder(
            TestData.describeBlobs(model), OptimizerFactory.of(OptimizerChoice.SGD, 1e9))
        .epochs(5).batchSize(16).seed(5).build()
        .fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null));
    assertEquals(0, e.epoch(), e::getMessage);
    assertTrue(e.getMessage().contains("times the loss of a constant output at chance (1.10)"),
        e.getMessage());
  }

  private static DivergenceException explode(OptimizerChoice choice, double rate, int local) {
    Sequential model = TestData.blobsModel(8);
    SparkTrainer.Builder builder = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(choice, rate)).epochs(5).batchSize(16).seed(5);
    SparkTrainer trainer = local > 0 ? builder.averaging(local).build() : builder.build();
    return assertThrows(DivergenceException.class, () -> trainer.fit(model,
        Shards.parallelize(LocalSpark.context(), DATA, 2), null));
  }
}
