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
    try {
      // Two readings interleaved with this writer mixed the files in some of the loads.
      for (int load = 0; load < 300; load++) {
        Dense model = Dense.of(2, 1, 99L);
        ResumedRun run = ResumedRun.load(checkpoint, model,
            Adam.builder().learningRate(0.1).build(model));
        assertArrayEquals(weights.get(run.epoch()), model.weight().value().toArray(), 0,
            "load " + load + ": the weights of the file whose epoch " + run.epoch()
                + " it reports");
        epochsSeen.add(run.epoch());
      }
    } finally {
      done.set(true);
      writer.join();
    }
    // Else the loads read one unchanged file and showed nothing.
    assertNull(failed.get(), () -> "the writer failed: " + failed.get());
    assertEquals(Set.of(2, 4), epochsSeen, "both files were loaded while being replaced");
    assertTrue(replaced.get() > 300, "replacements during the loads: " + replaced.get());
  }
}
