package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.InvalidDescriptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's best-weights file handed to a resume by mistake is refused, naming the checkpoint to
 * resume from. It was loaded with a note calling it a checkpoint saved before checkpoints kept
 * records, and the run went on from the best epoch with its seed and batch size unchecked.
 */
class ResumeFromBestWeightsFileTest {
  private static final Dataset TRAIN = new Dataset(Tensors.randn(Shape.of(16, 2), 5L),
      Tensors.randn(Shape.of(16, 1), 6L));
  private static final Dataset VALIDATION = new Dataset(Tensors.randn(Shape.of(8, 2), 7L),
      Tensors.randn(Shape.of(8, 1), 8L));

  /** The best-weights file of a run whose best epoch ran before its last. */
  private static Path bestWeightsFile(Path dir) throws IOException {
    Path checkpoint = dir.resolve("run.safetensors");
    Dense model = Dense.of(2, 1, 3L);
    // A rate too large for the data: the loss climbs after the first epochs, so the best epoch
    // runs before the last and its weights are kept in a file of their own.
    Trainer.builder(model, Loss.meanSquaredError(),
            Adam.builder().learningRate(1.5).build(model))
        .epochs(8).batchSize(4).seed(1).restoreBestWeights(true).checkpointEvery(1, checkpoint)
        .build().fit(TRAIN, VALIDATION);
    List<Path> best;
    try (Stream<Path> files = Files.list(dir)) {
      best = files.filter(f -> f.getFileName().toString().contains(".best-epoch-")).toList();
    }
    assertEquals(1, best.size(), "the scenario: the best epoch ran before the last " + best);
    return best.get(0);
  }

  @Test
  void aBestWeightsFileIsNotACheckpointToResume(@TempDir Path dir) throws IOException {
    Path checkpoint = dir.resolve("run.safetensors");
    List<Path> best = List.of(bestWeightsFile(dir));
    String name = best.get(0).getFileName().toString();

    Dense fresh = Dense.of(2, 1, 99L);
    double[] before = fresh.weight().value().toArray();
    Optimizer adam = Adam.builder().learningRate(1.5).build(fresh);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ResumedRun.load(best.get(0), fresh, adam));
    assertEquals("resume: " + name + " holds the best weights of run.safetensors, not a"
        + " checkpoint to resume from (it keeps none of the run's records or settings); resume"
        + " from run.safetensors, which reads it (or, to go on from the best epoch itself, load"
        + " it with ModelCheckpoint.load and give the trainer initialEpoch, the records starting"
        + " afresh)", refused.getMessage());
    assertArrayEquals(before, fresh.weight().value().toArray(), 0, "nothing loaded");
    assertThrows(IllegalArgumentException.class, () -> ResumedRun.of(
        SafeTensors.list(best.get(0)).metadata(), name), "of refuses it as load does");
    // Loaded as a saved model (the program's --load, the Spark launcher's --resume), it was
    // "written by another tool or an older chainrule".
    String described = assertThrows(InvalidDescriptionException.class,
        () -> ModelCheckpoint.loadDescribed(best.get(0))).getMessage();
    assertTrue(described.contains("the file holds the best weights a training run kept beside"
        + " its checkpoint run.safetensors, and neither describes a model: build the model in code"
        + " and load the weights with ModelCheckpoint.load, or resume the run from that"
        + " checkpoint"), described);
    // The advice followed: the checkpoint resumes.
    assertEquals(8, ResumedRun.load(checkpoint, fresh, adam).epoch());
  }

  /**
   * A best-weights file that holds another epoch's weights than the record's best (a file of
   * another run put in its place) is refused, both epochs counted from 1, nothing loaded.
   */
  @Test
  void aBestWeightsFileOfAnotherEpochIsRefused(@TempDir Path dir) throws IOException {
    Path file = bestWeightsFile(dir);
    int saved = Integer.parseInt(SafeTensors.list(file).metadata().get(ModelCheckpoint.EPOCH_KEY));
    Dense fresh = Dense.of(2, 1, 99L);
    double[] before = fresh.weight().value().toArray();
    Optimizer adam = Adam.builder().learningRate(1.5).build(fresh);
    // The record's best is the epoch after the file's (index saved, the saved + 1st).
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> BestWeightsFile.read(file, saved, fresh, adam));
    assertEquals(file.getFileName() + " holds the weights of epoch " + saved + ", not of the"
        + " best epoch, " + (saved + 1), refused.getMessage());
    assertArrayEquals(before, fresh.weight().value().toArray(), 0, "nothing loaded");
  }
}
