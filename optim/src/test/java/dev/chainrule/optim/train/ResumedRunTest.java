package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from its own checkpoint with {@code initialEpoch} ends where the uninterrupted
 * run does. Without it the resumed epochs were numbered from 0 again: the schedule restarted at
 * its base rate and the batches replayed the first epochs' order.
 */
class ResumedRunTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(10, 2), 5L),
      Tensors.randn(Shape.of(10, 1), 6L));
  private static final LearningRateSchedule HALVED_EVERY_TWO =
      LearningRateSchedule.stepDecay(2, 0.5);

  private static Trainer.Builder trainer(Dense model, Optimizer optimizer, int epochs) {
    return Trainer.builder(model, Loss.meanSquaredError(), optimizer).epochs(epochs).batchSize(3)
        .seed(11).schedule(HALVED_EVERY_TWO);
  }

  @Test
  void aResumedRunEndsWhereTheUninterruptedOneDoes(@TempDir Path dir) {
    Dense whole = Dense.of(2, 1, 3L);
    History uninterrupted = trainer(whole, Sgd.builder(0.1).momentum(0.9).build(whole), 5)
        .build().fit(DATA);

    Path checkpoint = dir.resolve("run.safetensors");
    Dense first = Dense.of(2, 1, 3L);
    trainer(first, Sgd.builder(0.1).momentum(0.9).build(first), 2)
        .checkpointEvery(2, checkpoint).build().fit(DATA);
    Dense resumed = Dense.of(2, 1, 99L); // other weights: the checkpoint must replace them
    Optimizer optimizer = Sgd.builder(0.1).momentum(0.9).build(resumed);
    ModelCheckpoint.load(checkpoint, resumed, optimizer);
    int done = Integer.parseInt(SafeTensors.read(checkpoint).metadata().get("epoch"));
    History rest = trainer(resumed, optimizer, 5).initialEpoch(done).build().fit(DATA);

    assertEquals(List.of(2, 3, 4), rest.epochs().stream().map(EpochResult::epoch).toList());
    assertEquals(uninterrupted.epochs().subList(2, 5).stream().map(EpochResult::learningRate)
        .toList(), rest.epochs().stream().map(EpochResult::learningRate).toList(),
        "the schedule's rates of epochs 2 to 4: 0.05, 0.025, 0.025");
    assertArrayEquals(whole.weight().value().toArray(), resumed.weight().value().toArray(), 0,
        "the same steps on the same batches: bit for bit");
    assertArrayEquals(whole.bias().value().toArray(), resumed.bias().value().toArray(), 0);
    assertEquals(uninterrupted.last().trainLoss(), rest.last().trainLoss(), 0);
  }

  @Test
  void anInitialEpochLeavingNothingToRunIsRefused() {
    Dense model = Dense.of(2, 1, 3L);
    Trainer.Builder builder = trainer(model, Sgd.builder(0.1).build(model), 4).initialEpoch(4);
    assertEquals("trainer: the initial epoch 4 leaves no epoch to run of 4 (epochs count from the"
        + " run's start, as the initial epoch does)",
        assertThrows(IllegalArgumentException.class, builder::build).getMessage());
    assertEquals(4, trainer(model, Sgd.builder(0.1).build(model), 4).initialEpoch(0).build()
        .fit(DATA).epochs().size(), "0 is the default: every epoch");
    assertEquals("trainer: the initial epoch must not be negative, got -1",
        assertThrows(IllegalArgumentException.class, () -> builder.initialEpoch(-1))
            .getMessage());
  }

  @Test
  void aLoopOfItsOwnLoadsTheCheckpointByItsOwnEpochCount(@TempDir Path dir) {
    Path checkpoint = dir.resolve("run.safetensors");
    Dense trained = Dense.of(2, 1, 3L);
    trainer(trained, Sgd.builder(0.1).momentum(0.9).build(trained), 2)
        .checkpointEvery(2, checkpoint).build().fit(DATA);
    // The file, then the one reading a loop made of it: both replace the other weights.
    Dense byFile = Dense.of(2, 1, 99L);
    ResumedRun fromFile = ResumedRun.load(checkpoint, 2, byFile,
        Sgd.builder(0.1).momentum(0.9).build(byFile));
    Dense byReading = Dense.of(2, 1, 98L);
    ResumedRun fromReading = ResumedRun.load(SafeTensors.read(checkpoint), checkpoint, 2,
        byReading, Sgd.builder(0.1).momentum(0.9).build(byReading));
    for (ResumedRun run : List.of(fromFile, fromReading)) {
      assertEquals(2, run.epoch());
      assertEquals("run.safetensors", run.source());
    }
    assertArrayEquals(trained.weight().value().toArray(), byFile.weight().value().toArray(), 0,
        "the saved weights, bit for bit");
    assertArrayEquals(trained.weight().value().toArray(), byReading.weight().value().toArray(), 0);
  }
}
