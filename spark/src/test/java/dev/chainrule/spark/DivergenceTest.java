package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.DivergenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A diverging Spark run stops as a single machine's does, and says where. */
class DivergenceTest {
  private static final Dataset DATA = TestData.blobs(150, 11);

  private static DivergenceException diverging(Dataset data, OptimizerChoice choice,
      double rate) {
    Sequential model = TestData.blobsModel(3);
    return assertThrows(DivergenceException.class, () -> SparkTrainer.builder(
            TestData.describeBlobs(model), OptimizerFactory.of(choice, rate))
        .epochs(5).batchSize(16).seed(5).build()
        .fit(model, Shards.parallelize(LocalSpark.context(), data, 2), null));
  }

  @Test
  void aLossThatExplodesStopsAtItsStep() {
    // Cross-entropy has no clamp: logits pushed by steps of 1e9 make it explode within steps,
    // while every value stays finite (it used to run all five epochs).
    DivergenceException e = diverging(DATA, OptimizerChoice.SGD, 1e9);
    assertEquals(0, e.epoch(), e::getMessage);
    assertTrue(e.getMessage().matches("training diverged at epoch 1, batch \\d+ of 10: the loss"
        + " per sample \\(\\S+\\) is more than 1e\\+06 times the first step's \\(\\S+\\)"),
        e.getMessage());
  }

  @Test
  void anEpochFarAboveTheFirstStepStops() {
    // Adam's steps have the size of the learning rate whatever the gradient: at 30 the outputs
    // swing far enough that no batch explodes, yet whole epochs stay far above the first loss.
    DivergenceException e = diverging(DATA, OptimizerChoice.ADAM, 30);
    assertTrue(e.getMessage().contains("the epoch's mean loss per sample"), e.getMessage());
    assertEquals(e.epoch(), e.history().epochs().size(), "the epochs before it completed");
  }

  /**
   * The same Adam at 30, averaging: the reference was the first round's mean, K − 1 local steps
   * into training (hundreds of thousands at larger rates), and such runs went on unflagged. The
   * replicas' first batches give the untrained model's loss, as sync's first step does.
   */
  @Test
  void averagingMeasuresAgainstTheUntrainedModelToo() {
    Sequential model = TestData.blobsModel(3);
    DivergenceException e = assertThrows(DivergenceException.class, () -> SparkTrainer.builder(
            TestData.describeBlobs(model), OptimizerFactory.of(OptimizerChoice.ADAM, 30))
        .averaging(4).epochs(5).batchSize(16).seed(5).build()
        .fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null));
    assertTrue(e.getMessage().contains("times the first step's"), e.getMessage());
    // An averaging epoch is made of rounds of K local steps: "batch 1 of 1" named a batch.
    assertTrue(e.getMessage().matches("training diverged at epoch \\d+, round \\d+ of \\d+: .*"),
        e.getMessage());
  }

  /**
   * A checkpoint due at an epoch's end is written after the epoch's checks: written before, a
   * run stopped as diverged had saved its diverged weights as "epoch done", and a resume went on
   * from them without the check that stopped it.
   */
  @Test
  void aDivergedEpochIsNeverCheckpointedAsDone(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("run.safetensors");
    Sequential model = TestData.blobsModel(3);
    DivergenceException e = assertThrows(DivergenceException.class, () -> SparkTrainer.builder(
            TestData.describeBlobs(model), OptimizerFactory.of(OptimizerChoice.ADAM, 30))
        .epochs(5).batchSize(16).seed(5).checkpointEverySteps(10, file).build()
        .fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null));
    assertTrue(e.getMessage().contains("the epoch's mean loss per sample"), e.getMessage());
    if (java.nio.file.Files.exists(file)) {
      int done = Integer.parseInt(dev.chainrule.optim.checkpoint.SafeTensors.read(file)
          .metadata().get(Progress.PREFIX + "epoch"));
      assertTrue(done <= e.epoch(), "epochs done " + done + ", diverged in " + e.epoch());
    }
  }

  /**
   * A row holding NaN is named, with its number in the whole training set (row 100 is the
   * second shard's 25th), as {@code Trainer} names it: the run said only "the loss is NaN" some
   * steps in, and the launcher added "try a smaller learning rate", which cannot help.
   */
  @ParameterizedTest
  @CsvSource({"sync, 7", "average, 100"})
  void aNanInTheDataIsNamedNotBlamedOnTheLearningRate(String mode, int row) {
    double[][] rows = new double[150][];
    for (int i = 0; i < 150; i++) {
      rows[i] = DATA.features().slice(0, i, i + 1).reshape(-1).toArray();
    }
    rows[row][2] = Double.NaN;
    Sequential model = TestData.blobsModel(3);
    SparkTrainer.Builder builder = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(5).batchSize(16).seed(5);
    SparkTrainer trainer = mode.equals("sync") ? builder.build() : builder.averaging(2).build();
    DivergenceException e = assertThrows(DivergenceException.class, () -> trainer.fit(model,
        Shards.parallelize(LocalSpark.context(), new Dataset(Tensor.matrix(rows), DATA.labels()),
            2), null));
    assertTrue(e.beforeAnyStep(), "the data, not the learning rate: " + e.getMessage());
    String step = mode.equals("sync") ? "batch" : "round";
    assertTrue(e.getMessage().matches("training stopped at epoch 1, " + step + " \\d+ of \\d+: the"
        + " loss is NaN, and row " + row + " of the training data holds NaN \\(feature 2\\):"
        + " no learning rate causes that; drop the rows holding such values, or fill them in"),
        e.getMessage());
  }

  /** Every row NaN: the run's very first step meets it, before any step changed anything. */
  @Test
  void aNanLossAtTheFirstStepIsNotBlamedOnTheLearningRate() {
    Tensor nan = Tensors.full(DATA.features().shape(), Double.NaN, DATA.features().dtype());
    DivergenceException e = diverging(new Dataset(nan, DATA.labels()), OptimizerChoice.SGD, 0.1);
    assertTrue(e.beforeAnyStep(), e.getMessage());
    assertTrue(e.getMessage().startsWith("training stopped at epoch 1, batch 1 of "),
        e.getMessage());
  }
}
