package dev.chainrule.optim.data;

import static dev.chainrule.optim.data.DatasetTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A dataset held as unsigned bytes gives, bit for bit, the values of the tensor-backed dataset
 * read from the same bytes; only the storage differs. Tensor equality compares the arrays element
 * by element, so every assertEquals on tensors here is exact.
 */
class ByteDatasetTest {
  private static final int ROWS = 300;
  private static final int COLUMNS = 12;

  @TempDir
  Path dir;

  private static byte[] randomBytes(int count, long seed) {
    byte[] bytes = new byte[count];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  private static Tensor classes(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = random.nextInt(3);
    }
    return Tensor.vector(labels);
  }

  /** The same data both ways: as bytes, and as the tensor fromUnsignedBytes makes of them. */
  private static Dataset[] bothWays(DType dtype) {
    byte[] pixels = randomBytes(ROWS * COLUMNS, 1);
    Tensor labels = classes(ROWS, 2);
    Dataset asBytes = Dataset.ofUnsignedBytes(pixels, COLUMNS, 255, dtype, labels);
    Dataset asTensor = new Dataset(Tensors.fromUnsignedBytes(pixels, 255, dtype,
        Shape.of(ROWS, COLUMNS)), labels);
    return new Dataset[] {asBytes, asTensor};
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void rowsSubsetsBatchesAndFeaturesAreThoseOfTheTensor(DType dtype) {
    Dataset[] both = bothWays(dtype);
    Dataset bytes = both[0];
    Dataset tensor = both[1];
    assertEquals(tensor.features(), bytes.features());
    assertEquals(dtype, bytes.dtype());
    assertEquals(ROWS, bytes.size());
    assertEquals(COLUMNS, bytes.featureCount());
    assertEquals(tensor.rows(17, 99), bytes.rows(17, 99));
    assertEquals(tensor.rows(0, 0), bytes.rows(0, 0));
    int[] picks = {299, 0, 5, 5, 140};
    assertEquals(tensor.subset(picks).features(), bytes.subset(picks).features());
    assertEquals(tensor.subset(picks).labels(), bytes.subset(picks).labels());
    Iterator<Dataset> expected = tensor.batches(32, 9L, false).epoch(3).iterator();
    for (Dataset batch : bytes.batches(32, 9L, false).epoch(3)) {
      Dataset want = expected.next();
      assertEquals(want.features(), batch.features());
      assertEquals(want.labels(), batch.labels());
    }
    assertTrue(!expected.hasNext());
    assertEquals(tensor.withOneHotLabels(3).features(), bytes.withOneHotLabels(3).features());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void aDatasetOfBytesEqualsTheTensorDatasetOfItsValues(DType dtype) {
    Dataset[] both = bothWays(dtype);
    assertEquals(both[1], both[0]);
    assertEquals(both[0], both[1]);
    assertEquals(both[1].hashCode(), both[0].hashCode());
    for (Dataset each : both) {
      assertTrue(each.equals(each), "equals is reflexive, bytes or tensor");
    }
    assertEquals(both[1].subset(new int[] {3, 2}), both[0].subset(new int[] {3, 2}));
    byte[] other = randomBytes(ROWS * COLUMNS, 1);
    other[ROWS * COLUMNS - 1] ^= 1;  // the last pixel, in the last chunk equals compares
    assertNotEquals(both[1], Dataset.ofUnsignedBytes(other, COLUMNS, 255, dtype,
        both[1].labels()));
    DType otherType = dtype == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
    assertNotEquals(both[0], new Dataset(both[1].features().to(otherType), both[1].labels()));
  }

  @Test
  void toAnotherTypeConvertsTheBytesStraightToItAndTensorsAsTensorsDo() {
    Dataset[] float64 = bothWays(DType.FLOAT64);
    Dataset[] float32 = bothWays(DType.FLOAT32);
    for (int way = 0; way < 2; way++) {
      Dataset converted = float64[way].to(DType.FLOAT32);
      assertEquals(DType.FLOAT32, converted.dtype());
      assertEquals(float32[way].features(), converted.features(), "way " + way);
      assertSame(float64[way].labels(), converted.labels(), "labels as they are");
      assertSame(converted, converted.to(DType.FLOAT32), "already float32");
    }
    assertTrue(float64[0].to(DType.FLOAT32).toString().contains("unsigned bytes / 255.0 as"
        + " float32"), "still bytes: " + float64[0].to(DType.FLOAT32));
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> float64[0].to(null));
    assertEquals("Dataset.to: dtype is null", e.getMessage());
  }

  @Test
  void theBytesAreCopiedAndTheSummarySaysWhatIsHeld() {
    byte[] pixels = {0, (byte) 255, 51, 102};
    Dataset data = Dataset.ofUnsignedBytes(pixels, 2, 255, DType.FLOAT32, Tensor.vector(0, 1));
    pixels[0] = 1;
    assertEquals(Tensors.fromUnsignedBytes(new byte[] {0, (byte) 255, 51, 102}, 255,
        DType.FLOAT32, Shape.of(2, 2)), data.features());
    assertEquals("Dataset[2 samples, features [2, 2] (unsigned bytes / 255.0 as float32),"
        + " labels [2]]", data.toString());
  }

  @Test
  void theBytesComeOutAsACopyAndOnlyFromADatasetOfBytes() {
    byte[] pixels = {0, (byte) 255, 51, 102};
    Dataset data = Dataset.ofUnsignedBytes(pixels, 2, 255, DType.FLOAT32, Tensor.vector(0, 1));
    UnsignedBytes out = data.unsignedBytes().orElseThrow();
    assertArrayEquals(pixels, out.bytes());
    assertEquals(2, out.columns());
    assertEquals(255, out.divisor());
    out.bytes()[1] = 0;
    assertEquals(1.0, data.features().get(0, 1), "the dataset's own bytes are unchanged");
    assertEquals(Optional.empty(), data.withFeatures(data.features())
        .unsignedBytes());
  }

  @Test
  void badRangesAndArgumentsNameTheOperation() {
    Dataset bytes = bothWays(DType.FLOAT32)[0];
    Dataset tensor = bothWays(DType.FLOAT32)[1];
    for (Dataset data : new Dataset[] {bytes, tensor}) {
      assertMessage("rows: range [-1, 2) is not within the 300 samples", () -> data.rows(-1, 2));
      assertMessage("rows: range [5, 4) is not within the 300 samples", () -> data.rows(5, 4));
      assertMessage("rows: range [0, 301) is not within the 300 samples",
          () -> data.rows(0, 301));
      assertMessage("subset: index 300 (at position 1) out of range for 300 samples",
          () -> data.subset(new int[] {0, 300}));
    }
    Tensor two = Tensor.vector(0, 1);
    assertMessage("ofUnsignedBytes: columns must be positive, got 0",
        () -> Dataset.ofUnsignedBytes(new byte[4], 0, 255, DType.FLOAT32, two));
    assertMessage("ofUnsignedBytes: 5 bytes are not whole rows of 2 columns",
        () -> Dataset.ofUnsignedBytes(new byte[5], 2, 255, DType.FLOAT32, two));
    assertMessage("ofUnsignedBytes: the divisor must be positive and finite, got NaN",
        () -> Dataset.ofUnsignedBytes(new byte[4], 2, Double.NaN, DType.FLOAT32, two));
    assertMessage("Dataset: features [3, 2] and labels [2] differ in sample count (3 vs 2)",
        () -> Dataset.ofUnsignedBytes(new byte[6], 2, 255, DType.FLOAT32, two));
  }

  @Test
  void aDatasetOfBytesRetainsItsBytesAndNoFeatureArray() {
    Dataset[] both = bothWays(DType.FLOAT32);
    long labels = ReachableArrays.bytes(both[0].labels());
    long pixels = (long) ROWS * COLUMNS;
    assertEquals(pixels + labels, ReachableArrays.bytes(both[0]),
        "the pixel bytes and the labels, and no converted array");
    assertTrue(ReachableArrays.bytes(both[1]) >= 4 * pixels + labels,
        "the tensor-backed set holds 4 bytes per float32 pixel");
    Dataset batch = both[0].subset(new int[] {1, 2, 3});
    assertEquals(3L * COLUMNS + ReachableArrays.bytes(batch.labels()),
        ReachableArrays.bytes(batch), "a subset holds only its own rows' bytes");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void readDatasetHoldsTheBytesAndGivesTheValuesOfReadImages(DType dtype) throws IOException {
    // 2,000 images of 28 × 28: 1.5 MB, more than one read chunk, so the join is exercised too.
    int count = 2000;
    byte[] pixels = randomBytes(count * 784, 3);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    Path images = Files.write(dir.resolve("images.gz"), IdxReaderTest.gzip(
        IdxReaderTest.idx(0x00000803, new int[] {count, 28, 28}, pixels)));
    Path classes = Files.write(dir.resolve("labels"),
        IdxReaderTest.idx(0x00000801, new int[] {count}, labels));
    Dataset data = IdxReader.readDataset(images, classes, dtype);
    Dataset expected = new Dataset(IdxReader.readImages(images, dtype),
        IdxReader.readLabels(classes).to(dtype));
    assertEquals(expected, data);
    assertEquals(expected.features(), data.features());
    assertEquals(expected.rows(1990, 2000), data.rows(1990, 2000));
    assertEquals((long) count * 784 + ReachableArrays.bytes(data.labels()),
        ReachableArrays.bytes(data));
  }

  /**
   * Picking more rows than one byte array holds is refused by name, not left to an int product
   * that overflows: 2,800,000 rows of 784 bytes are 2,195,200,000 bytes, beyond 2^31 − 1.
   */
  @Test
  void aSubsetTooLargeForOneArrayIsRefused() {
    Dataset one = Dataset.ofUnsignedBytes(new byte[784], 784, 255, DType.FLOAT32,
        Tensor.vector(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> one.subset(new int[2_800_000]));
    assertEquals("subset: 2800000 rows of 784 bytes do not fit in an array", e.getMessage());
  }
}
