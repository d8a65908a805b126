package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.io.ByteArrayInputStream;
import dev.chainrule.core.DType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  private static final String IRIS = """
      sepal_length,sepal_width,petal_length,petal_width,species
      5.1,3.5,1.4,0.2,setosa
      7.0,3.2,4.7,1.4,versicolor

      6.3,3.3,6.0,2.5,virginica
      4.9,3.0,1.4,0.2,setosa
      """;

  @TempDir
  Path dir;

  private static CsvData read(CsvReader reader, String text) throws IOException {
    return reader.read(new StringReader(text), "test.csv");
  }

  private static void assertFormatError(String expected, Executable call) {
    assertEquals(expected, assertThrows(DataFormatException.class, call).getMessage());
  }

  @Test
  void headerAndStringLabelsInSortedOrder() throws IOException {
    Path file = Files.writeString(dir.resolve("iris.csv"), IRIS);
    CsvData iris = CsvReader.builder().labelColumn("species").build().read(file);
    assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
        iris.featureNames());
    assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
    assertEquals(Tensor.vector(0, 1, 2, 0), iris.dataset().labels());
    assertEquals(Tensor.matrix(new double[][] {{5.1, 3.5, 1.4, 0.2}, {7.0, 3.2, 4.7, 1.4},
        {6.3, 3.3, 6.0, 2.5}, {4.9, 3.0, 1.4, 0.2}}), iris.dataset().features());
    assertEquals(3, iris.classCount());
  }

  @Test
  void labelByIndexFromEitherEnd() throws IOException {
    String text = "b,1,2\na,3,4\n";
    CsvReader first = CsvReader.builder().header(false).labelColumn(0).build();
    CsvData data = read(first, text);
    assertEquals(List.of("column 2", "column 3"), data.featureNames());
    assertEquals(List.of("a", "b"), data.classNames());
    assertEquals(Tensor.vector(1, 0), data.dataset().labels());
    assertEquals(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}), data.dataset().features());
    CsvData fromEnd = read(CsvReader.builder().header(false).labelColumn(-3).build(), text);
    assertEquals(data, fromEnd);
    CsvData last = read(CsvReader.builder().header(false).build(), "1,2,0\n3,4,1\n");
    assertEquals(Tensor.vector(0, 1), last.dataset().labels());
    assertEquals(List.of("column 1", "column 2"), last.featureNames());
  }

  @Test
  void wholeNumberLabelsAreCategoriesWithoutPhantomClasses() throws IOException {
    CsvReader reader = CsvReader.builder().header(false).build();
    CsvData gap = read(reader, "0.5,2\n1.5,0\n2.5,2.0\n");
    assertEquals(Tensor.vector(1, 0, 1), gap.dataset().labels());
    assertEquals(List.of("0", "2"), gap.classNames(), "2 and 2.0 are one class, named \"2\"");
    CsvData fromOne = read(reader, "1,3\n2,1\n3,2\n");
    assertEquals(List.of("1", "2", "3"), fromOne.classNames(), "no class 0");
    assertEquals(Tensor.vector(2, 0, 1), fromOne.dataset().labels());
    CsvData tens = read(reader, "1,20\n2,0\n3,10\n");
    assertEquals(List.of("0", "10", "20"), tens.classNames(), "3 classes, not 21");
    assertEquals(Tensor.vector(2, 0, 1), tens.dataset().labels());
  }

  @Test
  void theClassOrderDependsOnlyOnTheSetOfLabels() throws IOException {
    CsvReader reader = CsvReader.builder().header(false).build();
    CsvData forwards = read(reader, "1,2.0\n2,10\n3,2\n");
    CsvData backwards = read(reader, "3,2\n2,10\n1,2.0\n");
    assertEquals(List.of("2", "10"), forwards.classNames());
    assertEquals(forwards.classNames(), backwards.classNames());
    assertEquals(Tensor.vector(0, 1, 0), forwards.dataset().labels());
    CsvData mixed = read(reader, "1,b\n2,10\n3,9\n");
    assertEquals(List.of("10", "9", "b"), mixed.classNames(), "not all numbers: text order");
  }

  @Test
  void otherNumericLabelsAreOrderedByValue() throws IOException {
    CsvReader reader = CsvReader.builder().header(false).build();
    CsvData data = read(reader, "1,10\n2,9.5\n3,-1\n4,10.0\n");
    assertEquals(List.of("-1", "9.5", "10"), data.classNames(), "numeric, not text, order");
    assertEquals(Tensor.vector(2, 1, 0, 2), data.dataset().labels());
  }

  @Test
  void regressionTargets() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("price").regression().build(),
        "price,rooms\n250.5,3\n-1e2,2\n");
    assertEquals(Tensor.matrix(new double[][] {{250.5}, {-100}}), data.dataset().labels());
    assertEquals(Tensor.matrix(new double[][] {{3}, {2}}), data.dataset().features());
    assertEquals(List.of(), data.classNames());
  }

  @Test
  void delimitersQuotesWhitespaceAndSpecialValues() throws IOException {
    CsvReader reader =
        CsvReader.builder().delimiter(';').missingValues(MissingValues.KEEP).build();
    CsvData data = read(reader, "\uFEFF\"x;1\" ; x2 ; name\n 1.5 ; NaN ; \"say \"\"hi\"\"\"\n"
        + "-inf;2;plain\n");
    assertEquals(List.of("x;1", "x2"), data.featureNames());
    assertEquals(List.of("plain", "say \"hi\""), data.classNames());
    assertEquals(Tensor.matrix(new double[][] {{1.5, Double.NaN}, {Double.NEGATIVE_INFINITY, 2}}),
        data.dataset().features());
  }

  @Test
  void fixedClassNamesKeepIndicesAcrossFiles() throws IOException {
    CsvData train = read(CsvReader.builder().build(), "x,y\n1,cat\n2,dog\n3,emu\n");
    CsvReader forTest = CsvReader.builder().classNames(train.classNames()).build();
    CsvData test = read(forTest, "x,y\n4,emu\n");
    assertEquals(Tensor.vector(2), test.dataset().labels());
    assertEquals(train.classNames(), test.classNames());
    assertFormatError("test.csv: line 3, column 2 (y): \"yak\" is not one of the classes"
        + " [cat, dog, emu]", () -> read(forTest, "x,y\n4,emu\n5,yak\n"));
  }

  /**
   * Numeric classes are one class per value when inferred ("1" and "1.0" are class "1"), so a
   * file read with those classes fixed finds every spelling of a value; names stay by text.
   */
  @Test
  void fixedNumericClassesAreFoundByValue() throws IOException {
    CsvData train = read(CsvReader.builder().build(), "x,y\n1,1\n2,1.0\n3,2\n4,-0\n");
    assertEquals(List.of("-0", "1", "2"), train.classNames());
    CsvReader forTest = CsvReader.builder().classNames(train.classNames()).build();
    CsvData test = read(forTest, "x,y\n4,1.0\n5,01\n6,2e0\n7,0\n");
    assertEquals(Tensor.vector(1, 1, 2, 0), test.dataset().labels());
    assertFormatError("test.csv: line 2, column 2 (y): \"1.5\" is not one of the classes"
        + " [-0, 1, 2]", () -> read(forTest, "x,y\n4,1.5\n"));
    // Names that are not all numbers are matched as written.
    CsvReader named = CsvReader.builder().classNames(List.of("1", "cat")).build();
    assertFormatError("test.csv: line 2, column 2 (y): \"1.0\" is not one of the classes"
        + " [1, cat]", () -> read(named, "x,y\n4,1.0\n"));
  }

  @Test
  void skippedLinesAndGzipFromAStream() throws IOException {
    String sklearn = "3,2,setosa,versicolor\n5.1,3.5,0\n7.0,3.2,1\n6.4,3.2,1\n";
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(sklearn.getBytes(StandardCharsets.UTF_8));
    }
    CsvReader reader = CsvReader.builder().skipLines(1).header(false).build();
    CsvData data = reader.read(new ByteArrayInputStream(bytes.toByteArray()), "iris.csv.gz");
    assertEquals(Tensor.vector(0, 1, 1), data.dataset().labels());
    assertEquals(3, data.dataset().size());
  }

  /**
   * A corrupt or cut-short gzip file threw the bare ZipException or EOFException, naming no file;
   * now the reader's DataFormatException names it, as IdxReader's does.
   */
  @Test
  void aBrokenGzipFileIsAFormatErrorNamingTheFile() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      String rows = "5.1,3.5,1.4,0.2,setosa\n".repeat(500);
      gzip.write((IRIS + rows).getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = bytes.toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
    Path cut = Files.write(dir.resolve("cut.csv.gz"), truncated);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CsvReader.builder().build().read(cut));
    assertEquals("cut.csv.gz: truncated: the gzip stream ends early (Unexpected end of ZLIB input"
        + " stream)", e.getMessage());
    byte[] corrupt = whole.clone();
    corrupt[2] = 7;  // the compression method: 8 (deflate) is the only one
    Path bad = Files.write(dir.resolve("bad.csv.gz"), corrupt);
    assertFormatError("bad.csv.gz: corrupt gzip data (Unsupported compression method)",
        () -> CsvReader.builder().build().read(bad));
  }

  @Test
  void aMalformedNumberNamesFileLineColumnAndText() throws IOException {
    Path file = Files.writeString(dir.resolve("iris.csv"), IRIS + "\n6.0,2.2,abc,1.5,virginica\n");
    assertFormatError("iris.csv: line 8, column 3 (petal_length): \"abc\" is not a number",
        () -> CsvReader.builder().build().read(file));
    assertFormatError("test.csv: line 2, column 1: \"1d\" is not a number",
        () -> read(CsvReader.builder().header(false).build(), "\n1d,0\n"));
    assertFormatError("test.csv: line 2, column 1 (price):"
            + " \"abcdefghijklmnopqrstuvwxyzabcdefghijklmn…\" is not a number",
        () -> read(CsvReader.builder().labelColumn("price").regression().build(),
            "price,rooms\nabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz,3\n"));
    // Typed, with the column and whether it is the label, for a caller's own way out (the
    // program's --drop): the message alone would have to be parsed.
    NotANumberException feature = assertThrows(NotANumberException.class,
        () -> CsvReader.builder().build().read(file));
    assertEquals("petal_length", feature.column());
    assertFalse(feature.isLabel());
    NotANumberException label = assertThrows(NotANumberException.class, () -> read(
        CsvReader.builder().labelColumn("price").regression().build(), "price,rooms\ncheap,3\n"));
    assertEquals("price", label.column());
    assertTrue(label.isLabel());
    assertEquals(null, assertThrows(NotANumberException.class, () -> read(
        CsvReader.builder().header(false).build(), "\n1d,0\n")).column(), "no header, no name");
  }

  @Test
  void aWrongFieldCountNamesFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("iris.csv"), IRIS + "5.0,3.6,1.4,setosa\n");
    assertFormatError("iris.csv: line 7: expected 5 fields, found 4",
        () -> CsvReader.builder().build().read(file));
    assertFormatError("test.csv: line 3: expected 2 fields, found 3",
        () -> read(CsvReader.builder().header(false).build(), "1,0\n\n1,2,0\n"));
  }

  @Test
  void otherMalformedInput() {
    CsvReader defaults = CsvReader.builder().build();
    assertFormatError("test.csv: line 2, column 2 (y): empty class label",
        () -> read(defaults, "x,y\n1,\n"));
    assertFormatError("test.csv: line 2, column 2: unterminated quoted field (a quoted field"
        + " cannot span lines)", () -> read(defaults, "x,y\n1,\"cat\n"));
    assertFormatError("test.csv: line 2, column 2: unexpected text after the closing quote: dog",
        () -> read(defaults, "x,y\n1,\"cat\"dog\n"));
    assertFormatError("test.csv: line 1: no column named \"species\" in the header (x, y)",
        () -> read(CsvReader.builder().labelColumn("species").build(), "x,y\n1,2\n"));
    assertFormatError("test.csv: line 1: the header names \"y\" more than once (columns 1, 3)",
        () -> read(CsvReader.builder().labelColumn("y").build(), "y,x,y\n1,2,3\n"));
    assertFormatError("test.csv: line 2: label column index 2 out of range for 2 columns"
        + " (valid: -2 to 1)",
        () -> read(CsvReader.builder().header(false).labelColumn(2).build(), "\n1,2\n"));
    assertFormatError("test.csv: no header row", () -> read(defaults, "\n  \n"));
    assertFormatError("test.csv: no rows",
        () -> read(CsvReader.builder().header(false).build(), ""));
  }

  @Test
  void aHeaderWithoutRowsIsAnEmptyDataset() throws IOException {
    CsvData data = read(CsvReader.builder().build(), "a,b,label\n");
    assertEquals("label", data.labelName());
    assertEquals(0, data.dataset().size());
    assertEquals(2, data.dataset().featureCount());
    assertEquals(List.of(), data.classNames());
  }

  @Test
  void optionErrors() {
    assertEquals("CsvReader: the label column is given by name (\"species\"), which needs a header"
        + " row", assertThrows(IllegalStateException.class, () -> CsvReader.builder()
            .header(false).labelColumn("species").build()).getMessage());
    assertEquals("CsvReader: class names do not apply to a regression target",
        assertThrows(IllegalStateException.class, () -> CsvReader.builder().regression()
            .classNames(List.of("a")).build()).getMessage());
    DatasetTest.assertMessage("CsvReader: a double quote cannot be the delimiter",
        () -> CsvReader.builder().delimiter('"'));
    DatasetTest.assertMessage("CsvReader: class name \"a\" repeats in [a, b, a]",
        () -> CsvReader.builder().classNames(List.of("a", "b", "a")));
    DatasetTest.assertMessage("CsvReader: lines to skip must not be negative, got -1",
        () -> CsvReader.builder().skipLines(-1));
    assertEquals("CsvReader.read: source name is null", assertThrows(NullPointerException.class,
        () -> CsvReader.builder().build().read(new StringReader(""), null)).getMessage());
  }

  @Test
  void float32FeaturesAreTheFloat64OnesRounded() throws IOException {
    String csv = "a,b,label\n0.1,2.5,x\n-3.3,1e-3,y\n";
    CsvData wide = CsvReader.builder().labelColumn("label").build()
        .read(new java.io.StringReader(csv), "mem");
    CsvData narrow = CsvReader.builder().labelColumn("label").dtype(DType.FLOAT32).build()
        .read(new java.io.StringReader(csv), "mem");
    assertEquals(DType.FLOAT32, narrow.dataset().features().dtype());
    assertEquals(wide.dataset().features().to(DType.FLOAT32), narrow.dataset().features());
    assertEquals(wide.dataset().labels(), narrow.dataset().labels(), "labels stay class indices");
  }
}
