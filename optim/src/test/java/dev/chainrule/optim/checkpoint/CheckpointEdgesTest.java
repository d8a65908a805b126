package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.RawFiles.concat;
import static dev.chainrule.optim.checkpoint.RawFiles.f64;
import static dev.chainrule.optim.checkpoint.RawFiles.file;
import static dev.chainrule.optim.checkpoint.RawFiles.headerLength;
import static dev.chainrule.optim.checkpoint.RawFiles.headerText;
import static dev.chainrule.optim.checkpoint.RawFiles.lengthField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.CheckpointException.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint files at their edges: header sizes and alignment, names and dimensions at their
 * limits, tensors out of header order, integer tensors longer than one write chunk, what a load
 * reports, and how I/O failures are worded.
 */
class CheckpointEdgesTest {
  @TempDir
  Path dir;

  private static void assertRejected(Rule rule, String details, byte[] bytes) {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> SafeTensors.fromBytes(bytes));
    assertEquals("<bytes>: " + rule.text() + ": " + details, e.getMessage());
  }

  @Test
  void theHeaderIsPaddedToTheNextMultipleOfEight() {
    // {"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}} is 54 bytes: padded to 56, and the
    // data starts 8-aligned right after it.
    byte[] bytes = SafeTensors.toBytes(Map.of("w", Tensor.vector(1.5)), Map.of());
    assertEquals(56, headerLength(bytes));
    assertEquals("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}  ",
        headerText(bytes));
    assertEquals(8 + 56 + 8, bytes.length);
    assertEquals(Tensor.vector(1.5), SafeTensors.fromBytes(bytes).tensor("w"));
  }

  /**
   * A header of exactly the 100,000,000-byte limit is allowed (this file is too short for it), and
   * a header a few bytes longer than what follows the length field is beyond the file.
   */
  @Test
  void headerLengthsAtTheirLimits() {
    assertRejected(Rule.HEADER_BEYOND_FILE, "100000000 bytes declared, 16 after the length field",
        concat(lengthField(SafeTensors.MAX_HEADER_BYTES), new byte[16]));
    assertRejected(Rule.HEADER_BEYOND_FILE, "24 bytes declared, 20 after the length field",
        concat(lengthField(24), new byte[20]));
  }

  @Test
  void metadataMustBeValidUnicode() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.toBytes(Map.of("w", Tensor.vector(1)), Map.of("note", "a\uD800b")));
    assertEquals("checkpoint: metadata \"note\" is not valid Unicode (unpaired surrogate)",
        e.getMessage());
  }

  @Test
  void aPathWithoutAFileNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.write(Path.of("/"), Map.of("w", Tensor.vector(1))));
    assertEquals("checkpoint: / names no file", e.getMessage());
  }

  @Test
  void invalidJsonSaysWhere() {
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SafeTensors.fromBytes(file("{\"w\" 1}", new byte[0])));
    assertTrue(e.getMessage().endsWith(" (at character 6)"), e.getMessage());
  }

  /**
   * A dimension of exactly 2^31 − 1 is allowed (in a zero-size tensor); as an element count it
   * is more than an array holds (2^31 − 3, the most), and was read until the array could not be
   * made. The longest array passes (the data section then does not match).
   */
  @Test
  void dimensionsAndElementCountsAtTheirLimit() {
    assertEquals(Shape.of(2147483647, 0), SafeTensors.fromBytes(file("{\"w\":{\"dtype\":"
        + "\"F64\",\"shape\":[2147483647,0],\"data_offsets\":[0,0]}}", new byte[0]))
        .tensor("w").shape());
    assertRejected(Rule.TENSOR_TOO_LARGE, "tensor \"w\" has more than 2^31 - 3 elements, the most"
        + " a Java array holds",
        file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647],\"data_offsets\":[0,16]}}",
            f64(1, 2)));
    assertRejected(Rule.SIZE_MISMATCH, "tensor \"w\": shape [2147483645] of F64 needs "
        + "17179869160 bytes, data_offsets [0, 16] hold 16",
        file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483645],\"data_offsets\":[0,16]}}",
            f64(1, 2)));
  }

  @Test
  void namesInMessagesAreCutAfterSixtyFourCharacters() {
    String sixtyFour = "n".repeat(64);
    assertRejected(Rule.MISSING_FIELD, "tensor \"" + sixtyFour + "\" has no \"dtype\"",
        file("{\"" + sixtyFour + "\":{}}", new byte[0]));
    assertRejected(Rule.MISSING_FIELD, "tensor \"" + "n".repeat(60) + "...\" has no \"dtype\"",
        file("{\"" + sixtyFour + "m\":{}}", new byte[0]));
  }

  @Test
  void sizeMismatchesCountTheBytesOfTheirOwnRange() {
    assertRejected(Rule.SIZE_MISMATCH,
        "tensor \"b\": shape [2] of F64 needs 16 bytes, data_offsets [16, 24] hold 8",
        file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,24]}}", f64(1, 2, 3)));
  }

  @Test
  void tensorsMayBeListedInAnyOrderOfTheirData() {
    Checkpoint read = SafeTensors.fromBytes(
        file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", f64(1, 2)));
    assertEquals(Tensor.vector(2), read.tensor("a"));
    assertEquals(Tensor.vector(1), read.tensor("b"));
  }

  /** 9,000 int64 values take 72,000 bytes: more than one 64 KiB write chunk. */
  @Test
  void integerTensorsLongerThanOneChunk() {
    Path path = dir.resolve("counts.safetensors");
    Tensor counts = Tensor.vector(java.util.stream.IntStream.range(0, 9_000)
        .asDoubleStream().toArray());
    SafeTensors.writeWithInt64(path, Map.of("counts", counts), Map.of(),
        java.util.Set.of("counts"));
    assertEquals(counts, SafeTensors.read(path).tensor("counts"));
  }

  @Test
  void mismatchesAreDescribedByKind() {
    assertEquals("exact match", report(List.of(), List.of(), List.of()).describeMismatches());
    assertEquals("unexpected: u", report(List.of(), List.of("u"), List.of()).describeMismatches());
    assertEquals("mis-shaped: s", report(List.of(), List.of(), List.of("s")).describeMismatches());
    assertEquals("missing: m; unexpected: u; mis-shaped: s",
        report(List.of("m"), List.of("u"), List.of("s")).describeMismatches());
    LoadReport conflicting = new LoadReport(List.of(), List.of(), List.of(), List.of(),
        List.of("t"), List.of(), Map.of());
    assertEquals("conflicting tied values: t", conflicting.describeMismatches());
    assertFalse(conflicting.isExactMatch());
    LoadReport missing = report(List.of("m"), List.of(), List.of());
    assertEquals(missing, new CheckpointMismatchException("f", missing).report());
  }

  private static LoadReport report(List<String> missing, List<String> unexpected,
      List<String> misshaped) {
    return new LoadReport(List.of(), missing, unexpected, misshaped, List.of(), List.of(),
        Map.of());
  }

  /** Real values converted on loading are reported, rounded or exact; counters never are. */
  @Test
  void loadingIntoAnotherTypeReportsTheConversions() {
    Sequential wide = Sequential.of(Dense.of(2, 1, 1), BatchNorm1d.of(1));
    Path file = dir.resolve("wide.safetensors");
    ModelCheckpoint.save(file, wide, null, Map.of());
    Sequential narrow = Sequential.of(Dense.of(2, 1, 2), BatchNorm1d.of(1));
    narrow.to(DType.FLOAT32);
    LoadReport report = ModelCheckpoint.loadMatching(file, narrow);
    // The random weights round; the bias (0) and the normalization's 1s and 0s float32 holds.
    List<String> expected = new ArrayList<>(converted("float64 -> float32 (exact)"));
    expected.set(0, "0.weight: float64 -> float32 (rounded to nearest)");
    assertEquals(expected, report.converted());
    Path narrowFile = dir.resolve("narrow.safetensors");
    ModelCheckpoint.save(narrowFile, narrow, null, Map.of());
    assertEquals(converted("float32 -> float64 (exact)"),
        ModelCheckpoint.loadMatching(narrowFile, wide).converted());
  }

  /**
   * float64 values float32 holds (a file saved from a float32 model, or in float64 from one)
   * lose nothing on loading into float32: "exact", as the audit saw "rounded" said of them. One
   * value off float32's grid makes the tensor "rounded to nearest". The values are exact
   * binary fractions, so which one float32 holds is certain.
   */
  @Test
  void float64IntoFloat32IsExactWhenNoValueChanges() {
    Sequential source = Sequential.of(Dense.of(2, 1, 1));
    Path file = dir.resolve("grid.safetensors");
    SafeTensors.write(file, Map.of("0.weight", Tensor.of(new double[] {0.5, -0.25}, 1, 2),
        "0.bias", Tensor.vector(1 + 0x1p-30)));  // 1 + 2^-30: beyond float32's 24 bits
    LoadReport report = ModelCheckpoint.load(file, source.to(DType.FLOAT32), null);
    assertEquals(List.of("0.weight: float64 -> float32 (exact)",
        "0.bias: float64 -> float32 (rounded to nearest)"), report.converted());
  }

  /** Every parameter and running statistic, but not the counter 1.num_batches_tracked. */
  private static List<String> converted(String conversion) {
    return Stream.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
        "1.running_var").map(name -> name + ": " + conversion).toList();
  }

  @Test
  void ioFailuresAreWordedForPeople() {
    assertEquals("no such file or folder",
        IoFailures.describe(new NoSuchFileException("m.safetensors"), "m.safetensors"));
    assertEquals("permission denied (.m.tmp)",
        IoFailures.describe(new AccessDeniedException(".m.tmp"), "m.safetensors"));
    assertEquals("no space left on device",
        IoFailures.describe(new FileSystemException("m.safetensors", null,
            "No space left on device"), "m.safetensors"));
    assertEquals("file system failure (x)",
        IoFailures.describe(new FileSystemException("x"), "m.safetensors"));
    assertEquals("input/output failure", IoFailures.describe(new IOException(), "m"));
    assertEquals("disk on fire", IoFailures.describe(new IOException("disk on fire"), "m"));
  }

  @Test
  void atomicWritesReplaceTheFileWhole() throws IOException {
    Path target = dir.resolve("notes.txt");
    Files.writeString(target, "old");
    AtomicFile.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(target));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(target), left.toList(), "no temporary file is left behind");
    }
  }

  /**
   * When the temporary file cannot be deleted after a failure, the failure is still the one
   * reported, with the deletion's attached: here the body replaces its own temporary file by a
   * folder that is not empty.
   */
  @Test
  void aFailedCleanUpIsAttachedToTheFailure() throws IOException {
    Path target = dir.resolve("m.safetensors");
    IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
      Path temp;
      try (Stream<Path> files = Files.list(dir)) {
        temp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst()
            .orElseThrow();
      }
      Files.delete(temp);
      Files.createDirectory(temp);
      Files.writeString(temp.resolve("inside"), "x");
      throw new IOException("the body failed");
    }));
    assertEquals("the body failed", failure.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    // Named as the file left, the deletion's own failure its cause; the message says so.
    Throwable left = failure.getSuppressed()[0];
    assertTrue(left instanceof TemporaryFileLeft, left.toString());
    assertTrue(left.getCause() instanceof java.nio.file.DirectoryNotEmptyException);
    assertTrue(IoFailures.describe(failure, target.toString()).matches("the body failed; the"
        + " temporary file .*\\.m\\.safetensors\\.[0-9a-f]{16}\\.tmp could not be deleted"
        + " \\(.*\\) and is left there"), IoFailures.describe(failure, target.toString()));
  }
}
