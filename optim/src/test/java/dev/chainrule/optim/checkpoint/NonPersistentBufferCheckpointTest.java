package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of a model with a buffer that is not persistent: the file lacks it, as a file
 * PyTorch saves of such a model does, and loads into a model that builds it itself; before, a
 * constant kept as a buffer was written and then expected, and such a file was refused as
 * missing it.
 */
class NonPersistentBufferCheckpointTest {
  @TempDir Path dir;

  /** A dense layer and a constant mask of its making, or a mask kept as state. */
  static final class Masked extends Module {
    private final Dense dense;

    Masked(long seed, boolean persistent) {
      dense = registerModule("dense", Dense.of(2, 2, seed));
      registerBuffer("mask", Tensor.vector(1, 0), persistent);
    }

    @Override
    public Variable forward(Variable x) {
      return dense.forward(x).mul(Variable.constant(buffer("mask")));
    }
  }

  @Test
  void theFileLacksTheBufferAndLoadsIntoAModelThatBuildsIt() {
    Path file = dir.resolve("masked.safetensors");
    Masked saved = new Masked(1L, false);
    ModelCheckpoint.save(file, saved);
    assertEquals(List.of("dense.bias", "dense.weight"),
        SafeTensors.read(file).tensors().keySet().stream().sorted().toList());
    Masked loaded = new Masked(2L, false);
    LoadReport report = ModelCheckpoint.load(file, loaded);
    assertTrue(report.isExactMatch(), report::describeMismatches);
    Variable x = Variable.constant(Tensor.matrix(new double[][] {{0.5, -1}}));
    assertTrue(saved.forward(x).value().allClose(loaded.forward(x).value(), 0, 0),
        "the same weights and the model's own mask: the same outputs, bit for bit");
  }

  /**
   * A file of the model that kept the mask as state holds an entry the model that builds it does
   * not expect: refused by name, as PyTorch's strict load refuses an unexpected key.
   */
  @Test
  void aFileThatHoldsItIsRefusedAsUnexpected() {
    Path file = dir.resolve("persistent.safetensors");
    ModelCheckpoint.save(file, new Masked(1L, true));
    assertTrue(SafeTensors.read(file).tensors().containsKey("mask"));
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, new Masked(2L, false)));
    assertEquals(List.of("mask"), e.report().unexpected());
  }
}
