package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Embedding;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.model.Layer.ActivationLayer;
import dev.chainrule.optim.model.Layer.DenseLayer;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that uses one layer twice is saved under both paths, as PyTorch saves it; a described
 * checkpoint also records the tie, so the model rebuilt from the file alone shares the layer too.
 */
class TiedWeightsCheckpointTest {
  private static Sequential tied(long seed) {
    Dense d = Dense.of(3, 3, seed);
    return Sequential.of(d, Activation.tanh(), d);
  }

  private static void trainOneStep(Sequential model, Adam adam) {
    adam.zeroGrad();
    Loss.meanSquaredError().compute(model.forward(Variable.constant(Tensors.ones(4, 3))),
        Tensors.zeros(4, 3)).backward();
    adam.step();
  }

  @Test
  void aTiedModelAndItsOptimizerRoundTrip(@TempDir Path dir) {
    Sequential model = tied(1);
    Adam adam = Adam.builder().learningRate(0.01).build(model);
    trainOneStep(model, adam);
    Path file = dir.resolve("tied.safetensors");
    ModelCheckpoint.save(file, model, adam, Map.of());
    Checkpoint saved = SafeTensors.read(file);
    assertEquals(saved.tensor("0.weight"), saved.tensor("2.weight"), "both names, one value");

    Sequential restored = tied(99);
    Adam restoredAdam = Adam.builder().learningRate(0.01).build(restored);
    LoadReport report = ModelCheckpoint.load(file, restored, restoredAdam);
    assertTrue(report.isExactMatch(), report::describeMismatches);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), report.loaded());
    trainOneStep(model, adam);
    trainOneStep(restored, restoredAdam);
    assertEquals(2, restored.parameters().size());
    for (int i = 0; i < 2; i++) {
      assertEquals(model.parameters().get(i).value(), restored.parameters().get(i).value(),
          "the next step is the same, bitwise");
    }
  }

  @Test
  void aFileWhoseCopiesOfATiedWeightDifferIsRefused(@TempDir Path dir) {
    // Saved from a model with two distinct layers: a tied model could keep only one of them.
    Path file = dir.resolve("untied.safetensors");
    ModelCheckpoint.save(file, Sequential.of(Dense.of(3, 3, 1), Activation.tanh(),
        Dense.of(3, 3, 2)), null, Map.of());
    Sequential model = tied(3);
    Tensor before = model.parameters().get(0).value().copy();
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, model, null));
    // Both layers' biases start at zero, equal copies: only the weights conflict.
    assertEquals("untied.safetensors: checkpoint does not match the model: conflicting tied"
        + " values: 2.weight: its value differs from 0.weight's, but the model holds one tensor"
        + " for both (one layer used twice, or two made from one tensor)", e.getMessage());
    assertEquals(List.of(), e.report().misshaped(), "the shapes match");
    assertEquals(before, model.parameters().get(0).value(), "nothing changed");

    // Two layers made from one tensor hold one value as well: the second path's file value
    // overwrote the first's, under a report of an exact match.
    Tensor eye = Tensors.eye(3);
    Sequential shared = Sequential.of(Dense.of(eye, Tensors.zeros(3)), Activation.tanh(),
        Dense.of(eye, Tensors.zeros(3)));
    e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, shared, null));
    assertTrue(e.getMessage().contains("2.weight: its value differs from 0.weight's"),
        e.getMessage());
    assertEquals(Tensors.eye(3), eye, "nothing changed");
  }

  /**
   * safetensors' save_model writes a tied tensor once and names its other paths in the metadata
   * ({"2.weight": "0.weight"}); load refused such a file as missing 2.weight.
   */
  @Test
  void aTiedTensorWrittenOnceWithItsAliasesInTheMetadataLoads(@TempDir Path dir) {
    Sequential source = tied(5);
    Path file = dir.resolve("save-model.safetensors");
    SafeTensors.write(file, Map.of("0.weight", source.stateDict().get("0.weight"), "0.bias",
        source.stateDict().get("0.bias")), Map.of("2.weight", "0.weight", "2.bias", "0.bias"));
    Sequential model = tied(6);
    LoadReport report = ModelCheckpoint.load(file, model, null);
    assertTrue(report.isExactMatch(), report.toString());
    assertEquals(source.stateDict().get("0.weight"), model.stateDict().get("2.weight"));

    // Between paths the model does not tie, a metadata entry named like a path is no alias.
    Sequential untied = Sequential.of(Dense.of(3, 3, 1), Activation.tanh(), Dense.of(3, 3, 2));
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, untied, null));
    assertTrue(e.getMessage().contains("missing: 2.weight, 2.bias"), e.getMessage());
  }

  @Test
  void aDescribedTiedModelIsRebuiltWithOneLayerAtBothPlaces(@TempDir Path dir) {
    Sequential model = tied(1);
    Adam adam = Adam.builder().learningRate(0.01).build(model);
    trainOneStep(model, adam);
    ModelDescription description =
        ModelDescription.builder(Task.REGRESSION, ModelDescription.layersOf(model)).build();
    Path file = dir.resolve("described.safetensors");
    ModelCheckpoint.save(file, model, adam, description);

    Sequential rebuilt = ModelCheckpoint.loadDescribed(file).model();
    assertSame(rebuilt.layers().get(0), rebuilt.layers().get(2), "one Dense at both places");
    assertEquals(2, rebuilt.parameters().size(), "a weight and a bias, as in the original");
    // Two separate layers would each take their own update and drift apart from here on.
    Adam rebuiltAdam = Adam.builder().learningRate(0.01).build(rebuilt);
    ModelCheckpoint.load(file, rebuilt, rebuiltAdam);
    trainOneStep(model, adam);
    trainOneStep(rebuilt, rebuiltAdam);
    assertEquals(model.stateDict(), rebuilt.stateDict(), "the next step is the same, bitwise");
  }

  @Test
  void aVersion1DescriptionOfATiedModelStillLoadsAsItSaysWithSeparateLayers(@TempDir Path dir) {
    // Written before descriptions recorded ties: each place a layer of its own, equal weights.
    ModelDescription old = ModelDescription.builder(Task.REGRESSION, List.of(
        new DenseLayer(3, 3, true), new ActivationLayer("tanh", null), new DenseLayer(3, 3, true)))
        .build();
    assertTrue(old.toJson().contains("\"version\":1"), old.toJson());
    Path file = dir.resolve("old.safetensors");
    Sequential model = tied(1);
    ModelCheckpoint.save(file, model, null, Map.of(ModelCheckpoint.DESCRIPTION_KEY,
        old.toJson()));
    Sequential rebuilt = ModelCheckpoint.loadDescribed(file).model();
    assertEquals(4, rebuilt.parameters().size(), "the file does not say the places are one");
    assertEquals(model.stateDict(), rebuilt.stateDict());
  }

  /**
   * PyTorch's load_state_dict, in memory: a copy of a model without a file, its values copied
   * (nothing shared), and a mismatch refused with nothing changed.
   */
  @Test
  void aStateDictInMemoryLoadsAsAFileWould() {
    Sequential source = tied(5);
    Sequential copy = tied(6);
    LoadReport report = ModelCheckpoint.loadStateDict(copy, source.stateDict());
    assertTrue(report.isExactMatch(), report.toString());
    assertEquals(source.stateDict(), copy.stateDict());
    copy.parameters().get(0).value().scaleInPlace(2);
    assertNotEquals(source.stateDict().get("0.weight"), copy.stateDict().get("0.weight"),
        "the values were copied, not shared");
    Sequential other = Sequential.of(Dense.of(3, 2, 1), Activation.tanh(), Dense.of(2, 3, 2));
    Tensor before = other.parameters().get(0).value().copy();
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.loadStateDict(other, source.stateDict()));
    assertTrue(e.getMessage().startsWith("state dict: checkpoint does not match the model:"),
        e.getMessage());
    assertEquals(before, other.parameters().get(0).value(), "nothing changed");
  }

  /**
   * A file that holds a tied tensor under one of its paths and no alias for the other (written by
   * hand or another tool: emb.weight for an output projection tied to it). loadMatching filled
   * out.weight through the tie but reported it missing; it now reports it loaded and through
   * which path, and a strict load's refusal names the tie.
   */
  @Test
  void aTiedPathTheFileLacksIsReportedLoadedThroughItsTie(@TempDir Path dir) {
    Embedding emb = Embedding.of(7, 4, 1L);
    Sequential model = Sequential.of(emb, Dense.sharing(emb.weight(),
        Tensors.zeros(7).to(emb.weight().dtype())));
    // In the model's type, so that the report's only line is the tie's.
    Tensor ones = Tensors.ones(7, 4).to(emb.weight().dtype());
    Path file = dir.resolve("emb-only.safetensors");
    SafeTensors.write(file, Map.of("0.weight", ones, "1.bias", Tensors.ones(7).to(ones.dtype())));
    Tensor before = emb.weight().value().copy();
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, model));
    assertEquals("emb-only.safetensors: checkpoint does not match the model: missing: 1.weight;"
        + " 1.weight is tied to 0.weight, which the file holds: the model holds one tensor for"
        + " both, but a strict load wants every path, as a state_dict has them"
        + " (ModelCheckpoint.loadMatching fills a tied path through its tie and reports it;"
        + " ModelCheckpoint.save writes the tensor under every path)", e.getMessage());
    assertEquals(List.of("1.weight"), e.report().missing());
    assertEquals(before, emb.weight().value(), "nothing changed");

    LoadReport report = ModelCheckpoint.loadMatching(file, model);
    assertTrue(report.isExactMatch(), report.toString());
    assertEquals(List.of("0.weight", "1.weight", "1.bias"), report.loaded());
    assertEquals(List.of("1.weight: absent from the file, loaded through its tie to 0.weight"),
        report.converted());
    assertEquals(ones, model.stateDict().get("1.weight"));
  }

  /** The tie works either way: the first path filled through a later one the file holds. */
  @Test
  void theFirstPathIsFilledThroughALaterOne(@TempDir Path dir) {
    Sequential source = tied(5);
    Path file = dir.resolve("later.safetensors");
    SafeTensors.write(file, Map.of("2.weight", source.stateDict().get("2.weight"), "2.bias",
        source.stateDict().get("2.bias")));
    Sequential model = tied(6);
    LoadReport report = ModelCheckpoint.loadMatching(file, model);
    assertEquals(List.of(), report.missing());
    assertEquals(List.of("0.weight: absent from the file, loaded through its tie to 2.weight",
        "0.bias: absent from the file, loaded through its tie to 2.bias"), report.converted());
    assertEquals(source.stateDict(), model.stateDict());
  }

  /**
   * A path filled through its tie is not in the file: its conversion is its tie's, listed once.
   * It copied the file type of the path it came through, and a float32 file of two tensors
   * loaded into a float64 tied model listed four conversions, which a note counts as tensors.
   */
  @Test
  void aFilledPathAddsNoConversionOfItsOwn(@TempDir Path dir) {
    Map<String, Tensor> source = tied(5).stateDict();
    Path file = dir.resolve("f32.safetensors");
    SafeTensors.write(file, Map.of("0.weight", source.get("0.weight").to(DType.FLOAT32),
        "0.bias", source.get("0.bias").to(DType.FLOAT32)));
    Sequential model = tied(6);
    assertEquals(DType.FLOAT64, model.dtype(), "the scenario: the file's type is not the model's");
    LoadReport report = ModelCheckpoint.loadMatching(file, model);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), report.loaded());
    assertEquals(List.of("0.weight: float32 -> float64 (exact)",
        "0.bias: float32 -> float64 (exact)",
        "2.weight: absent from the file, loaded through its tie to 0.weight",
        "2.bias: absent from the file, loaded through its tie to 0.bias"), report.converted());
    assertEquals(List.of("0.weight", "0.bias"),
        report.typeConversions().stream().map(TypeConversion::name).toList(),
        "one record per tensor the file holds");
  }
}
