package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.TrainingInterruptedException;
import dev.chainrule.optim.train.TrainingListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/**
 * A run interrupted while a step's Spark job runs cancels that job: it went on in the background,
 * its tasks using the model's broadcast the stopped run had destroyed.
 */
class InterruptedJobTest {
  /** Set once the run has started: a step's tasks then wait until released. */
  private static volatile boolean slow;
  private static volatile boolean released;
  private static final CountDownLatch TASK_WAITING = new CountDownLatch(1);

  @Test
  void theStepsJobIsCancelled() throws Exception {
    Sequential model = TestData.blobsModel(3);
    // Local mode runs the tasks in this JVM, so the static flags reach them.
    JavaRDD<Shard> shards = Shards.parallelize(LocalSpark.context(), TestData.blobs(150, 11), 2)
        .map(shard -> {
          if (slow) {
            TASK_WAITING.countDown();
            while (!released) {
              Thread.sleep(10);
            }
          }
          return shard;
        });
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread driver = new Thread(() -> {
      try {
        SparkTrainer.builder(TestData.describeBlobs(model),
                OptimizerFactory.of(OptimizerChoice.ADAM, 0.01)).epochs(3).batchSize(16).seed(5)
            .listener(new TrainingListener() {
              @Override
              public void onBatchEnd(BatchResult batch) {
                slow = true;
              }
            }).build().fit(model, shards, null);
        thrown.complete(null);
      } catch (Throwable t) {
        thrown.complete(t);
      }
    });
    try {
      driver.start();
      assertTrue(TASK_WAITING.await(120, TimeUnit.SECONDS), "a step's task waits");
      driver.interrupt();
      Throwable t = thrown.get(60, TimeUnit.SECONDS);
      assertInstanceOf(TrainingInterruptedException.class, t, () -> String.valueOf(t));
      // Cancelled, the job ends while its tasks still wait; left running, it waited for them.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (LocalSpark.context().statusTracker().getActiveJobIds().length > 0
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(LocalSpark.context().statusTracker().getActiveJobIds().length == 0,
          "the step's job was cancelled");
    } finally {
      released = true;
      slow = false;
      driver.join(60_000);
    }
  }
}
