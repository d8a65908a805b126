package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints say {@code "format": "pt"} in their metadata, as {@code safetensors.torch.save_file}
 * writes it: Hugging Face transformers' {@code from_pretrained} refuses a file without a format.
 */
class FormatMetadataTest {
  @TempDir
  Path dir;

  @Test
  void everySaveWritesFormatPtFirst() throws IOException {
    Sequential model = Sequential.of(Dense.of(2, 2, 0L));  // two outputs: a 2-class description
    Path plain = dir.resolve("plain.safetensors");
    ModelCheckpoint.save(plain, model, null, Map.of());
    assertEquals(Map.of("format", "pt"), SafeTensors.read(plain).metadata());
    byte[] bytes = Files.readAllBytes(plain);
    assertTrue(RawFiles.headerText(bytes).startsWith("{\"__metadata__\":{\"format\":\"pt\"}"),
        RawFiles.headerText(bytes));

    Path withOptimizer = dir.resolve("sgd.safetensors");
    ModelCheckpoint.save(withOptimizer, model, Sgd.builder(0.1).build(model),
        Map.of("epoch", "3"));
    assertEquals(List.of("format", "epoch", ModelCheckpoint.OPTIMIZER_KEY,
        ModelCheckpoint.OPTIMIZER_SETTINGS_KEY),
        List.copyOf(SafeTensors.read(withOptimizer).metadata().keySet()));

    Path described = dir.resolve("described.safetensors");
    ModelCheckpoint.save(described, model, null, ModelDescription.builder(Task.CLASSIFICATION,
        ModelDescription.layersOf(model)).name("test").label("y", List.of("no", "yes")).build());
    assertEquals("pt", SafeTensors.read(described).metadata().get(ModelCheckpoint.FORMAT_KEY));
    assertEquals(model.stateDict(), ModelCheckpoint.loadDescribed(described).model().stateDict());
  }

  @Test
  void aCallersOwnFormatIsKept() {
    Sequential model = Sequential.of(Dense.of(2, 1, 0L));
    Path file = dir.resolve("tf.safetensors");
    ModelCheckpoint.save(file, model, null, Map.of("format", "tf"));
    assertEquals(Map.of("format", "tf"), SafeTensors.read(file).metadata());
  }
}
