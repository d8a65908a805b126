package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.RawFiles.f64;
import static dev.chainrule.optim.checkpoint.RawFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tensor of a type chainrule does not read (C64 here, PyTorch's complex64) does not keep the
 * rest of its file from loading: only a use of it fails, naming it, its type and the types
 * chainrule reads.
 */
class UnreadableTensorsTest {
  private static final String READS = "chainrule reads BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16,"
      + " F16, BF16, I32, U32, F32, F64, I64 and U64 only";

  @TempDir
  Path folder;

  /** Sequential(Dense(2, 1))'s tensors as F64, and {@code extra} as C64 of {@code shape}. */
  private Path write(String extra, int... shape) throws IOException {
    int elements = 1;
    for (int d : shape) {
      elements *= d;
    }
    String dims = java.util.Arrays.toString(shape).replace(" ", "");
    String header = "{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]},"
        + "\"0.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]},"
        + "\"" + extra + "\":{\"dtype\":\"C64\",\"shape\":" + dims + ",\"data_offsets\":[24,"
        + (24 + 8 * elements) + "]}}";
    Path path = folder.resolve("complex.safetensors");
    Files.write(path, file(header, RawFiles.concat(f64(0.5, -0.25, 0.125),
        new byte[8 * elements])));
    return path;
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 1, 0L));
  }

  @Test
  void theFileIsReadAndTheTensorIsListedWithItsTypeAndShape() throws IOException {
    Path path = write("phase", 3);
    Checkpoint checkpoint = SafeTensors.read(path);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(checkpoint.tensors().keySet()));
    assertEquals(List.of(new TensorListing.Entry("phase", "C64", Shape.of(3), 24)),
        checkpoint.unreadable());
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> checkpoint.tensor("phase"));
    assertEquals(CheckpointException.Rule.UNSUPPORTED_DTYPE, e.rule());
    // Named by the file's path, as its format errors are.
    assertEquals(path + ": unsupported dtype: tensor \"phase\" has dtype C64 (shape [3]); "
        + READS, e.getMessage());
    assertEquals("checkpoint: no tensor named \"nothing\"; it has [0.weight, 0.bias]",
        assertThrows(IllegalArgumentException.class, () -> checkpoint.tensor("nothing"))
            .getMessage());
    // Equal checkpoints hold the same unreadable tensors too.
    assertNotEquals(new Checkpoint(checkpoint.tensors(), checkpoint.metadata()), checkpoint);
    assertEquals(new Checkpoint(checkpoint.tensors(), Map.of(), Map.of(),
        checkpoint.unreadable()), checkpoint);
  }

  @Test
  void theFormatsChecksHoldForItAsForAnyTensor() {
    // 3 C64 elements need 24 bytes: 16 is a size mismatch, whatever the type is read as.
    byte[] bytes = file("{\"c\":{\"dtype\":\"C64\",\"shape\":[3],\"data_offsets\":[0,16]}}",
        new byte[16]);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SafeTensors.fromBytes(bytes));
    assertEquals(CheckpointException.Rule.SIZE_MISMATCH, e.rule());
    byte[] truncated = file("{\"c\":{\"dtype\":\"C64\",\"shape\":[3],\"data_offsets\":[0,24]}}",
        new byte[16]);
    assertEquals(CheckpointException.Rule.DATA_END, assertThrows(CheckpointException.class,
        () -> SafeTensors.fromBytes(truncated)).rule());
    byte[] fourBits = file("{\"c\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}",
        new byte[2]);
    assertEquals(CheckpointException.Rule.SIZE_MISMATCH, assertThrows(CheckpointException.class,
        () -> SafeTensors.fromBytes(fourBits)).rule(), "3 F4 values leave half a byte");
  }

  @Test
  void aTensorTheModelLacksIsUnexpectedAndTheRestLoads() throws IOException {
    Path path = write("phase", 2);
    Sequential model = model();
    LoadReport report = ModelCheckpoint.loadMatching(path, model);
    assertEquals(List.of("0.weight", "0.bias"), report.loaded());
    assertEquals(List.of("phase"), report.unexpected());
    assertEquals(Tensor.of(new double[] {0.5, -0.25}, 1, 2), model.stateDict().get("0.weight"));
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(path, model(), null));
    assertEquals("complex.safetensors: checkpoint does not match the model: unexpected: phase",
        e.getMessage(), "as PyTorch's strict load refuses a key the model lacks");
  }

  @Test
  void aParameterTheModelNeedsIsRefusedByAStrictLoadAndSkippedByLoadMatching()
      throws IOException {
    Path path = folder.resolve("bias.safetensors");
    Files.write(path, file("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],"
        + "\"data_offsets\":[0,16]},\"0.bias\":{\"dtype\":\"C64\",\"shape\":[1],"
        + "\"data_offsets\":[16,24]}}", RawFiles.concat(f64(0.5, -0.25), new byte[8])));
    Sequential model = model();
    Tensor weight = model.stateDict().get("0.weight").copy();
    Tensor bias = model.stateDict().get("0.bias").copy();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> ModelCheckpoint.load(path, model, null));
    assertEquals(CheckpointException.Rule.UNSUPPORTED_DTYPE, e.rule());
    assertEquals("bias.safetensors: unsupported dtype: tensor \"0.bias\" has dtype C64 (shape"
        + " [1]); " + READS, e.getMessage());
    assertEquals(weight, model.stateDict().get("0.weight"), "a refused load changes nothing");

    LoadReport report = ModelCheckpoint.loadMatching(path, model);
    assertEquals(List.of("0.weight"), report.loaded());
    assertEquals(List.of("0.bias: C64, which chainrule does not read (it reads BOOL, U8, I8,"
        + " F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64 and U64)"),
        report.unreadable());
    assertEquals(List.of(), report.missing(), "not missing: the file has it");
    assertEquals(bias, model.stateDict().get("0.bias"), "left as it was");
    assertEquals("unreadable: " + report.unreadable().get(0), report.describeMismatches());
  }

  @Test
  void aMisshapedUnreadableParameterIsMisshaped() throws IOException {
    Path path = folder.resolve("bias.safetensors");
    Files.write(path, file("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],"
        + "\"data_offsets\":[0,16]},\"0.bias\":{\"dtype\":\"C64\",\"shape\":[2],"
        + "\"data_offsets\":[16,32]}}", RawFiles.concat(f64(0.5, -0.25), new byte[16])));
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(path, model(), null));
    assertEquals(List.of("0.bias: file [2] vs model [1]"), e.report().misshaped());
  }

  /** The model's unreadable tensor is the model's load's business, not the optimizer's state's. */
  @Test
  void anUnreadableModelTensorLeavesTheSavedOptimizerReadable() throws IOException {
    Path path = write("phase", 2);
    SavedOptimizer saved = SavedOptimizer.of("complex.safetensors", SafeTensors.read(path));
    assertEquals(Map.of(), saved.state());
    assertEquals(java.util.Optional.of("checkpoint holds no optimizer state"),
        saved.mismatch(Sgd.builder(0.1).build(model())));
    CheckpointException e = assertThrows(CheckpointException.class, () -> SavedOptimizer.of(
        "complex.safetensors", SafeTensors.read(write("optimizer.momentum.0", 1))));
    assertEquals("complex.safetensors: unsupported dtype: tensor \"optimizer.momentum.0\" has"
        + " dtype C64 (shape [1]); " + READS, e.getMessage());
  }

  @Test
  void unreadableOptimizerStateIsRefusedOnlyWhenAnOptimizerTakesIt() throws IOException {
    Path path = write("optimizer.momentum.0", 1);
    Sequential model = model();
    assertEquals(List.of(), ModelCheckpoint.load(path, model, null).unexpected(),
        "an optimizer's state is passed over without an optimizer");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> ModelCheckpoint.load(path, model, Sgd.builder(0.1).build(model)));
    assertEquals("complex.safetensors: unsupported dtype: tensor \"optimizer.momentum.0\" has"
        + " dtype C64 (shape [1]); " + READS, e.getMessage());
  }

  /**
   * A tied path the file names only in its metadata (safetensors' save_model writes a tied tensor
   * once) is as unreadable as the tensor it names: not missing, for the file has it.
   */
  @Test
  void aTiedPathToAnUnreadableTensorIsUnreadableToo() throws IOException {
    Path path = folder.resolve("tied.safetensors");
    Files.write(path, file("{\"__metadata__\":{\"1.weight\":\"0.weight\"},"
        + "\"0.weight\":{\"dtype\":\"C64\",\"shape\":[2,2],\"data_offsets\":[0,32]},"
        + "\"0.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[32,48]}}",
        RawFiles.concat(new byte[32], f64(0.5, -0.25))));
    Dense first = Dense.of(2, 2, 0L);
    Sequential model = Sequential.of(first, Dense.sharing(first.weight(), null));
    LoadReport report = ModelCheckpoint.loadMatching(path, model);
    assertEquals(List.of("0.bias"), report.loaded());
    assertEquals(List.of(), report.missing(), "the file has 1.weight, as 0.weight");
    assertEquals(List.of("0.weight", "1.weight"), report.unreadable().stream()
        .map(line -> line.substring(0, line.indexOf(':'))).toList());
  }

  /**
   * A strict load refused for types alone names the tensors the model needs, not an optimizer's
   * state of an unreadable type in the same file, which a load without an optimizer passes over.
   */
  @Test
  void aStrictLoadNamesOnlyTheUnreadableTensorsTheModelNeeds() throws IOException {
    Path path = folder.resolve("both.safetensors");
    Files.write(path, file("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],"
        + "\"data_offsets\":[0,16]},\"0.bias\":{\"dtype\":\"C64\",\"shape\":[1],"
        + "\"data_offsets\":[16,24]},\"optimizer.momentum.0\":{\"dtype\":\"C64\","
        + "\"shape\":[1],\"data_offsets\":[24,32]}}",
        RawFiles.concat(f64(0.5, -0.25), new byte[16])));
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> ModelCheckpoint.load(path, model(), null));
    assertEquals("both.safetensors: unsupported dtype: tensor \"0.bias\" has dtype C64 (shape"
        + " [1]); " + READS, e.getMessage());
  }

  @Test
  void aCheckpointListsOnlyTypesItDoesNotReadAsUnreadable() {
    Map<String, Tensor> tensors = Map.of("w", Tensor.vector(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(tensors, Map.of(), Map.of(),
            List.of(new TensorListing.Entry("v", "I32", Shape.of(1), 4))));
    assertEquals("checkpoint: tensor \"v\" is listed as unreadable with type \"I32\", which is"
        + " not a type the format defines and chainrule does not read", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Checkpoint(tensors, Map.of(),
        Map.of(), List.of(new TensorListing.Entry("w", "C64", Shape.of(1), 8))));
    assertEquals("checkpoint: unreadable tensor \"w\" is named twice, or also among the tensors",
        e.getMessage());
  }
}
