package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Module;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An "mlx" file is refused from rank three up (MLX's 1-D kernel [out, k, in] has PyTorch's rank
 * and may have its shape), and loads at rank two. Found by mutation testing: FormatMetadataTest
 * refuses a rank-4 kernel and loads rank-2 weights, so "rank ≥ 3" could become "rank > 3".
 */
class MlxRankBoundaryTest {
  @TempDir Path dir;

  /** A module holding one weight of the given shape. */
  private static final class Holder extends Module {
    Holder(Shape shape, long seed) {
      registerParameter("weight", Tensors.randn(shape, seed));
    }

    @Override
    public Variable forward(Variable x) {
      return x;
    }
  }

  private Path mlxFile(Module saved) {
    Path file = dir.resolve("mlx.safetensors");
    SafeTensors.write(file, new LinkedHashMap<>(saved.stateDict()), Map.of("format", "mlx"));
    return file;
  }

  @Test
  void aRankThreeWeightIsRefused() {
    Path file = mlxFile(new Holder(Shape.of(4, 3, 3), 0L));
    Holder model = new Holder(Shape.of(4, 3, 3), 1L);
    Tensor before = model.stateDict().get("weight").copy();
    String message = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model)).getMessage();
    assertTrue(message.startsWith("mlx.safetensors: its metadata says \"format\": \"mlx\", and"
        + " weight [4, 3, 3] would load: MLX's convolution kernels are channels-last"), message);
    assertEquals(before, model.stateDict().get("weight"), "nothing loaded");
  }

  @Test
  void aRankTwoWeightLoads() {
    Holder saved = new Holder(Shape.of(4, 3), 0L);
    Path file = mlxFile(saved);
    Holder model = new Holder(Shape.of(4, 3), 1L);
    assertTrue(ModelCheckpoint.load(file, model).isExactMatch());
    assertEquals(saved.stateDict(), model.stateDict());
  }
}
