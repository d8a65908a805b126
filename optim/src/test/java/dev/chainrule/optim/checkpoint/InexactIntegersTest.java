package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.RawFiles.f64;
import static dev.chainrule.optim.checkpoint.RawFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An I64 beyond 2^53 (a random seed saved beside the weights) is refused where it is used, as a
 * tensor of a type chainrule does not read: a file whose model tensors are fine loads.
 */
class InexactIntegersTest {
  private static final long BIG = (1L << 62) + 1;  // as the audit's seed: float64 rounds it
  private static final String WHY = "I64 value 4611686018427387905 lies beyond ±2^53, where"
      + " float64 no longer holds every whole number";

  @TempDir
  Path folder;

  /** Sequential(Dense(2, 1))'s weight as F64, its bias as F64 or I64, and {@code extra} as I64. */
  private Path write(String extra, boolean intBias, long bias) throws IOException {
    String header = "{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]},"
        + "\"0.bias\":{\"dtype\":\"" + (intBias ? "I64" : "F64")
        + "\",\"shape\":[1],\"data_offsets\":[16,24]},"
        + "\"" + extra + "\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[24,32]}}";
    byte[] biasBytes = intBias ? int64(bias) : f64(0.125);
    Path path = folder.resolve("bigint.safetensors");
    Files.write(path, file(header, RawFiles.concat(f64(0.5, -0.25), biasBytes, int64(BIG))));
    return path;
  }

  private static byte[] int64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 1, 0L));
  }

  /** The use names the file it came from: it was "checkpoint: ...", whichever file that was. */
  @Test
  void theFileIsReadAndOnlyAUseOfTheTensorFails() throws IOException {
    Path path = write("seed", false, 0);
    Checkpoint checkpoint = SafeTensors.read(path);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(checkpoint.tensors().keySet()));
    assertEquals(List.of(new TensorListing.Entry("seed", "I64", Shape.of(1), 8)),
        checkpoint.unreadable());
    assertEquals(Map.of("seed", WHY), checkpoint.inexact());
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> checkpoint.tensor("seed"));
    assertEquals(CheckpointException.Rule.INEXACT_VALUE, e.rule());
    assertEquals(path + ": value float64 cannot hold exactly: tensor \"seed\": " + WHY,
        e.getMessage());
    assertEquals(path.toString(), checkpoint.source());
    assertEquals(new Checkpoint(checkpoint.tensors(), Map.of(), Map.of(),
        checkpoint.unreadable(), Map.of("seed", WHY)), checkpoint);
  }

  /** From bytes, as their format errors name them; made in memory, "checkpoint" as before. */
  @Test
  void aUseNamesWhereTheCheckpointCameFrom() throws IOException {
    Checkpoint fromBytes = SafeTensors.fromBytes(Files.readAllBytes(write("seed", false, 0)));
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> fromBytes.tensor("seed"));
    assertEquals("<bytes>: value float64 cannot hold exactly: tensor \"seed\": " + WHY,
        e.getMessage());
    Checkpoint inMemory = new Checkpoint(fromBytes.tensors(), Map.of(), Map.of(),
        fromBytes.unreadable(), fromBytes.inexact());
    assertEquals(fromBytes, inMemory, "the source does not make checkpoints differ");
    e = assertThrows(CheckpointException.class, () -> inMemory.tensor("seed"));
    assertEquals("checkpoint: value float64 cannot hold exactly: tensor \"seed\": " + WHY,
        e.getMessage());
  }

  @Test
  void aReasonGoesWithAnUnreadableTensorOfATypeChainruleReadsOnly() {
    Map<String, Tensor> tensors = Map.of("w", Tensor.vector(1));
    List<TensorListing.Entry> complex =
        List.of(new TensorListing.Entry("c", "C64", Shape.of(1), 8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(tensors, Map.of(), Map.of(), complex, Map.of("c", WHY)));
    assertEquals("checkpoint: tensor \"c\" has type C64, which chainrule does not read, and a"
        + " reason its values cannot be", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(tensors, Map.of(), Map.of(), List.of(), Map.of("seed", WHY)));
    assertEquals("checkpoint: a reason is given for \"seed\", which is not among the unreadable"
        + " tensors", e.getMessage());
    // Nor when another tensor is unreadable: the reason must be the unreadable tensor's own.
    e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(tensors, Map.of(), Map.of(), complex, Map.of("seed", WHY)));
    assertEquals("checkpoint: a reason is given for \"seed\", which is not among the unreadable"
        + " tensors", e.getMessage());
  }

  @Test
  void aModelThatDoesNotReadTheTensorLoads() throws IOException {
    Path path = write("seed", false, 0);
    Sequential model = model();
    LoadReport report = ModelCheckpoint.loadMatching(path, model);
    assertEquals(List.of("0.weight", "0.bias"), report.loaded());
    assertEquals(List.of("seed"), report.unexpected());
    assertEquals(Tensor.vector(0.125), model.stateDict().get("0.bias"));
    // Under the optimizer's prefix, a load without an optimizer passes it over, as any state.
    Path optimizerFile = write(ModelCheckpoint.OPTIMIZER_PREFIX + "seed", false, 0);
    Sequential other = model();
    assertEquals(List.of("0.weight", "0.bias"),
        ModelCheckpoint.load(optimizerFile, other).loaded());
    assertEquals(Tensor.matrix(new double[][] {{0.5, -0.25}}), other.stateDict().get("0.weight"));
  }

  @Test
  void aModelThatReadsTheTensorIsRefusedNamingIt() throws IOException {
    Path path = write("optimizer.seed", true, BIG);
    Sequential model = model();
    Tensor before = model.stateDict().get("0.weight").copy();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> ModelCheckpoint.load(path, model));
    assertEquals(CheckpointException.Rule.INEXACT_VALUE, e.rule());
    assertEquals("bigint.safetensors: value float64 cannot hold exactly: tensor \"0.bias\": " + WHY,
        e.getMessage());
    assertEquals(before, model.stateDict().get("0.weight"), "nothing changes");
    // Not strict: the parameter is left as it is and reported.
    LoadReport report = ModelCheckpoint.loadMatching(path, model);
    assertEquals(List.of("0.weight"), report.loaded());
    assertEquals(List.of("0.bias: " + WHY), report.unreadable());
    // A bias within 2^53 loads exactly.
    Sequential exact = model();
    ModelCheckpoint.load(write("optimizer.seed", true, 1L << 53), exact);
    assertEquals(Tensor.vector(0x1p53), exact.stateDict().get("0.bias"));
  }
}
