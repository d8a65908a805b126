package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensors named as integers are written as I64, PyTorch's type for counters, and read back. */
class IntegerTensorsTest {
  @Test
  void countersAreWrittenAsInt64AndReadBackExactly(@TempDir Path folder) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("weight", Tensor.vector(1.5, -2).to(DType.FLOAT32));
    tensors.put("steps", Tensor.scalar(9_007_199_254_740_992.0));  // 2^53, the largest exact
    tensors.put("bias", Tensor.vector(0.25));
    Path file = folder.resolve("counters.safetensors");
    SafeTensors.writeWithInt64(file, tensors, Map.of(), Set.of("steps"));
    assertEquals(List.of(new TensorListing.Entry("steps", "I64", Shape.scalar(), 8),
            new TensorListing.Entry("bias", "F64", Shape.of(1), 8),
            new TensorListing.Entry("weight", "F32", Shape.of(2), 8)),
        SafeTensors.list(file).tensors(), "8-byte types first, so every tensor is aligned");
    Checkpoint read = SafeTensors.read(file);
    assertEquals(Tensor.scalar(9_007_199_254_740_992.0), read.tensor("steps"));
    assertEquals(tensors.get("weight"), read.tensor("weight"));
  }

  @Test
  void onlyWholeNumbersOfTheMapAreIntegers(@TempDir Path folder) {
    Path file = folder.resolve("bad.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.writeWithInt64(file, Map.of("n", Tensor.vector(1, 2.5)), Map.of(),
            Set.of("n")));
    assertTrue(e.getMessage().startsWith("checkpoint: tensor \"n\" is to be stored as I64 but"
        + " holds values that are not whole numbers within ±2^53: "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.writeWithInt64(file, Map.of("n", Tensor.scalar(1)), Map.of(),
            Set.of("m")));
    assertEquals("checkpoint: \"m\" is named an integer tensor but is not among the tensors",
        e.getMessage());
  }
}
