package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.TrainingInterruptedException;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted driver stops its run as {@code Trainer} does: between steps, the epoch and step
 * named, the status kept. It ran to the end, as the single machine's loop did.
 */
class InterruptedRunTest {
  private static final Dataset DATA = TestData.blobs(150, 11);

  @AfterEach
  void clearInterruptStatus() {
    // The thread is JUnit's: a status left set would fail the next test's Spark jobs.
    Thread.interrupted();
  }

  private static List<double[]> weights(Module model) {
    return model.parameters().stream().map(Variable::value).map(Tensor::toArray).toList();
  }

  private static void assertSameWeights(List<double[]> expected, Module model) {
    List<double[]> actual = weights(model);
    for (int i = 0; i < expected.size(); i++) {
      // Bitwise: the same steps, none of them stopped half-way.
      assertArrayEquals(expected.get(i), actual.get(i), 0.0, "parameter " + i);
    }
  }

  private static SparkTrainer.Builder builder(Sequential model) {
    // 150 rows in batches of 16: ten steps an epoch.
    return SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.ADAM, 0.01)).epochs(5).batchSize(16).seed(5);
  }

  @Test
  void anInterruptStopsBeforeTheNextStep() {
    Sequential model = TestData.blobsModel(3);
    List<List<double[]>> atInterrupt = new ArrayList<>();
    List<History> heard = new ArrayList<>();
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> builder(model).listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            if (batch.epoch() == 1 && batch.batch() == 3) {
              atInterrupt.add(weights(model));
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void onTrainingEnd(History history) {
            heard.add(history);
          }
        }).build().fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null));
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
    assertTrue(e.getMessage().startsWith("training interrupted at epoch 2, batch 5 of 10, before"
        + " its step: "), e.getMessage());
    assertEquals(4, e.stepsDone());
    assertEquals(1, e.history().epochs().size());
    assertEquals(List.of(e.history()), heard, "the listeners heard the run end");
    assertSameWeights(atInterrupt.get(0), model);
  }

  @Test
  void anInterruptBeforeACheckpointLeavesThePreviousOne(@TempDir Path dir) {
    Path file = dir.resolve("run.safetensors");
    Sequential model = TestData.blobsModel(3);
    List<List<double[]>> atEpochEnd = new ArrayList<>();
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> builder(model).checkpointEverySteps(10, file).listener(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochResult epoch) {
            atEpochEnd.add(weights(model));
            if (epoch.epoch() == 1) {
              Thread.currentThread().interrupt();
            }
          }
        }).build().fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null));
    assertTrue(e.getMessage().startsWith("training interrupted at epoch 2, after batch 10 of 10,"
        + " its checkpoint not written (any previous one is intact): "), e.getMessage());
    assertTrue(Thread.interrupted(), "the status was still set");
    Sequential loaded = TestData.blobsModel(4);
    ModelCheckpoint.load(file, loaded);
    assertSameWeights(atEpochEnd.get(0), loaded);
    assertEquals("1", SafeTensors.headerMetadata(file).get(ModelCheckpoint.EPOCH_KEY));
  }

  /**
   * Interrupted while it waits for a step's job, the driver gets Spark's InterruptedException,
   * undeclared and with the status cleared: the same stop, the status set again.
   */
  @Test
  void anInterruptWhileAStepsJobRunsIsTheSameStop() {
    Sequential model = TestData.blobsModel(3);
    List<double[]> before = weights(model);
    Step.Runner waiting = new Step.Runner() {
      @Override
      public int perEpoch() {
        return 7;
      }

      @Override
      public Step compute(int epoch, int step, boolean scoreChance) {
        return sneaky(new InterruptedException("as Spark's wait for a job throws it"));
      }

      @Override
      public org.apache.spark.api.java.JavaRDD<Shard> shards() {
        throw new AssertionError("not asked");
      }
    };
    EpochLoop loop = new EpochLoop(model, OptimizerFactory.of(OptimizerChoice.ADAM, 0.01)
        .create(model), dev.chainrule.nn.loss.Loss.softmaxCrossEntropy(), null, List.of(),
        null, 0, null, 0);
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> loop.run(waiting, Progress.START, null, 3));
    assertTrue(Thread.currentThread().isInterrupted(), "the status is set again");
    assertTrue(e.getMessage().startsWith("training interrupted at epoch 1, batch 1 of 7, before"
        + " its step: "), e.getMessage());
    assertInstanceOf(InterruptedException.class, e.getSuppressed()[0], "Spark's, kept");
    assertSameWeights(before, model);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable, R> R sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** Cancelled while a step's job runs, most likely: the run stops there, the step unapplied. */
  @Test
  void cancellingTheTaskStopsTheRun() throws Exception {
    Sequential model = TestData.blobsModel(3);
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    SparkTrainer trainer = builder(model).epochs(100_000).listener(new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        running.countDown();
      }
    }).build();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<?> task = executor.submit(() -> {
        try {
          trainer.fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null);
        } catch (Throwable t) {
          thrown.complete(t);
        }
        stillInterrupted.complete(Thread.currentThread().isInterrupted());
      });
      assertTrue(running.await(120, TimeUnit.SECONDS), "the run started");
      task.cancel(true);
      assertThrows(CancellationException.class, task::get);
      Throwable t = thrown.get(120, TimeUnit.SECONDS);
      assertInstanceOf(TrainingInterruptedException.class, t, () -> String.valueOf(t));
      assertTrue(stillInterrupted.get(120, TimeUnit.SECONDS));
    } finally {
      executor.shutdownNow();
      assertTrue(executor.awaitTermination(120, TimeUnit.SECONDS));
    }
  }
}
