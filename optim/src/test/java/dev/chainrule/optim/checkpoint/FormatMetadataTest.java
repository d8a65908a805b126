package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Conv2d;
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
    // Not "mlx" either, though an MLX file loads: chainrule writes PyTorch's layout.
    Path mlx = dir.resolve("mlx.safetensors");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.save(mlx, model, null, Map.of("format", "mlx"))).getMessage()
        .startsWith("checkpoint: the metadata says \"format\": \"mlx\", but"));
    assertFalse(Files.exists(mlx));
  }

  /**
   * A TensorFlow or Flax file is refused on every load, naming it: under PyTorch's names a
   * square kernel ([in, out]) loaded transposed, without a word. A file without the entry loads
   * as before.
   */
  @Test
  void aTensorFlowOrFlaxFileIsRefusedOnLoading() {
    Sequential saved = Sequential.of(Dense.of(2, 2, 0L));
    for (String format : List.of("tf", "flax")) {
      Path file = write(format, saved.stateDict());
      String expected = file.getFileName() + ": its metadata says \"format\": \"" + format
          + "\", a layout other than PyTorch's, which chainrule reads its tensors in (a"
          + " TensorFlow or Flax kernel is [in, out], PyTorch's weight [out, in]); convert the"
          + " tensors to PyTorch's layout and names, and save them with \"format\": \"pt\"";
      assertRefusedByEveryLoad(file, expected);
    }
    Path none = dir.resolve("none.safetensors");
    SafeTensors.write(none, saved.stateDict(), Map.of());
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    ModelCheckpoint.load(none, model);
    assertEquals(saved.stateDict(), model.stateDict());
  }

  /**
   * {@code mx.save_safetensors} always writes "mlx"; MLX's linear weight is [out, in] as
   * PyTorch's, so such a file loads, as Hugging Face's PyTorch loader loads it.
   */
  @Test
  void anMlxFileOfLinearLayersLoads() {
    Sequential saved = Sequential.of(Dense.of(3, 2, 0L));
    Path file = write("mlx", saved.stateDict());
    Sequential model = Sequential.of(Dense.of(3, 2, 1L));
    assertTrue(ModelCheckpoint.load(file, model).isExactMatch());
    assertEquals(saved.stateDict(), model.stateDict());
    Sequential matching = Sequential.of(Dense.of(3, 2, 1L));
    ModelCheckpoint.loadMatching(file, matching);
    assertEquals(saved.stateDict(), matching.stateDict());
  }

  /**
   * MLX's convolution kernel is channels-last, [out, kH, kW, in]: with three input channels and
   * 3×3 kernels it has PyTorch's shape [out, in, kH, kW], and would load scrambled.
   */
  @Test
  void anMlxFileIsRefusedWhenAConvolutionKernelWouldLoad() {
    Sequential saved = Sequential.of(Conv2d.of(3, 4, 3, 0L));
    Path file = write("mlx", saved.stateDict());
    assertRefusedByEveryLoad(file, file.getFileName() + ": its metadata says \"format\":"
        + " \"mlx\", and 0.weight [4, 3, 3, 3] would load: MLX's convolution kernels are"
        + " channels-last ([out, kH, kW, in]; [out, k, in] in 1-D), PyTorch's [out, in, kH, kW],"
        + " so a tensor of three or more dimensions would load scrambled (MLX's linear weights,"
        + " [out, in] as PyTorch's, load as they are); if its tensors are PyTorch's layout"
        + " already, set its \"format\" to \"pt\" to load them (in Java,"
        + " ModelCheckpoint.loadStateDict(model, SafeTensors.read(file).tensors()) loads them as"
        + " they are); otherwise convert the tensors to PyTorch's layout and names, and save them"
        + " with \"format\": \"pt\"");
  }

  /**
   * Another value is refused, as Hugging Face refuses it: nothing says what layout its tensors
   * are in. The message says how to load them once they are PyTorch's, and shows the value
   * printable.
   */
  @Test
  void anUnknownFormatIsRefusedWithTheWayToLoadItAnyway() {
    Sequential saved = Sequential.of(Dense.of(2, 2, 0L));
    Path file = write("paddle\n\u001b[31m", saved.stateDict());
    assertRefusedByEveryLoad(file, file.getFileName() + ": its metadata says \"format\":"
        + " \"paddle??[31m\", a format chainrule does not know the layout of (it reads \"pt\","
        + " PyTorch's, and \"mlx\" files without convolutions); if the tensors are in PyTorch's"
        + " layout, set its \"format\" to \"pt\" to load them (in Java,"
        + " ModelCheckpoint.loadStateDict(model, SafeTensors.read(file).tensors()) loads them as"
        + " they are); otherwise convert the tensors to PyTorch's layout and names, and save them"
        + " with \"format\": \"pt\"");
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    ModelCheckpoint.loadStateDict(model, SafeTensors.read(file).tensors());
    assertEquals(saved.stateDict(), model.stateDict());
  }

  private Path write(String format, Map<String, Tensor> state) {
    Path file = dir.resolve(state.size() + "-" + format.hashCode() + ".safetensors");
    SafeTensors.write(file, new LinkedHashMap<>(state), Map.of("format", format));
    return file;
  }

  /** Both loads refuse the file with {@code expected}, before changing the model. */
  private static void assertRefusedByEveryLoad(Path file, String expected) {
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    Map<String, Tensor> shapes = SafeTensors.read(file).tensors();
    if (shapes.get("0.weight").rank() == 4) {
      model = Sequential.of(Conv2d.of(3, 4, 3, 1L));
    }
    Sequential target = model;
    Map<String, Tensor> before = target.stateDict().entrySet().stream().collect(
        Collectors.toMap(Map.Entry::getKey, e -> e.getValue().copy()));
    assertEquals(expected, assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, target)).getMessage());
    assertEquals(expected, assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.loadMatching(file, target)).getMessage());
    assertEquals(before, target.stateDict(), "nothing loaded");
  }
}
