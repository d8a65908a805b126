package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark run with early stopping, killed mid-epoch and resumed from its last checkpoint, stops
 * where the uninterrupted run stops and ends with the same best weights and optimizer state, bit
 * for bit (two shards: their sums do not depend on the order they finish in), also when the best
 * epoch ran before the checkpoint's and no later one improves. Before, the resumed run started
 * the record afresh, took its first epoch for the best and went on past the uninterrupted stop.
 *
 * <p>The validation rows are labelled by another random projection than the training rows, so
 * the validation loss soon stops falling while the training loss goes on.
 */
class ResumedEarlyStoppingTest {
  private static final int PATIENCE = 4;
  private static final Dataset VALIDATION = TestData.blobs(60, 23);

  @TempDir
  Path dir;

  private static JavaRDD<Shard> shards;

  @BeforeAll
  static void shards() {
    shards = Shards.parallelize(LocalSpark.context(), TestData.blobs(150, 11), 2);
  }

  private static SparkTrainer.Builder builder(Sequential model) {
    return SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.ADAM, 0.05)).epochs(30).batchSize(16).seed(5)
        .earlyStopping(PATIENCE);
  }

  /** Kills the run, as a crash would, after batch 3 of {@code epoch}: 10 steps an epoch. */
  private static TrainingListener crashIn(int epoch) {
    return new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        if (batch.epoch() == epoch && batch.batch() == 3) {
          throw new IllegalStateException("killed");
        }
      }
    };
  }

  /** The run killed in {@code epoch}, its checkpoint written after every step. */
  private Path interrupted(int epoch) {
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential model = TestData.blobsModel(3);
    assertThrows(IllegalStateException.class, () -> builder(model)
        .checkpointEverySteps(1, checkpoint).listener(crashIn(epoch)).build()
        .fit(model, shards, VALIDATION));
    return checkpoint;
  }

  private static void assertSameEnd(Sequential whole, SparkTrainer.Result all,
      Sequential model, SparkTrainer.Result rest) {
    assertEquals(whole.stateDict(), model.stateDict(), "bit for bit");
    assertEquals(all.optimizer().state(), rest.optimizer().state());
    History a = all.history();
    History b = rest.history();
    assertEquals(a.last().epoch(), b.last().epoch(), "the same stop");
    assertTrue(b.stoppedEarly());
    assertEquals(a.bestEpoch(), b.bestEpoch());
    assertEquals(a.weightsEpoch(), b.weightsEpoch());
  }

  /**
   * Killed two epochs after the best (mid-epoch) and after one (mid-epoch: the checkpoint's
   * weights are not the best epoch's even then): the best weights come from the file beside it.
   */
  @Test
  void aRunResumedAfterItsBestEpochStopsThereWithItsWeights() {
    Sequential whole = TestData.blobsModel(3);
    SparkTrainer.Result all = builder(whole).build().fit(whole, shards, VALIDATION);
    int best = all.history().bestEpoch();
    assertTrue(all.history().stoppedEarly() && best >= 0, () -> "the scenario: " + all.history());
    for (int killed : new int[] {best + 2, best + 1}) {
      Path checkpoint = interrupted(killed);
      assertNotNull(SafeTensors.list(checkpoint).metadata()
          .get("chainrule.early_stopping.best_weights_file"), "the best weights beside it");
      Sequential model = TestData.blobsModel(99);
      SparkTrainer.Result rest = builder(model).resumeFrom(checkpoint).build()
          .fit(model, shards, VALIDATION);
      assertSameEnd(whole, all, model, rest);
      assertEquals(best, rest.history().earlierBest().epoch(), "kept from before the resume");
    }
  }

  @Test
  void missingBestWeightsRefuseTheResume() throws Exception {
    Sequential whole = TestData.blobsModel(3);
    int best = builder(whole).build().fit(whole, shards, VALIDATION).history().bestEpoch();
    Path checkpoint = interrupted(best + 2);
    String beside = SafeTensors.list(checkpoint).metadata()
        .get("chainrule.early_stopping.best_weights_file");
    Files.delete(dir.resolve(beside));
    Sequential model = TestData.blobsModel(99);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder(model).resumeFrom(checkpoint).build().fit(model, shards, VALIDATION));
    assertEquals("resume: run.safetensors: the best epoch's weights (epoch " + (best + 1)
        + ") were in " + beside + ", which does not exist beside it (deleted or moved?), so the"
        + " run could not end with them as the uninterrupted one would; put the file back"
        + " beside the checkpoint", e.getMessage());
  }
}
