package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose thread is interrupted stops between steps, with the epoch and batch named and the
 * interrupt status kept. It ran to the end, its weights those of an uninterrupted run, the status
 * set and nothing said (found by a threads hunter: {@code future.cancel(true)} on a training
 * task did nothing).
 */
class TrainerInterruptionTest {
  private static final int BATCHES = 4;

  @TempDir Path folder;

  @AfterEach
  void clearInterruptStatus() {
    // The thread is JUnit's: a status left set would fail the next test's file I/O.
    Thread.interrupted();
  }

  private static Dataset classes(int rows, long seed) {
    Tensor x = Tensors.randn(Shape.of(rows, 2), seed).mul(3);
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = x.get(i, 0) + x.get(i, 1) > 0 ? 1 : 0;
    }
    return new Dataset(x, Tensor.vector(y));
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 8, 1L), Activation.relu(), Dense.of(8, 2, 2L));
  }

  private static List<double[]> weights(Module model) {
    return model.parameters().stream().map(Variable::value).map(Tensor::toArray).toList();
  }

  private static void assertSameWeights(List<double[]> expected, Module model) {
    List<double[]> actual = weights(model);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      // Bitwise: the same steps in the same order, none of them stopped half-way.
      assertArrayEquals(expected.get(i), actual.get(i), 0.0, "parameter " + i);
    }
  }

  private static Trainer.Builder builder(Sequential model, Optimizer optimizer) {
    // 64 rows in batches of 16: four steps an epoch.
    return Trainer.builder(model, Loss.softmaxCrossEntropy(), optimizer).epochs(5)
        .batchSize(64 / BATCHES);
  }

  /** Interrupts its own thread as a batch ends, and keeps the weights that step left. */
  private static final class InterruptAt implements TrainingListener {
    final int epoch;
    final int batch;
    final Module model;
    List<double[]> weightsThen;
    History heardEnd;

    InterruptAt(int epoch, int batch, Module model) {
      this.epoch = epoch;
      this.batch = batch;
      this.model = model;
    }

    @Override
    public void onBatchEnd(BatchResult result) {
      if (result.epoch() == epoch && result.batch() == batch) {
        weightsThen = weights(model);
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onTrainingEnd(History history) {
      heardEnd = history;
    }
  }

  @Test
  void anInterruptStopsBeforeTheNextStepWithTheStepsBeforeWhole() {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.01).build(model);
    InterruptAt listener = new InterruptAt(1, 2, model);
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> builder(model, adam).listener(listener).build().fit(classes(64, 3L)));
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
    assertEquals("training interrupted at epoch 2, batch 4 of 4, before its step: the thread was"
        + " interrupted (Thread.interrupt, Future.cancel(true)); every step before is whole, and"
        + " the thread's interrupt status stays set", e.getMessage());
    assertEquals(1, e.epoch());
    assertEquals(3, e.stepsDone());
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertEquals(1, e.history().epochs().size(), "epoch 0 completed");
    assertEquals(e.history(), listener.heardEnd, "the listeners heard the run end");
    assertSameWeights(listener.weightsThen, model);
    assertEquals(BATCHES + 3, adam.stepCount(), "no step after the interrupt");
  }

  @Test
  void aThreadInterruptedBeforeTheRunChangesNothing() {
    Sequential model = model();
    List<double[]> before = weights(model);
    Optimizer adam = Adam.builder().learningRate(0.01).build(model);
    Thread.currentThread().interrupt();
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> builder(model, adam).build().fit(classes(64, 3L)));
    assertEquals(0, e.epoch());
    assertEquals(0, e.stepsDone());
    assertTrue(e.history().epochs().isEmpty());
    assertSameWeights(before, model);
    assertEquals(0, adam.stepCount());
    assertTrue(Thread.currentThread().isInterrupted());
  }

  @Test
  void cancellingTheTrainingTaskStopsItsRun() throws Exception {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.01).build(model);
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    // Far more epochs than run before the cancel lands: the run cannot end on its own first.
    Trainer trainer = builder(model, adam).epochs(1_000_000).listener(new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        running.countDown();
      }
    }).build();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<?> task = executor.submit(() -> {
        try {
          trainer.fit(classes(64, 3L));
        } catch (Throwable t) {
          thrown.complete(t);
        }
        stillInterrupted.complete(Thread.currentThread().isInterrupted());
      });
      assertTrue(running.await(60, TimeUnit.SECONDS), "the run started");
      task.cancel(true);
      assertThrows(CancellationException.class, task::get);
      Throwable t = thrown.get(60, TimeUnit.SECONDS);
      assertInstanceOf(TrainingInterruptedException.class, t);
      assertTrue(stillInterrupted.get(60, TimeUnit.SECONDS));
      TrainingInterruptedException e = (TrainingInterruptedException) t;
      long steps = (long) e.epoch() * BATCHES + e.stepsDone();
      assertEquals(steps, adam.stepCount(), "every step before the stop ran whole");
      assertTrue(e.history().epochs().size() < 1_000_000);
    } finally {
      executor.shutdownNow();
      assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void anInterruptBeforeACheckpointLeavesThePreviousOneIntact() throws IOException {
    Path file = folder.resolve("run.safetensors");
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.01).build(model);
    List<List<double[]>> atEpochEnd = new ArrayList<>();
    TrainingListener interruptAtSecondEpoch = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult epoch) {
        atEpochEnd.add(weights(model));
        if (epoch.epoch() == 1) {
          Thread.currentThread().interrupt();
        }
      }
    };
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> builder(model, adam).checkpointEvery(1, file).listener(interruptAtSecondEpoch)
            .build().fit(classes(64, 3L)));
    assertEquals("training interrupted at epoch 2, after batch 4 of 4, its checkpoint not written"
        + " (any previous one is intact): the thread was interrupted (Thread.interrupt,"
        + " Future.cancel(true)); every step before is whole, and the thread's interrupt status"
        + " stays set", e.getMessage());
    assertEquals(BATCHES, e.stepsDone());
    assertEquals(2, e.history().epochs().size(), "the epoch whose checkpoint was not written");
    assertTrue(Thread.interrupted(), "the status was still set");
    assertEquals(List.of(file), files(), "no temporary file");
    Sequential loaded = model();
    ModelCheckpoint.load(file, loaded);
    assertSameWeights(atEpochEnd.get(0), loaded);
    assertEquals("1", SafeTensors.headerMetadata(file).get(ModelCheckpoint.EPOCH_KEY));
  }

  /**
   * An interrupt that lands while the checkpoint is being written closes its file channel: the
   * save's failure is the interruption, kept beside it, and the previous file is intact.
   */
  @Test
  void aCheckpointWriteInterruptedMidwayIsTheInterruption() throws IOException {
    Path file = folder.resolve("run.safetensors");
    Sequential model = model();
    ModelCheckpoint.save(file, model);
    List<double[]> saved = weights(model);
    List<History> heard = new ArrayList<>();
    History partial = new History(List.of(), false, -1);
    Interruptions interruptions = new Interruptions(List.of(new TrainingListener() {
      @Override
      public void onTrainingEnd(History history) {
        heard.add(history);
      }
    }), "batch", BATCHES, () -> partial);
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> interruptions.save(3, BATCHES, () -> {
          // The interrupt arrives after the check before the save, as a racing one does.
          Thread.currentThread().interrupt();
          ModelCheckpoint.save(file, model());
        }));
    assertEquals(3, e.epoch());
    assertEquals(List.of(partial), heard);
    assertEquals(1, e.getSuppressed().length);
    CheckpointException failed = assertInstanceOf(CheckpointException.class,
        e.getSuppressed()[0]);
    assertInstanceOf(ClosedByInterruptException.class, failed.getCause());
    assertTrue(Thread.interrupted(), "the status was still set");
    Sequential loaded = model();
    ModelCheckpoint.load(file, loaded);
    assertSameWeights(saved, loaded);
    assertEquals(List.of(file), files(), "no temporary file");
  }

  @Test
  void aCheckpointFailureOfAThreadNotInterruptedIsTheFailure() {
    Interruptions interruptions = new Interruptions(List.of(), "batch", BATCHES,
        () -> new History(List.of(), false, -1));
    Path missing = folder.resolve("no-such-folder").resolve("run.safetensors");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> interruptions.save(0, BATCHES, () -> ModelCheckpoint.save(missing, model())));
    assertNotNull(e.getMessage());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.toList();
    }
  }
}
