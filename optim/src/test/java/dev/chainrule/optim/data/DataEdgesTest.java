package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The data package at its edges: mini-batch settings and checks, CSV options refused and accepted
 * at their bounds, labels at the limits of a class index, IDX headers at the limits of an array,
 * and the orders and splits a seed fixes.
 */
class DataEdgesTest {
  private static final int LABELS = 0x00000801;
  private static final int IMAGES = 0x00000803;

  private static void assertIllegal(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static void assertFormatError(String expected, Executable call) {
    assertEquals(expected, assertThrows(DataFormatException.class, call).getMessage());
  }

  private static CsvData read(CsvReader reader, String text) throws IOException {
    return reader.read(new StringReader(text), "test.csv");
  }

  @Test
  void miniBatchesReportTheirSettings() {
    Dataset data = Samples.indexed(new int[] {0, 1, 0, 1, 0});
    MiniBatches shuffled = MiniBatches.shuffled(data, 2, 7);
    assertSame(data, shuffled.dataset());
    assertEquals(2, shuffled.batchSize());
    assertTrue(shuffled.shuffles());
    assertFalse(shuffled.dropsLast());
    MiniBatches inOrder = MiniBatches.inOrder(data, 3).dropLast(true);
    assertFalse(inOrder.shuffles());
    assertTrue(inOrder.dropsLast());
    assertEquals(3, inOrder.batchSize());
    assertEquals(1, inOrder.batchCount());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, inOrder.order(0));
  }

  @Test
  void miniBatchOrdersRefuseNegativeArguments() {
    MiniBatches batches = MiniBatches.shuffled(Samples.indexed(new int[] {0, 1}), 1, 7);
    assertIllegal("MiniBatches: epoch must not be negative, got -1", () -> batches.order(-1));
    assertIllegal("MiniBatches: epoch must not be negative, got -1",
        () -> MiniBatches.inOrder(Samples.indexed(new int[] {0, 1}), 1).order(-1));
    assertIllegal("MiniBatches: size must not be negative, got -1",
        () -> MiniBatches.shuffledOrder(-1, 7, 0));
    assertIllegal("MiniBatches: epoch must not be negative, got -1",
        () -> MiniBatches.shuffledOrder(3, 7, -1));
    assertArrayEquals(new int[0], MiniBatches.shuffledOrder(0, 7, 0));
  }

  /**
   * A seed's orders are part of the contract (a run resumed or spread over machines must draw the
   * same batches as before), so they are pinned: these are the orders of seed 42's epochs 0 to 2
   * over 8 samples, which any change to the seeding would change.
   */
  @Test
  void aSeedsOrdersArePinned() {
    assertArrayEquals(new int[] {5, 3, 2, 1, 6, 7, 0, 4}, MiniBatches.shuffledOrder(8, 42, 0));
    assertArrayEquals(new int[] {6, 3, 4, 5, 0, 7, 1, 2}, MiniBatches.shuffledOrder(8, 42, 1));
    assertArrayEquals(new int[] {2, 6, 0, 4, 7, 5, 3, 1}, MiniBatches.shuffledOrder(8, 42, 2));
  }

  @Test
  void csvFieldsAtTheirLengthLimits() {
    String forty = "x".repeat(40);
    assertEquals("\"" + forty + "\"", CsvFields.quote(forty));
    assertEquals("\"" + forty + "…\"", CsvFields.quote(forty + "y"));
    List<String> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> "c" + i).toList();
    assertEquals("c1, c2, c3, c4, c5, c6, c7, c8, c9, c10", CsvFields.list(ten));
    List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "c" + i).toList();
    assertEquals("c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, … (11 columns)",
        CsvFields.list(eleven));
    assertTrue(Double.isNaN(CsvFields.parseNumber("NaN")));
    assertEquals(Double.NEGATIVE_INFINITY, CsvFields.parseNumber("-Infinity"));
  }

  @Test
  void csvOptionsAreCheckedByName() {
    assertIllegal("CsvReader: lines to skip must not be negative, got -1",
        () -> CsvReader.builder().skipLines(-1));
    assertIllegal("CsvReader: label column name is blank",
        () -> CsvReader.builder().labelColumn(" "));
    assertIllegal("CsvReader: class name \"a\" repeats in [a, b, a]",
        () -> CsvReader.builder().classNames(List.of("a", "b", "a")));
    assertIllegal("CsvReader: the class names are empty",
        () -> CsvReader.builder().classNames(List.of()));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CsvReader.builder().header(false).labelColumn("species").build());
    assertEquals("CsvReader: the label column is given by name (\"species\"), which needs a header "
        + "row", e.getMessage());
    assertEquals("CsvReader: an optional label column must be given by name",
        assertThrows(IllegalStateException.class,
            () -> CsvReader.builder().labelColumn(0).optionalLabel().build()).getMessage());
  }

  @Test
  void zeroSkippedLinesAndALabelInTheFirstColumn() throws IOException {
    CsvData data = read(CsvReader.builder().skipLines(0).header(false).labelColumn(0).build(),
        "b,1\na,2\n");
    assertEquals(List.of("a", "b"), data.classNames());
    assertEquals(Tensor.vector(1, 0), data.dataset().labels());
    MissingValueException e = assertThrows(MissingValueException.class,
        () -> read(CsvReader.builder().header(false).labelColumn(0).build(), "b,1\n,2\n"));
    assertTrue(e.getMessage().endsWith("empty class label"), e.getMessage());
  }

  @Test
  void minusZeroAndZeroAreOneClassNamedByThePlainerText() throws IOException {
    // The class was named "-0", whose sign sorts before the digit; "1" beats "1.0" the same way.
    CsvData data = read(CsvReader.builder().header(false).build(), "1,0\n2,-0\n3,1.0\n4,1\n");
    assertEquals(List.of("0", "1"), data.classNames());
    assertEquals(Tensor.vector(0, 0, 1, 1), data.dataset().labels());
  }

  /**
   * Whichever spelling of a value comes first: the shorter names the class ("0", not "-0"),
   * and of two as long the first in sort order ("1.0" before "1e0").
   */
  @Test
  void thePlainerTextWinsInEitherOrder() throws IOException {
    CsvData data = read(CsvReader.builder().header(false).build(), "1,-0\n2,0\n3,1e0\n4,1.0\n");
    assertEquals(List.of("0", "1.0"), data.classNames());
  }

  /**
   * A fixed class named by a number of 1000 characters, the longest allowed ("1.000…"), is
   * found by value: the label "1" reads as that class.
   */
  @Test
  void aFixedClassOfTheLongestNumberIsFoundByValue() throws IOException {
    String longest = "1." + "0".repeat(ClassLabels.LONGEST_NUMBER - 2);
    CsvReader reader = CsvReader.builder().classNames(List.of("0", longest)).build();
    assertEquals(Tensor.vector(1, 0), read(reader, "x,y\n1,1\n2,-0\n").dataset().labels());
  }

  @Test
  void classIndicesAtTheirLimits() {
    Dataset targets = new Dataset(Tensor.of(new double[] {1, 2}, 2, 1),
        Tensor.of(new double[] {0.5, 1.5}, 2, 1));
    assertIllegal("classIndices: labels [2, 1] are targets, not class indices (shape [N])",
        targets::classIndices);
    double largest = Integer.MAX_VALUE - 1;
    Dataset big = new Dataset(Tensor.of(new double[] {1, 2}, 2, 1), Tensor.vector(0, largest));
    assertArrayEquals(new int[] {0, Integer.MAX_VALUE - 1}, big.classIndices());
    assertIllegal("Dataset: labels of shape [N] are class indices (whole numbers >= 0), but "
        + "sample 1 has 2.147483647E9 (targets go in labels of shape [N, K], e.g. [N, 1])",
        () -> new Dataset(Tensor.of(new double[] {1, 2}, 2, 1),
            Tensor.vector(0, Integer.MAX_VALUE)));
  }

  @Test
  void standardizerUndoesOnlyItsOwnWidth() {
    Standardizer standardizer = Standardizer.fit(Tensor.of(new double[] {1, 10, 3, 30}, 2, 2));
    assertEquals(2, standardizer.featureCount());
    assertIllegal("Standardizer.inverseTransform: features [1, 3] do not match the 2 features it "
        + "was fitted on (need [N, 2])",
        () -> standardizer.inverseTransform(Tensor.of(new double[] {1, 2, 3}, 1, 3)));
  }

  /**
   * Each class's held-out rows are drawn at random, not its first rows: with a file sorted by time
   * that would test on the oldest rows only. Seed 1 holds out 3 of each class's 10.
   */
  @Test
  void aStratifiedSplitHoldsOutRandomRowsOfEachClass() {
    int[] classes = new int[20];
    Arrays.fill(classes, 10, 20, 1);
    Split split = Split.stratified(Samples.indexed(classes), 0.3, 1);
    int[] test = Samples.ids(split.test());
    assertEquals(6, test.length);
    int[] sorted = test.clone();
    Arrays.sort(sorted);
    assertNotEquals(List.of(0, 1, 2, 10, 11, 12), Arrays.stream(sorted).boxed().toList());
  }

  @Test
  void idxStreamsReadLikeFiles() throws IOException {
    byte[] images = IdxReaderTest.idx(IMAGES, new int[] {1, 1, 2}, new byte[] {0, (byte) 255});
    assertEquals(Tensor.of(new double[] {0, 255}, 1, 2),
        IdxReader.readImageBytes(new ByteArrayInputStream(images), "images"));
    byte[] labels = IdxReaderTest.idx(LABELS, new int[] {2}, new byte[] {3, 9});
    assertEquals(Tensor.vector(3, 9),
        IdxReader.readLabels(new ByteArrayInputStream(labels), "labels"));
  }

  @Test
  void idxHeadersAtTheirLimits() throws IOException {
    // Exactly four bytes hold a magic number, wrong or not, and nothing more.
    byte[] magicOnly = {0, 0, 8, 3};
    assertFormatError("four: magic number 0x00000803 is not 0x00000801, that of IDX labels "
        + "(unsigned bytes, 1 dimension); it is that of IDX images",
        () -> IdxReader.readLabels(new ByteArrayInputStream(magicOnly), "four"));
    // The largest array HotSpot allocates is 2^31 − 3 bytes (core's Tensors.LONGEST_ARRAY):
    // declaring that many is merely truncated here, one more is refused before reading.
    int largest = Tensors.LONGEST_ARRAY;
    byte[] atLimit = IdxReaderTest.idx(LABELS, new int[] {largest}, new byte[] {1});
    assertFormatError("limit: truncated: expected 2147483645 bytes of data (2147483645 labels) "
        + "after the 8-byte header, found 1",
        () -> IdxReader.readLabels(new ByteArrayInputStream(atLimit), "limit"));
    byte[] overLimit = IdxReaderTest.idx(LABELS, new int[] {largest + 1}, new byte[] {1});
    assertFormatError("over: the header declares 2147483646 labels, more bytes than an array can "
        + "hold", () -> IdxReader.readLabels(new ByteArrayInputStream(overLimit), "over"));
  }

  /** Reading grows its buffer past the first chunk of 1 MiB, twice, when the data is larger. */
  @Test
  void idxDataLargerThanTheFirstChunk() throws IOException {
    int count = (2 << 20) + 3;
    byte[] data = new byte[count];
    for (int i = 0; i < count; i++) {
      data[i] = (byte) (i % 10);
    }
    Tensor labels = IdxReader.readLabels(
        new ByteArrayInputStream(IdxReaderTest.idx(LABELS, new int[] {count}, data)), "big");
    assertEquals(count, labels.size());
    assertEquals(Tensor.vector(0, 1, 2, 3, 4), labels.slice(0, count - 5, count));
  }


  @Test
  void anIdxPathThatIsAFolderIsNamed() throws IOException {
    java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("idx");
    try {
      java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
          () -> IdxReader.readLabels(folder));
      assertEquals(folder + ": is a folder, not an IDX file", e.getMessage());
    } finally {
      java.nio.file.Files.delete(folder);
    }
  }

  @Test
  void oneClassIsCountedInTheLabelledRows() throws IOException {
    // Rows without a label hold a placeholder class: "in all 4 rows" counted them.
    CsvData data = read(CsvReader.builder().labelColumn("y").optionalLabel().build(),
        "a,y\n1,x\n2,x\n3,\n4,\n");
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireLearnable(data, "test.csv"));
    assertEquals("test.csv: the label \"y\" has one class (\"x\") in all 2 rows: there is"
        + " nothing to tell apart", e.getMessage());
  }
}
