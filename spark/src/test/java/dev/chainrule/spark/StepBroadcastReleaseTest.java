package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BroadcastBlockId;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A step's broadcast is removed by the time the step returns. Its removal ran on after the step
 * (Spark's asynchronous destroy), and a garbage collection in that window let Spark's
 * ContextCleaner remove the same blocks at once: a successful run then printed "ERROR
 * BlockManagerStorageEndpoint: Error in removing broadcast 59" and "ERROR ContextCleaner: Error
 * cleaning broadcast 59" with stack traces ({@link Broadcasts} says why). The race itself needs a
 * collection at the right moment; what removes it is seen here: no block of the step's broadcast
 * is left when the step returns, in either mode.
 */
class StepBroadcastReleaseTest {
  @Test
  void aStepsBroadcastIsGoneWhenTheStepReturns() {
    JavaSparkContext sc = LocalSpark.context();
    JavaRDD<Shard> shards = Shards.parallelize(sc, TestData.blobs(60, 1), 2);
    OptimizerFactory sgd = OptimizerFactory.of(OptimizerChoice.SGD, 0.1);
    for (SparkTrainer.Mode mode : SparkTrainer.Mode.values()) {
      boolean sync = mode == SparkTrainer.Mode.SYNC;
      Sequential model = TestData.blobsModel(3);
      ModelDescription description = TestData.describeBlobs(model);
      Settings settings = new Settings(mode, sync ? 0 : 1, 1, 10, 5, 2, 0, false);
      Broadcast<ModelDescription> describe = sc.broadcast(description);
      Step.Runner runner = sync
          ? new SyncSteps(shards, describe, model, sgd.create(model), 60, settings,
              TrainingLoss.of(Task.CLASSIFICATION))
          : new AveragingSteps(shards, describe, sgd, model, sgd.create(model), 30, settings,
              TrainingLoss.of(Task.CLASSIFICATION));
      for (int step = 0; step < runner.perEpoch(); step++) {
        // The step's input is the first broadcast the step makes: the one after this marker.
        Broadcast<Integer> marker = sc.broadcast(step);
        long input = marker.id() + 1;
        Broadcasts.release(marker);
        runner.compute(0, step, false).apply().run();
        assertEquals(List.of(), blocksOf(input), mode + ", step " + step);
      }
      Broadcasts.release(describe);
    }
  }

  /** The driver's blocks of broadcast {@code id} (local mode: the executors' too). */
  private static List<BlockId> blocksOf(long id) {
    return CollectionConverters.asJava(SparkEnv.get().blockManager().getMatchingBlockIds(
        block -> block instanceof BroadcastBlockId b && b.broadcastId() == id));
  }
}
