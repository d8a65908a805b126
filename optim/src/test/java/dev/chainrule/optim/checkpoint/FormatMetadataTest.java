package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

  /**
   * A caller's "pt" is kept, first; another format is refused, since the tensors are PyTorch's
   * layout whatever the metadata says (it was kept, and the file said "tf" over [out, in]
   * weights).
   */
  @Test
  void aCallersFormatOtherThanPtIsRefused() {
    Sequential model = Sequential.of(Dense.of(2, 1, 0L));
    Path pt = dir.resolve("pt.safetensors");
    ModelCheckpoint.save(pt, model, null, Map.of("epoch", "1", "format", "pt"));
    assertEquals(List.of("format", "epoch"), List.copyOf(SafeTensors.read(pt).metadata().keySet()));

    Path file = dir.resolve("tf.safetensors");
    assertEquals("checkpoint: the metadata says \"format\": \"tf\", but the file holds the model's"
        + " state in PyTorch's names and layouts ([out, in] weights), which \"pt\" says; leave"
        + " the entry out or give \"pt\"", assertThrows(IllegalArgumentException.class,
            () -> ModelCheckpoint.save(file, model, null, Map.of("format", "tf"))).getMessage());
    assertFalse(Files.exists(file));
  }

  /**
   * A file that declares another layout is refused on every load, naming it: under PyTorch's
   * names a square TensorFlow kernel ([in, out]) loaded transposed, without a word. A file
   * without the entry loads as before.
   */
  @Test
  void aFileDeclaringAnotherLayoutIsRefusedOnLoading() {
    Sequential saved = Sequential.of(Dense.of(2, 2, 0L));
    for (String format : List.of("tf", "not-a-format")) {
      Path file = dir.resolve(format + ".safetensors");
      Map<String, Tensor> state = new LinkedHashMap<>(saved.stateDict());
      SafeTensors.write(file, state, Map.of("format", format));
      Sequential model = Sequential.of(Dense.of(2, 2, 1L));
      Map<String, Tensor> before = model.stateDict().entrySet().stream().collect(
          Collectors.toMap(Map.Entry::getKey, e -> e.getValue().copy()));
      String expected = file.getFileName() + ": its metadata says \"format\": \"" + format
          + "\", a layout other than PyTorch's (\"pt\"), which chainrule reads its tensors in (a"
          + " TensorFlow or Flax kernel is [in, out], PyTorch's weight [out, in]); convert the"
          + " tensors to PyTorch's layout and names, and save them with \"format\": \"pt\"";
      assertEquals(expected, assertThrows(IllegalArgumentException.class,
          () -> ModelCheckpoint.load(file, model)).getMessage());
      assertEquals(expected, assertThrows(IllegalArgumentException.class,
          () -> ModelCheckpoint.loadMatching(file, model)).getMessage());
      assertEquals(before, model.stateDict(), "nothing loaded");
    }
    Path none = dir.resolve("none.safetensors");
    SafeTensors.write(none, saved.stateDict(), Map.of());
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    ModelCheckpoint.load(none, model);
    assertEquals(saved.stateDict(), model.stateDict());
  }
}
