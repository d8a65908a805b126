package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What must not change where a run ends: a task that fails, or another run at the same time. A
 * task that fails is recomputed by Spark, and training reaches the very parameters of a run
 * without the failure. The failure is real: in the middle of training, when a flag file exists,
 * the first partition after the first to find it deletes it and throws, so the retry succeeds.
 * The test context allows 3 attempts per task ({@code local[2,3]}).
 */
class FaultToleranceTest {
  @TempDir
  Path dir;

  private static final Dataset DATA = TestData.blobs(150, 11);

  /** Passes the shards through, except that one after the first fails once on the flag. */
  private static JavaRDD<Shard> failingOnce(Path flag, Path retried) {
    String flagName = flag.toString();
    String retriedName = retried.toString();
    return Shards.parallelize(LocalSpark.context(), DATA, 5).map(shard -> {
      if (shard.firstRow() > 0) {
        if (TaskContext.get().attemptNumber() > 0) {
          Files.writeString(Path.of(retriedName), "attempt " + TaskContext.get().attemptNumber());
        }
        if (Files.deleteIfExists(Path.of(flagName))) {
          throw new IllegalStateException("injected failure of " + shard);
        }
      }
      return shard;
    });
  }

  private static SparkTrainer trainer(Sequential model, String mode, TrainingListener listener) {
    SparkTrainer.Builder builder = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.ADAM, 0.01)).epochs(2).batchSize(16).seed(5)
        .listener(listener);
    return mode.equals("sync") ? builder.build() : builder.averaging(2).build();
  }

  /**
   * Exact equality: the retried task computes from the same broadcast and rows, and the merge
   * adds the five shards' sums in the order of their partitions whichever task finishes first
   * ({@link FixedOrderAggregate}), so the parameters agree bit for bit.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sync", "average"})
  void aFailedTaskIsRecomputedAndTrainingEndsWhereItWouldHave(String mode) {
    Path flag = dir.resolve("fail-once");
    Path retried = dir.resolve("retried");

    Sequential clean = TestData.blobsModel(3);
    trainer(clean, mode, new TrainingListener() {}).fit(clean, failingOnce(flag, retried), null);
    assertFalse(Files.exists(retried), "no task was retried without a failure");

    Sequential faulty = TestData.blobsModel(3);
    TrainingListener armsTheFlagAfterTheFirstStep = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        if (batch.epoch() == 0 && batch.batch() == 0) {
          try {
            Files.writeString(flag, "fail");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
    trainer(faulty, mode, armsTheFlagAfterTheFirstStep)
        .fit(faulty, failingOnce(flag, retried), null);

    assertFalse(Files.exists(flag), "the flag was consumed: a task threw");
    assertTrue(Files.exists(retried), "the failed task was tried again");
    for (int i = 0; i < clean.parameters().size(); i++) {
      assertEquals(clean.parameters().get(i).value(), faulty.parameters().get(i).value(),
          clean.namedParameters().keySet().toArray()[i].toString());
    }
  }

  /**
   * Two runs at once, on two driver threads of one context, each end with the very parameters
   * they reach alone (exactly, as above). Their tasks take turns on the same
   * executor threads, whose cached network (one per thread, of the same description in both
   * runs) each task overwrites with its own run's parameters.
   */
  @Test
  void twoRunsAtOnceEachEndWhereItWouldAlone() throws Exception {
    JavaRDD<Shard> shards = Shards.parallelize(LocalSpark.context(), DATA, 5);
    TrainingListener none = new TrainingListener() {};
    Sequential syncAlone = TestData.blobsModel(3);
    trainer(syncAlone, "sync", none).fit(syncAlone, shards, null);
    Sequential averageAlone = TestData.blobsModel(4);
    trainer(averageAlone, "average", none).fit(averageAlone, shards, null);

    Sequential sync = TestData.blobsModel(3);
    Sequential average = TestData.blobsModel(4);
    ExecutorService drivers = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = drivers.submit(() -> trainer(sync, "sync", none).fit(sync, shards, null));
      Future<?> second = drivers.submit(
          () -> trainer(average, "average", none).fit(average, shards, null));
      first.get();
      second.get();
    } finally {
      drivers.shutdown();
    }
    for (int i = 0; i < sync.parameters().size(); i++) {
      assertEquals(syncAlone.parameters().get(i).value(), sync.parameters().get(i).value());
      assertEquals(averageAlone.parameters().get(i).value(), average.parameters().get(i).value());
    }
  }
}
