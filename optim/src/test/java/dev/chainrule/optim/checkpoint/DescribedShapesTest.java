package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.Layer.DenseLayer;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * loadDescribed compares the file's shapes with the description's before it builds the network:
 * a description is the file's word for a size, the weights are what the file holds.
 */
class DescribedShapesTest {
  @TempDir
  Path dir;

  /** One dense layer of two billion weights (16 GB of float64), which no file here holds. */
  private static final ModelDescription HUGE = ModelDescription.builder(Task.REGRESSION,
      List.of(new DenseLayer(1, 2_000_000_000, false))).features(List.of("a"), null).build();

  private Path withDescription(String name, Map<String, Tensor> tensors) {
    Path file = dir.resolve(name);
    SafeTensors.write(file, tensors, Map.of(ModelCheckpoint.DESCRIPTION_KEY, HUGE.toJson()));
    return file;
  }

  /**
   * The network was built first: an OutOfMemoryError here (a larger heap would have spent
   * seconds initialising the weights) before the mismatch. The time limit is generous: the
   * check reads a header of a few hundred bytes.
   */
  @Test
  void aDescribedLayerTheFileDoesNotHoldIsAMismatchBeforeAnythingIsAllocated() {
    Path absent = withDescription("absent.safetensors", Map.of("w", Tensor.vector(1)));
    CheckpointMismatchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(CheckpointMismatchException.class,
            () -> ModelCheckpoint.loadDescribed(absent)));
    assertEquals("absent.safetensors: checkpoint does not match the model: missing: 0.weight;"
        + " unexpected: w", e.getMessage());
    Path small = withDescription("small.safetensors", Map.of("0.weight", Tensors.zeros(2, 1)));
    assertEquals("small.safetensors: checkpoint does not match the model: mis-shaped: 0.weight:"
        + " file [2, 1] vs model [2000000000, 1]", assertThrows(CheckpointMismatchException.class,
            () -> ModelCheckpoint.loadDescribed(small)).getMessage());
  }

  /** The early check says what the check on the built network says, word for word. */
  @Test
  void aSmallMismatchReadsAsTheBuiltNetworksDoes() {
    Sequential saved = Sequential.of(Dense.of(3, 5, 1L), Activation.tanh(), Dense.of(5, 2, 2L));
    ModelDescription described = ModelDescription.builder(Task.REGRESSION,
        List.of(new DenseLayer(3, 5, true), ModelDescription.layersOf(saved).get(1),
            new DenseLayer(5, 3, true))).build();
    Path file = dir.resolve("other.safetensors");
    ModelCheckpoint.save(file, saved, null, Map.of(ModelCheckpoint.DESCRIPTION_KEY,
        described.toJson()));
    String built = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, described.toModule(), null)).getMessage();
    assertEquals(built, assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.loadDescribed(file)).getMessage());
  }

  /** A tied layer written once, its other paths aliases in the metadata (save_model's way). */
  @Test
  void aTiedLayersAliasesCountAsItsWeights() {
    Dense shared = Dense.of(3, 3, 1L);
    Sequential model = Sequential.of(shared, Activation.tanh(), shared);
    ModelDescription described = ModelDescription.builder(Task.REGRESSION,
        ModelDescription.layersOf(model)).build();
    Path file = dir.resolve("aliased.safetensors");
    SafeTensors.write(file, Map.of("0.weight", shared.weight().value(), "0.bias",
        shared.bias().value()), Map.of("2.weight", "0.weight", "2.bias", "0.bias",
        ModelCheckpoint.DESCRIPTION_KEY, described.toJson()));
    Sequential rebuilt = ModelCheckpoint.loadDescribed(file).model();
    assertSame(rebuilt.layers().get(0), rebuilt.layers().get(2));
    assertEquals(model.stateDict(), rebuilt.stateDict());
  }
}
