package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.RawFiles.f64;
import static dev.chainrule.optim.checkpoint.RawFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.Layer.DenseLayer;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tensor of no elements with a dimension beyond 2^31 − 1 ({@code torch.empty(2**31, 0)}) is
 * valid safetensors, but a {@link Shape} holds int dimensions: such a tensor made its whole file
 * unreadable ("tensor too large for chainrule: ... dimension 2147483648 exceeds 2^31 - 1"), where
 * a tensor of a type chainrule does not read is listed and skipped. It is listed and skipped too.
 */
class ShapelessTensorsTest {
  private static final long BEYOND = 1L << 31;

  @TempDir
  Path folder;

  /** Sequential(Dense(2, 1))'s tensors as F64, and {@code extra} of no elements. */
  private Path write(String extra, String dtype, String dims) throws IOException {
    Path path = folder.resolve("empty.safetensors");
    Files.write(path, file("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],"
        + "\"data_offsets\":[0,16]},\"0.bias\":{\"dtype\":\"F64\",\"shape\":[1],"
        + "\"data_offsets\":[16,24]},\"" + extra + "\":{\"dtype\":\"" + dtype + "\",\"shape\":"
        + dims + ",\"data_offsets\":[24,24]}}", f64(0.5, -0.25, 0.125)));
    return path;
  }

  @Test
  void theFileIsReadAndTheTensorIsListedWithItsDimensions() throws IOException {
    Path path = write("empty", "F32", "[2147483648,0]");
    Checkpoint checkpoint = SafeTensors.read(path);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(checkpoint.tensors().keySet()));
    TensorListing.Entry entry = new TensorListing.Entry("empty", "F32", List.of(BEYOND, 0L), 0);
    assertEquals(List.of(entry), checkpoint.unreadable());
    assertEquals(Optional.empty(), entry.shape());
    assertFalse(entry.readable(), "F32 is read, but not in a shape chainrule cannot hold");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> checkpoint.tensor("empty"));
    assertEquals(CheckpointException.Rule.TENSOR_TOO_LARGE, e.rule());
    assertEquals(path + ": tensor too large for chainrule: tensor \"empty\" has shape"
        + " [2147483648, 0], a dimension beyond the 2^31 - 1 a chainrule shape holds (it has no"
        + " elements)", e.getMessage());
    // The listing gives it as the header does.
    assertEquals(List.of(new TensorListing.Entry("0.weight", "F64", Shape.of(1, 2), 16),
        new TensorListing.Entry("0.bias", "F64", Shape.of(1), 8), entry),
        SafeTensors.list(path).tensors());
  }

  @Test
  void aTensorTheModelLacksIsUnexpectedAndTheRestLoads() throws IOException {
    Path path = write("empty", "F64", "[0,4294967296]");
    Sequential model = Sequential.of(Dense.of(2, 1, 0L));
    LoadReport report = ModelCheckpoint.loadMatching(path, model);
    assertEquals(List.of("0.weight", "0.bias"), report.loaded());
    assertEquals(List.of("empty"), report.unexpected());
    assertEquals(Tensor.of(new double[] {0.5, -0.25}, 1, 2), model.stateDict().get("0.weight"));
    CheckpointMismatchException strict = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(path, Sequential.of(Dense.of(2, 1, 0L)), null));
    assertEquals("empty.safetensors: checkpoint does not match the model: unexpected: empty",
        strict.getMessage(), "a key the model lacks, as any other");
  }

  @Test
  void aParameterOfThatNameIsMisshapedWithTheFilesDimensions() throws IOException {
    Path path = folder.resolve("bias.safetensors");
    Files.write(path, file("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],"
        + "\"data_offsets\":[0,16]},\"0.bias\":{\"dtype\":\"F64\",\"shape\":[2147483648,0],"
        + "\"data_offsets\":[16,16]}}", f64(0.5, -0.25)));
    Sequential model = Sequential.of(Dense.of(2, 1, 0L));
    Tensor bias = model.stateDict().get("0.bias").copy();
    LoadReport report = ModelCheckpoint.loadMatching(path, model);
    assertEquals(List.of("0.bias: file [2147483648, 0] vs model [1]"), report.misshaped());
    assertEquals(List.of(), report.unreadable());
    assertEquals(bias, model.stateDict().get("0.bias"), "left as it was");
    assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(path, Sequential.of(Dense.of(2, 1, 0L)), null));
  }

  /** loadDescribed's check before it builds the network says what the built network's would. */
  @Test
  void aDescribedParameterOfThatNameIsMisshapedToo() throws IOException {
    String description = ModelDescription.builder(Task.REGRESSION,
        List.of(new DenseLayer(1, 2, false))).features(List.of("a"), null).build().toJson();
    String quoted = description.replace("\\", "\\\\").replace("\"", "\\\"");
    Path path = folder.resolve("described.safetensors");
    Files.write(path, file("{\"__metadata__\":{\"" + ModelCheckpoint.DESCRIPTION_KEY + "\":\""
        + quoted + "\"},\"0.weight\":{\"dtype\":\"F64\",\"shape\":[2147483648,0],"
        + "\"data_offsets\":[0,0]}}", new byte[0]));
    assertEquals("described.safetensors: checkpoint does not match the model: mis-shaped:"
        + " 0.weight: file [2147483648, 0] vs model [2, 1]",
        assertThrows(CheckpointMismatchException.class,
            () -> ModelCheckpoint.loadDescribed(path)).getMessage());
  }

  @Test
  void anUnreadTypeInSuchAShapeIsToldByItsShape() throws IOException {
    Path path = write("phase", "C64", "[0,8589934592]");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SafeTensors.read(path).tensor("phase"));
    assertEquals(CheckpointException.Rule.TENSOR_TOO_LARGE, e.rule());
    assertTrue(e.getMessage().contains("tensor \"phase\" has shape [0, 8589934592]"),
        e.getMessage());
  }

  @Test
  void aTensorWithElementsOrADimensionBeyondAnyLibrarysIsStillRefused() {
    CheckpointException withElements = assertThrows(CheckpointException.class,
        () -> SafeTensors.fromBytes(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483648,1],"
            + "\"data_offsets\":[0,0]}}", new byte[0])));
    assertEquals("<bytes>: tensor too large for chainrule: tensor \"w\": dimension 2147483648"
        + " exceeds 2^31 - 1", withElements.getMessage());
    // No library's shape holds 2^63: the reference reader's (u64) would, PyTorch's cannot.
    CheckpointException beyondLong = assertThrows(CheckpointException.class,
        () -> SafeTensors.fromBytes(file("{\"w\":{\"dtype\":\"F64\","
            + "\"shape\":[0,9223372036854775808],\"data_offsets\":[0,0]}}", new byte[0])));
    assertEquals("<bytes>: tensor too large for chainrule: tensor \"w\": dimension"
        + " 9223372036854775808 exceeds 2^63 - 1", beyondLong.getMessage());
  }

  @Test
  void aCheckpointMadeInMemoryMayListOneWithoutAReason() {
    TensorListing.Entry entry = new TensorListing.Entry("e", "F64", List.of(0L, BEYOND), 0);
    Checkpoint checkpoint = new Checkpoint(Map.of(), Map.of(), Map.of(), List.of(entry));
    assertEquals(List.of(entry), checkpoint.unreadable());
    // A reason is for values that could not be read; this tensor has none.
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of(), Map.of(),
        Map.of(), List.of(entry), Map.of("e", "a reason")));
    assertThrows(IllegalArgumentException.class,
        () -> new TensorListing.Entry("e", "F64", List.of(-1L), 0));
  }
}
