package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's checkpoint example, verbatim. */
class ReadmeCheckpointTest {
  @Test
  void readmeExample(@TempDir Path folder) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("layer1.weight", Tensors.randn(Shape.of(4, 3), 1L));
    tensors.put("step", Tensor.scalar(100));
    Path file = folder.resolve("model.safetensors");
    SafeTensors.write(file, tensors, Map.of("epoch", "3"), DType.FLOAT64);
    Checkpoint checkpoint = SafeTensors.read(file);
    Tensor weight = checkpoint.tensor("layer1.weight");
    String stored = checkpoint.fileTypes().get("layer1.weight");  // "F64", as the header names it

    assertEquals(tensors.get("layer1.weight"), weight);
    assertEquals(Map.of("epoch", "3"), checkpoint.metadata());
    assertEquals("F64", stored);
  }
}
