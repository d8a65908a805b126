package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver's checkpoints: written every N steps, readable as a described model, and a run
 * resumed from one ends where the uninterrupted run ends.
 */
class ResumeTest {
  @TempDir
  Path dir;

  private static JavaRDD<Shard> shards;

  @BeforeAll
  static void shards() {
    Dataset data = TestData.blobs(150, 11);
    shards = Shards.parallelize(LocalSpark.context(), data, 2);
  }

  /** A sync run of {@code description}'s model with {@code choice} at 0.01, batches of 16. */
  private static SparkTrainer.Builder run(ModelDescription description, OptimizerChoice choice) {
    return SparkTrainer.builder(description, OptimizerFactory.of(choice, 0.01)).epochs(3)
        .batchSize(16).seed(5);
  }

  private static SparkTrainer.Builder builder(Sequential model, String mode) {
    SparkTrainer.Builder builder = run(TestData.describeBlobs(model), OptimizerChoice.ADAM);
    return mode.equals("sync") ? builder : builder.averaging(2);
  }

  /**
   * A checkpoint from before descriptions recorded the split's rows and checkpoints the
   * optimizer's settings (the launcher kept them under a key of its own) still resumes, and
   * another optimizer setting is still refused by that key.
   */
  @Test
  void aCheckpointFromBeforeRowsAndSettingsWereRecordedResumes() {
    Path checkpoint = dir.resolve("older.safetensors");
    Sequential first = TestData.blobsModel(3);
    ModelDescription older = TestData.describeBlobs(first)
        .withSplit(new ModelDescription.DataSplit(5, 0.2));
    run(older, OptimizerChoice.MOMENTUM).epochs(1).checkpointEverySteps(10, checkpoint).build()
        .fit(first, shards, null);
    Checkpoint file = SafeTensors.read(checkpoint);
    Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
    String settings = metadata.remove(ModelCheckpoint.OPTIMIZER_SETTINGS_KEY);
    metadata.put(Progress.PREFIX + "optimizer", "Sgd(" + settings + ")");
    SafeTensors.write(checkpoint, file.tensors(), metadata);

    ModelDescription now = older.withSplit(new ModelDescription.DataSplit(5, 0.2, 450));
    Sequential resumed = TestData.blobsModel(3);
    run(now, OptimizerChoice.MOMENTUM).epochs(2).resumeFrom(checkpoint).build()
        .fit(resumed, shards, null);
    Sequential nesterov = TestData.blobsModel(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(now, OptimizerChoice.NESTEROV).epochs(2).resumeFrom(checkpoint).build()
            .fit(nesterov, shards, null));
    assertEquals("resume: older.safetensors was written by a run with the optimizer"
        + " Sgd(momentum=0.9, weightDecay=0.0), this run has Sgd(momentum=0.9, nesterov,"
        + " weightDecay=0.0) (set by the launcher's --optimizer)", e.getMessage());
  }

  /**
   * A checkpoint from before descriptions recorded the fingerprint of the split's rows (version
   * 3: their count only) resumes a run whose description has it; another count is still refused.
   */
  @Test
  void aCheckpointFromBeforeFingerprintsWereRecordedResumes() {
    Path checkpoint = dir.resolve("v3.safetensors");
    Sequential first = TestData.blobsModel(3);
    ModelDescription older = TestData.describeBlobs(first)
        .withSplit(new ModelDescription.DataSplit(5, 0.2, 450));
    run(older, OptimizerChoice.ADAM).epochs(1).checkpointEverySteps(10, checkpoint).build()
        .fit(first, shards, null);
    assertTrue(SafeTensors.list(checkpoint).metadata().get(ModelCheckpoint.DESCRIPTION_KEY)
        .contains("\"version\":3"));

    ModelDescription now = older.withSplit(new ModelDescription.DataSplit(5, 0.2, 450,
        "ab".repeat(32)));
    Sequential resumed = TestData.blobsModel(3);
    run(now, OptimizerChoice.ADAM).epochs(2).resumeFrom(checkpoint).build()
        .fit(resumed, shards, null);
    ModelDescription more = older.withSplit(new ModelDescription.DataSplit(5, 0.2, 451,
        "ab".repeat(32)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(more, OptimizerChoice.ADAM).epochs(2).resumeFrom(checkpoint).build()
            .fit(TestData.blobsModel(3), shards, null));
    assertTrue(e.getMessage().contains("was trained on other data"), e.getMessage());
    // As many rows, other ones: named as the data, not as another --seed.
    ModelDescription others = older.withSplit(new ModelDescription.DataSplit(5, 0.2, 450,
        "cd".repeat(32)));
    Path current = dir.resolve("v4.safetensors");
    run(now, OptimizerChoice.ADAM).epochs(1).checkpointEverySteps(10, current).build()
        .fit(TestData.blobsModel(3), shards, null);
    e = assertThrows(IllegalArgumentException.class,
        () -> run(others, OptimizerChoice.ADAM).epochs(2).resumeFrom(current).build()
            .fit(TestData.blobsModel(3), shards, null));
    assertTrue(e.getMessage().endsWith("was trained on other data: its rows 450 rows, SHA-256"
        + " abababababab…, this run's 450 rows, SHA-256 cdcdcdcdcdcd… (from the rows of --csv"
        + " and their order)"), e.getMessage());
  }

  /** Stops the run, as a crash would, after step {@code step} of epoch 1. */
  private static TrainingListener crashAfter(int step) {
    return new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        if (batch.epoch() == 1 && batch.batch() == step) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  /**
   * Sync: 10 steps per epoch, checkpoints after steps 4, 8, 12; the crash after the 14th step
   * leaves the one of step 12, in the middle of epoch 1. Averaging with K = 2: each 75-row shard
   * has 5 local batches of 16, so an epoch is 3 rounds; checkpoints every 2 rounds, and the crash
   * after the 5th round leaves the one of the 4th, after epoch 1's first round. Resumed,
   * both end bit for bit where the uninterrupted run ends: the weights and optimizer state are
   * stored exactly, the batches are a function of seed and position, and two shards' sums do not
   * depend on their order.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sync", "average"})
  void aResumedRunEndsWhereTheUninterruptedOneEnds(String mode) throws Exception {
    int every = mode.equals("sync") ? 4 : 2;
    int crashStep = mode.equals("sync") ? 3 : 1;
    Sequential whole = TestData.blobsModel(3);
    SparkTrainer.Result uninterrupted = builder(whole, mode).build().fit(whole, shards, null);

    Path checkpoint = dir.resolve("run.safetensors");
    Sequential crashed = TestData.blobsModel(3);
    assertThrows(IllegalStateException.class, () -> builder(crashed, mode)
        .checkpointEverySteps(every, checkpoint).listener(crashAfter(crashStep)).build()
        .fit(crashed, shards, null));
    assertTrue(Files.exists(checkpoint));
    // The checkpoint is a self-describing model, as train --save writes one.
    assertEquals(TestData.describeBlobs(crashed),
        ModelCheckpoint.loadDescribed(checkpoint).description());

    // Other initial weights: what the resumed run ends with comes from the file.
    Sequential resumed = TestData.blobsModel(99);
    SparkTrainer.Result result = builder(resumed, mode).resumeFrom(checkpoint).build()
        .fit(resumed, shards, null);

    for (int i = 0; i < whole.parameters().size(); i++) {
      assertEquals(whole.parameters().get(i).value(), resumed.parameters().get(i).value());
    }
    assertEquals(uninterrupted.optimizer().state(), result.optimizer().state());
    // The resumed run reports epochs 1 and 2; epoch 1's loss covers the steps before the crash.
    assertEquals(2, result.history().epochs().size());
    assertEquals(uninterrupted.history().epochs().get(1).trainLoss(),
        result.history().epochs().get(0).trainLoss());
  }

  @Test
  void aCheckpointOfAnotherRunIsRefusedAndNothingChanges() {
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential first = TestData.blobsModel(3);
    builder(first, "sync").epochs(1).checkpointEverySteps(10, checkpoint).build()
        .fit(first, shards, null);

    Sequential other = TestData.blobsModel(7);
    Sequential untouched = TestData.blobsModel(7);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder(other, "sync").batchSize(32).resumeFrom(checkpoint).build()
            .fit(other, shards, null));
    assertEquals("resume: run.safetensors was written by a run with batch size 16, this run has"
        + " 32; resuming would train on other batches than either run (set by the launcher's"
        + " --batch-size)", e.getMessage());
    assertEquals(0, TestData.largestRelativeDifference(other, untouched));
  }

  /**
   * Momentum and Nesterov momentum share a class and a state, and a resume took one for the
   * other (another trajectory, exit 0); another model was named by a stretch of JSON.
   */
  @Test
  void anotherOptimizerSettingOrModelIsNamedByWhatSetsIt() {
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential first = TestData.blobsModel(3);
    run(TestData.describeBlobs(first), OptimizerChoice.MOMENTUM).epochs(1)
        .checkpointEverySteps(10, checkpoint).build().fit(first, shards, null);

    Sequential nesterov = TestData.blobsModel(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(TestData.describeBlobs(nesterov), OptimizerChoice.NESTEROV)
            .resumeFrom(checkpoint).build().fit(nesterov, shards, null));
    assertEquals("resume: run.safetensors was written by a run with the optimizer"
        + " Sgd(momentum=0.9, weightDecay=0.0), this run has Sgd(momentum=0.9, nesterov,"
        + " weightDecay=0.0) (set by the launcher's --optimizer)", e.getMessage());

    Sequential wider = Mlp.of(4, List.of(16), 3, Activation.tanh(), 3L);
    e = assertThrows(IllegalArgumentException.class,
        () -> run(TestData.describeBlobs(wider), OptimizerChoice.MOMENTUM)
            .resumeFrom(checkpoint).build().fit(wider, shards, null));
    assertEquals("resume: run.safetensors holds another model or was trained on other data: its"
        + " layers [dense 4→8, tanh, dense 8→3], this run's [dense 4→16, tanh, dense 16→3] (set"
        + " by --hidden and --activation)", e.getMessage());
  }

  /**
   * A resumed run keeps the divergence checks' reference, the first step's loss of the whole run:
   * the first step after resuming (a trained model's loss, near 0) made a healthy epoch look like
   * an explosion. And a resume that would change the learning rate, or run nothing, is refused.
   */
  @Test
  void aResumedRunKeepsItsReferenceAndRefusesWhatWouldMisleadIt() {
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential first = TestData.blobsModel(3);
    double[] firstLoss = {Double.NaN};
    builder(first, "sync").epochs(1).checkpointEverySteps(10, checkpoint)
        .listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            firstLoss[0] = Double.isNaN(firstLoss[0]) ? batch.loss() : firstLoss[0];
          }
        }).build().fit(first, shards, null);
    assertEquals(Double.toString(firstLoss[0]), ModelCheckpoint.loadDescribed(checkpoint)
        .report().metadata().get(Progress.PREFIX + "reference_loss"));

    Sequential done = TestData.blobsModel(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder(done, "sync").epochs(1).resumeFrom(checkpoint).build()
            .fit(done, shards, null));
    assertEquals("resume: the checkpoint has done 1 epoch; training for 1 leaves nothing to run",
        e.getMessage());

    Sequential faster = TestData.blobsModel(3);
    e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder(
            TestData.describeBlobs(faster), OptimizerFactory.of(OptimizerChoice.ADAM, 0.02))
        .epochs(3).batchSize(16).seed(5).resumeFrom(checkpoint).build()
        .fit(faster, shards, null));
    assertEquals("resume: run.safetensors was trained at learning rate 0.01, this run asks for"
        + " 0.02; resume at the file's rate", e.getMessage());
  }
}
