package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through files and byte arrays, and the writer's argument checks. */
class SafeTensorsTest {
  @TempDir Path folder;

  static Map<String, Tensor> sample() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("layer2.weight", Tensors.randn(Shape.of(3, 4), 7L));
    tensors.put("layer1.bias", Tensor.vector(0.5, -1.25, Double.NaN, Double.POSITIVE_INFINITY));
    tensors.put("step", Tensor.scalar(42));
    tensors.put("empty", Tensors.zeros(0, 5));
    tensors.put("ünïcode ✓", Tensor.vector(-0.0, Double.MIN_VALUE, Double.MAX_VALUE));
    return tensors;
  }

  @Test
  void float64RoundTripIsExactAndKeepsOrderShapesAndMetadata() {
    Path file = folder.resolve("model.safetensors");
    Map<String, String> metadata = Map.of("epoch", "3", "format", "pt");
    SafeTensors.write(file, sample(), metadata, DType.FLOAT64);

    Checkpoint read = SafeTensors.read(file);
    assertEquals(List.copyOf(sample().keySet()), List.copyOf(read.tensors().keySet()));
    // Tensor.equals is bitwise on values: NaN, -0.0 and subnormals survive exactly.
    assertEquals(sample(), read.tensors());
    assertEquals(metadata, read.metadata());
    assertEquals(Shape.scalar(), read.tensor("step").shape());
    assertEquals(Shape.of(0, 5), read.tensor("empty").shape());
  }

  @Test
  void float32RoundsEachValueToTheNearestFloat() {
    Map<String, Tensor> tensors = sample();
    Checkpoint read = SafeTensors.fromBytes(SafeTensors.toBytes(tensors, Map.of(), DType.FLOAT32));
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      double[] expected = entry.getValue().toArray();
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (float) expected[i];
      }
      Tensor actual = read.tensor(entry.getKey());
      assertEquals(entry.getValue().shape(), actual.shape());
      assertArrayEquals(expected, actual.toArray(), 0.0, entry.getKey());
    }
    // The documented losses: MAX_VALUE overflows to infinity, MIN_VALUE underflows to zero.
    assertArrayEquals(new double[] {-0.0, 0.0, Double.POSITIVE_INFINITY},
        read.tensor("ünïcode ✓").toArray(), 0.0);
  }

  @Test
  void float32FileIsHalfTheDataOfFloat64() {
    Map<String, Tensor> one = Map.of("w", Tensors.ones(10, 10));
    int f64 = SafeTensors.toBytes(one, Map.of(), DType.FLOAT64).length;
    int f32 = SafeTensors.toBytes(one, Map.of(), DType.FLOAT32).length;
    assertEquals(400, f64 - f32);
  }

  @Test
  void emptyCheckpointRoundTrips() {
    Checkpoint read = SafeTensors.fromBytes(SafeTensors.toBytes(Map.of(), Map.of(), DType.FLOAT64));
    assertTrue(read.tensors().isEmpty());
    assertTrue(read.metadata().isEmpty());
  }

  @Test
  void fileAndBytesAgree() throws IOException {
    Path file = folder.resolve("a.safetensors");
    SafeTensors.write(file, sample());
    assertArrayEquals(SafeTensors.toBytes(sample(), Map.of(), DType.FLOAT64),
        Files.readAllBytes(file));
  }

  @Test
  void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = folder.resolve("ckpt.safetensors");
    SafeTensors.write(file, Map.of("a", Tensor.scalar(1)));
    SafeTensors.write(file, Map.of("b", Tensor.scalar(2)));
    assertEquals(Map.of("b", Tensor.scalar(2)), SafeTensors.read(file).tensors());
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void argumentMistakesAreCallerErrors() {
    Path file = folder.resolve("x.safetensors");
    assertEquals("checkpoint: a tensor name is empty", assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.write(file, Map.of("", Tensor.scalar(1)))).getMessage());
    assertEquals("checkpoint: the tensor name __metadata__ is reserved for metadata",
        assertThrows(IllegalArgumentException.class,
            () -> SafeTensors.write(file, Map.of("__metadata__", Tensor.scalar(1)))).getMessage());
    assertEquals("checkpoint: tensor name \"a\uD800\" is not valid Unicode (unpaired surrogate)",
        assertThrows(IllegalArgumentException.class,
            () -> SafeTensors.write(file, Map.of("a\uD800", Tensor.scalar(1)))).getMessage());
    Map<String, Tensor> withNull = new LinkedHashMap<>();
    withNull.put("w", null);
    assertEquals("checkpoint: tensor \"w\" is null",
        assertThrows(NullPointerException.class, () -> SafeTensors.write(file, withNull))
            .getMessage());
    assertEquals("checkpoint: dtype is null", assertThrows(NullPointerException.class,
        () -> SafeTensors.write(file, Map.of(), Map.of(), null)).getMessage());
    assertTrue(Files.notExists(file));
  }

  @Test
  void missingTensorNamesTheOnesThereAre() {
    Checkpoint checkpoint = new Checkpoint(Map.of("w", Tensor.scalar(1)), Map.of());
    assertEquals("checkpoint: no tensor named \"v\"; it has [w]",
        assertThrows(IllegalArgumentException.class, () -> checkpoint.tensor("v")).getMessage());
  }

  @Test
  void missingFileIsAnIoError() {
    Path file = folder.resolve("absent.safetensors");
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.read(file));
    assertEquals(CheckpointException.Rule.IO_ERROR, e.rule());
    assertEquals(file + ": I/O error: reading failed: no such file or folder", e.getMessage());
  }

  /**
   * A pipe holds a checkpoint's bytes but cannot be read at positions, and its size reads as 0:
   * it was refused as "shorter than the 8-byte header length: it has 0 bytes". Now the reader
   * says what it is, before opening it (which would wait for a writer). A FIFO stands in for
   * {@code /dev/stdin} fed by a pipe.
   */
  @Test
  void aPipeIsRefusedForWhatItIs() throws Exception {
    Path fifo = Fifos.make(folder.resolve("model.safetensors"));
    String expected = fifo + ": I/O error: reading failed: not a regular file (a pipe, a device or"
        + " a socket), which cannot be read at the positions a safetensors header names";
    CheckpointException read =
        assertThrows(CheckpointException.class, () -> SafeTensors.read(fifo));
    assertEquals(expected, read.getMessage());
    assertEquals(CheckpointException.Rule.IO_ERROR, read.rule());
    assertEquals(expected,
        assertThrows(CheckpointException.class, () -> SafeTensors.list(fifo)).getMessage());
  }
}
