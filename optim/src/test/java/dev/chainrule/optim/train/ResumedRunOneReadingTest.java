package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ResumedRun#load(Path, dev.chainrule.nn.Module, dev.chainrule.optim.Optimizer)} reads its
 * file once. It read the epoch and records from one reading and the weights from a second, so a
 * resume beside a run still writing its checkpoint took an epoch from one file and the weights of
 * a later one without a word (the fault hunter's reader got epoch 9 with epoch 11's weights in 8
 * of 18 loads).
 */
class ResumedRunOneReadingTest {
  /**
   * Loads during which a replacement completed, each one a chance for two readings to see two
   * files. The fault showed in 8 of 18 loads, so 100 such loads would miss it with a probability
   * far below any flakiness that matters; the writer needs only 100 replacements that land in
   * distinct loads, which even the loaded machine's rate (151 replacements in 300 loads, about a
   * second) gives within a few seconds, so the 60 s cap leaves a margin of ten times or more.
   */
  private static final int OVERLAPPED_LOADS = 100;

  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(12, 2), 5L),
      Tensors.randn(Shape.of(12, 1), 6L));

  /** The weights a run of {@code epochs} ends with, its checkpoint written to {@code file}. */
  private static double[] train(int epochs, Path file) {
    Dense model = Dense.of(2, 1, 3L);
    Trainer.builder(model, Loss.meanSquaredError(),
            Adam.builder().learningRate(0.1).build(model))
        .epochs(epochs).batchSize(4).seed(11).checkpointEvery(epochs, file).build().fit(DATA);
    return model.weight().value().toArray();
  }

  @Test
  void theEpochAndTheWeightsComeFromOneReadingWhileTheFileIsReplaced(@TempDir Path dir)
      throws Exception {
    Map<Integer, double[]> weights = Map.of(2, train(2, dir.resolve("two.safetensors")),
        4, train(4, dir.resolve("four.safetensors")));
    Path checkpoint = dir.resolve("run.safetensors");
    Files.copy(dir.resolve("two.safetensors"), checkpoint);

    // Replaces the checkpoint with the other run's, atomically, as a trainer's save does.
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger replaced = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      for (int i = 0; !done.get(); i++) {
        Path next = dir.resolve(i % 2 == 0 ? "four.safetensors" : "two.safetensors");
        Path temporary = dir.resolve("next.tmp");
        try {
          Files.copy(next, temporary, StandardCopyOption.REPLACE_EXISTING);
          Files.move(temporary, checkpoint, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          replaced.incrementAndGet();
        } catch (IOException | RuntimeException e) {
          failed.set(e);
          return;
        }
      }
    });
    writer.start();
    Set<Integer> epochsSeen = new HashSet<>();
    int overlapped = 0;
    int loads = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      // Two readings interleaved with this writer mixed the files in some of the loads. What
      // makes a load a test is a replacement during it, so loads go on until enough of them had
      // one: counting replacements instead (more than 300 in 300 loads) failed on a loaded
      // machine whose writer thread got less time (151), although the loads it overlapped still
      // tested the reading.
      while (loads < 300 || overlapped < OVERLAPPED_LOADS) {
        // A writer that failed replaces nothing more: say why, not that time ran out.
        assertNull(failed.get(), () -> "the writer failed: " + failed.get());
        assertTrue(System.nanoTime() < deadline, "within 60 s, " + OVERLAPPED_LOADS + " loads"
            + " during which the file was replaced; " + overlapped + " of " + loads + " were");
        int before = replaced.get();
        Dense model = Dense.of(2, 1, 99L);
        ResumedRun run = ResumedRun.load(checkpoint, model,
            Adam.builder().learningRate(0.1).build(model));
        assertArrayEquals(weights.get(run.epoch()), model.weight().value().toArray(), 0,
            "load " + loads + ": the weights of the file whose epoch " + run.epoch()
                + " it reports");
        epochsSeen.add(run.epoch());
        if (replaced.get() != before) {
          overlapped++;
        }
        loads++;
      }
    } finally {
      done.set(true);
      writer.join();
    }
    // Else the loads read one unchanged file and showed nothing.
    assertNull(failed.get(), () -> "the writer failed: " + failed.get());
    assertEquals(Set.of(2, 4), epochsSeen, "both files were loaded while being replaced");
  }
}
