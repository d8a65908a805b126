package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.model.InvalidDescriptionException;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.train.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint with a model description rebuilds its model from the file alone. */
class DescribedCheckpointTest {
  @TempDir
  Path dir;

  private static Sequential network() {
    return Sequential.of(Dense.of(3, 5, 1L), Activation.elu(0.5), Dense.of(5, 2, 2L));
  }

  private static ModelDescription describe(Sequential model) {
    return ModelDescription.builder(Task.CLASSIFICATION, ModelDescription.layersOf(model))
        .name("test").label("y", List.of("no", "yes")).build();
  }

  @Test
  void theFileAloneRebuildsTheModelAndItsOutputs() {
    Sequential model = network();
    Path file = dir.resolve("m.safetensors");
    ModelCheckpoint.save(file, model, Adam.builder().build(model), describe(model));
    ModelCheckpoint.DescribedModel loaded = ModelCheckpoint.loadDescribed(file);
    assertEquals(describe(model), loaded.description());
    Tensor x = Tensors.randn(Shape.of(7, 3), 3L);
    assertEquals(Evaluation.predict(model, x), Evaluation.predict(loaded.model(), x),
        "the same weights and activations give bitwise the same outputs");
    assertEquals(4, loaded.report().loaded().size());
  }

  @Test
  void theSavedOptimizerSaysItsRateAndASaveWithoutOneHasNone() {
    Sequential model = network();
    Adam adam = Adam.builder().learningRate(0.003).build(model);
    adam.setLearningRate(0.0015);  // as a schedule would have halved it
    Path file = dir.resolve("adam.safetensors");
    ModelCheckpoint.save(file, model, adam, describe(model));
    SavedOptimizer saved = ModelCheckpoint.loadDescribed(file).optimizer();
    assertEquals("Adam", saved.kind());
    assertEquals(0.0015, saved.learningRate().orElseThrow(), 0, "the rate reached, exactly");
    Path bare = dir.resolve("bare.safetensors");
    ModelCheckpoint.save(bare, model, null, describe(model));
    assertTrue(ModelCheckpoint.loadDescribed(bare).optimizer().learningRate().isEmpty());
  }

  @Test
  void aFloat32ModelComesBackInFloat32() {
    Sequential model = network();
    model.to(DType.FLOAT32);
    ModelDescription description = ModelDescription.builder(Task.CLASSIFICATION,
        ModelDescription.layersOf(model)).dtype(DType.FLOAT32).label("y", List.of("no", "yes"))
        .build();
    Path file = dir.resolve("f32.safetensors");
    ModelCheckpoint.save(file, model, null, description);
    Sequential loaded = ModelCheckpoint.loadDescribed(file).model();
    assertEquals(DType.FLOAT32, loaded.dtype());
    Tensor x = Tensors.randn(Shape.of(4, 3), 5L).to(DType.FLOAT32);
    assertEquals(Evaluation.predict(model, x), Evaluation.predict(loaded, x));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.save(file, model, null, describe(model)));
    assertEquals("checkpoint: the description says float64, the model's parameters are float32",
        e.getMessage());
  }

  @Test
  void aFileWithoutADescriptionOrWithTheWrongWeightsIsRefused() {
    Sequential model = network();
    Path plain = dir.resolve("plain.safetensors");
    ModelCheckpoint.save(plain, model, null, Map.of());
    InvalidDescriptionException absent = assertThrows(InvalidDescriptionException.class,
        () -> ModelCheckpoint.loadDescribed(plain));
    assertEquals("plain.safetensors: no model description: the file has no \"chainrule.model\""
        + " metadata (it was written by another tool or an older chainrule); build the model in"
        + " code and use ModelCheckpoint.load", absent.getMessage());
    Path cnn = dir.resolve("cnn.safetensors");
    ModelCheckpoint.save(cnn, model, null, Map.of(ModelCheckpoint.NETWORK_KEY,
        "1x28x28-conv8-pool-10"));
    assertEquals("cnn.safetensors: no model description: the file holds the weights of a"
        + " 1x28x28-conv8-pool-10 network, which descriptions (of MLPs) cannot rebuild; build it"
        + " in code and use ModelCheckpoint.load", assertThrows(InvalidDescriptionException.class,
        () -> ModelCheckpoint.loadDescribed(cnn)).getMessage());

    Sequential other = Sequential.of(Dense.of(3, 4, 1L), Activation.elu(0.5), Dense.of(4, 2, 2L));
    Path lying = dir.resolve("lying.safetensors");
    ModelCheckpoint.save(lying, other, null, Map.of(ModelCheckpoint.DESCRIPTION_KEY,
        describe(model).toJson()));
    CheckpointMismatchException mismatch = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.loadDescribed(lying));
    assertTrue(mismatch.getMessage().startsWith("lying.safetensors: checkpoint does not match the"
        + " model: "), mismatch.getMessage());
  }

  @Test
  void savingADescriptionOfAnotherModelIsAnError() {
    Sequential model = network();
    Sequential other = Sequential.of(Dense.of(3, 5, 1L), Activation.tanh(), Dense.of(5, 2, 2L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.save(dir.resolve("m.safetensors"), model, null, describe(other)));
    assertTrue(e.getMessage().startsWith("checkpoint: the description's layers"), e.getMessage());
  }

  /** The description's own entry is the description's: metadata may not set it too. */
  @Test
  void metadataThatSetsTheDescriptionsEntryIsRefused() {
    Sequential model = network();
    Path file = dir.resolve("m.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.save(file, model, null, describe(model),
            Map.of("chainrule.model", "{}")));
    assertEquals("checkpoint: the metadata sets chainrule.model, which holds the description",
        e.getMessage());
    assertFalse(Files.exists(file), "nothing written");
  }
}
