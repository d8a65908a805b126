package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's checkpoint examples, verbatim. */
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

  /**
   * A plain model saved for PyTorch: its state dict alone, PyTorch's names, "format": "pt", the
   * very bytes of the four-argument save with no optimizer and no metadata; loaded back, the copy
   * holds the model's weights exactly (a copy of stored values, no arithmetic).
   */
  @Test
  void aModelSavedForPyTorchLoadsBack(@TempDir Path folder) throws IOException {
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.tanh(), Dense.of(16, 3, 2L));
    Path forTorch = folder.resolve("for_torch.safetensors");
    ModelCheckpoint.save(forTorch, model);  // 0.weight, 0.bias, 2.weight, 2.bias; "format": "pt"
    Sequential copy = Sequential.of(Dense.of(4, 16, 3L), Activation.tanh(), Dense.of(16, 3, 4L));
    LoadReport report = ModelCheckpoint.load(forTorch, copy);  // copy now holds model's weights

    List<String> names = List.of("0.weight", "0.bias", "2.weight", "2.bias");
    assertEquals(names, report.loaded());
    assertEquals(Map.of("format", "pt"), report.metadata());
    Checkpoint file = SafeTensors.read(forTorch);
    assertEquals(names, List.copyOf(file.tensors().keySet()), "no optimizer state");
    assertEquals(model.stateDict(), copy.stateDict());
    Path fourArguments = folder.resolve("four_arguments.safetensors");
    ModelCheckpoint.save(fourArguments, model, null, Map.of());
    assertArrayEquals(Files.readAllBytes(fourArguments), Files.readAllBytes(forTorch));
  }
}
