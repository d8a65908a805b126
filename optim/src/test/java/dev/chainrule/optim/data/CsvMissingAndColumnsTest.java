package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Missing and non-finite cells, text that is not text, and the choice of columns. */
class CsvMissingAndColumnsTest {
  private static final String PEOPLE = """
      name,age,height,group
      ann,31,1.70,a
      bob,,1.80,b
      cy,45,NA,a
      dee,52,1.65,
      eve,38,inf,b
      fay,29,1.75,b
      """;

  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "people.csv");
  }

  private static void assertMissing(String expected, CsvReader.Builder reader, String text) {
    assertEquals(expected, assertThrows(MissingValueException.class,
        () -> read(reader, text)).getMessage());
  }

  private static void assertFormatError(String expected, CsvReader.Builder reader, String text) {
    assertEquals(expected, assertThrows(DataFormatException.class,
        () -> read(reader, text)).getMessage());
  }

  @Test
  void missingAndInfiniteCellsAreRejectedWithTheirPlace() {
    CsvReader.Builder reader = CsvReader.builder().drop(List.of("name"));
    assertMissing("people.csv: line 3, column 2 (age): empty cell", reader, PEOPLE);
    String row = "name,age,height,group\nann,31,%s,a\n";
    assertMissing("people.csv: line 2, column 3 (height): \"NA\" marks a missing value", reader,
        String.format(Locale.ROOT, row, "NA"));
    assertMissing("people.csv: line 2, column 3 (height): \"nan\" marks a missing value", reader,
        String.format(Locale.ROOT, row, "nan"));
    assertMissing("people.csv: line 2, column 3 (height): \"?\" marks a missing value", reader,
        String.format(Locale.ROOT, row, "?"));
    // pandas' markers beyond these (a spreadsheet's #N/A, Python's <NA>) were "not a number".
    for (String marker : List.of("#N/A", "<NA>", "-1.#IND")) {
      assertMissing("people.csv: line 2, column 3 (height): \"" + marker + "\" marks a missing"
          + " value", reader, String.format(Locale.ROOT, row, marker));
    }
    assertMissing("people.csv: line 2, column 3 (height): \"-Infinity\" is not a finite number",
        reader, String.format(Locale.ROOT, row, "-Infinity"));
    assertMissing("people.csv: line 2, column 4 (group): empty class label", reader,
        "name,age,height,group\nann,31,1.7,\n");
    assertMissing("people.csv: line 2, column 4 (group): class label \"NaN\" marks a missing"
        + " value", reader, "name,age,height,group\nann,31,1.7,NaN\n");
    assertMissing("people.csv: line 2, column 1 (y): \"inf\" is not a finite number",
        CsvReader.builder().labelColumn("y").regression(), "y,x\ninf,1\n");
  }

  /**
   * None is a class (Sleep Health's "Sleep Disorder": None, Insomnia, Sleep Apnea), under every
   * policy: as a marker of a missing value it refused the file, and --missing drop left out a
   * third of the rows and the class with them. In a feature it is not a number, as any word is.
   */
  @Test
  void noneIsAClassAndNotANumber() throws IOException {
    String sleep = "x1,x2,disorder\n-0.8,-0.7,None\n1.5,0.1,Insomnia\n0.1,0.1,None\n"
        + "2.0,1.9,Sleep Apnea\n";
    for (MissingValues policy : MissingValues.values()) {
      CsvData data = read(CsvReader.builder().labelColumn("disorder").missingValues(policy),
          sleep);
      assertEquals(List.of("Insomnia", "None", "Sleep Apnea"), data.classNames(), policy.name());
      assertEquals(0, data.droppedRows(), policy.name());
      assertEquals(4, data.dataset().size(), policy.name());
    }
    assertFormatError("people.csv: line 2, column 3 (height): \"None\" is not a number",
        CsvReader.builder().drop(List.of("name")), "name,age,height,group\nann,31,None,a\n");
  }

  /**
   * The label column knows the same markers of a missing value as the features (pandas reads
   * them as missing in every column): NA, ? and null used to become classes, one sample each,
   * and the numeric labels beside them were then sorted as text (1, 10, 2). An infinite label is
   * refused as an infinite feature is; dropping leaves the rows out and keeps classes by value.
   */
  @Test
  void markersOfMissingLabelsAreMissingAndInfiniteLabelsRefused() throws IOException {
    CsvReader.Builder reader = CsvReader.builder().drop(List.of("name"));
    String row = "name,age,height,group\nann,31,1.7,%s\n";
    // #N/A (a spreadsheet's) and <NA> (Python's) were classes, predicted like any other.
    for (String marker : List.of("NA", "?", "null", "n/a", "#N/A", "#N/A N/A", "<NA>")) {
      assertMissing("people.csv: line 2, column 4 (group): class label \"" + marker + "\" marks a"
          + " missing value", reader, String.format(Locale.ROOT, row, marker));
    }
    for (String infinite : List.of("inf", "-Infinity", "1e400")) {
      assertMissing("people.csv: line 2, column 4 (group): class label \"" + infinite + "\" is"
          + " not a finite number", reader, String.format(Locale.ROOT, row, infinite));
    }
    // A finite double (0) whose exact value has no BigDecimal: a NumberFormatException, placeless.
    assertMissing("people.csv: line 2, column 4 (group): class label \"0e-9999999999\" has an"
        + " exponent beyond any exact number's", reader, String.format(Locale.ROOT,
            row, "0e-9999999999"));
    CsvData dropped = read(CsvReader.builder().labelColumn("y")
        .missingValues(MissingValues.DROP), "a,y\n1,1\n2,2\n3,10\n4,NA\n5,?\n6,inf\n7,#N/A\n");
    assertEquals(4, dropped.droppedRows());
    assertEquals(List.of("1", "2", "10"), dropped.classNames(), "classes by value");
  }

  /**
   * Numeric labels are one class when their values are equal, exactly: 9007199254740992 and
   * 9007199254740993 are one double, and were merged into one class (ids and codes are labels).
   */
  @Test
  void numericLabelsAreClassesByExactValue() throws IOException {
    CsvData big = read(CsvReader.builder().labelColumn("y"), "a,y\n1,9007199254740992\n"
        + "2,9007199254740993\n3,12345678901234567890\n4,12345678901234567891\n5,1e0\n"
        + "6,1.0\n7,-0\n8,0.00\n");
    assertEquals(List.of("-0", "1.0", "9007199254740992", "9007199254740993",
        "12345678901234567890", "12345678901234567891"), big.classNames(),
        "ascending by value; texts of one value named by the first in text order");
    assertEquals(List.of(2.0, 3.0, 4.0, 5.0, 1.0, 1.0, 0.0, 0.0),
        java.util.Arrays.stream(big.dataset().labels().toArray()).boxed().toList());
  }

  /**
   * 3.5e38 and 1e39 are finite in float64 but not in float32: read as ±Infinity without a word,
   * while 1e400, beyond float64, was refused. Now both are infinities to the missing-value policy;
   * float32's largest value itself and a regression label (kept as float64) are read as numbers.
   */
  @Test
  void aNumberBeyondFloat32IsAnInfinityInAFloat32Reader() throws IOException {
    CsvReader.Builder narrow = CsvReader.builder().dtype(DType.FLOAT32);
    assertMissing("people.csv: line 3, column 1 (x): \"-1e39\" is not a finite number in float32"
        + " (largest 3.4028235E38)", narrow, "x,y\n1,a\n-1e39,b\n");
    assertMissing("people.csv: line 2, column 1 (x): \"3.5e38\" is not a finite number in float32"
        + " (largest 3.4028235E38)", narrow, "x,y\n3.5e38,a\n");
    // Said structurally too, so a program can offer float64 as the way out; an infinity is not.
    assertTrue(assertThrows(MissingValueException.class, () -> read(narrow, "x,y\n1e39,a\n"))
        .beyondFloat32());
    assertFalse(assertThrows(MissingValueException.class, () -> read(narrow, "x,y\ninf,a\n"))
        .beyondFloat32());
    CsvData dropped = read(CsvReader.builder().dtype(DType.FLOAT32)
        .missingValues(MissingValues.DROP), "x,y\n1,a\n1e39,b\n");
    assertEquals(1, dropped.droppedRows(), "the row with 1e39 is dropped");
    assertEquals(1, dropped.dataset().size());
    assertEquals(Float.MAX_VALUE, read(narrow, "x,y\n3.4028235e38,a\n").dataset().features()
        .item(), 0);
    CsvData wide = read(CsvReader.builder().labelColumn("y").regression().dtype(DType.FLOAT32),
        "x,y\n1,1e39\n");
    assertEquals(1e39, wide.dataset().labels().item(), 0);
  }

  @Test
  void droppingLeavesOutEveryRowWithAMissingCell() throws IOException {
    CsvData data = read(CsvReader.builder().drop(List.of("name"))
        .missingValues(MissingValues.DROP), PEOPLE);
    assertEquals(4, data.droppedRows(), "bob (age), cy (NA), dee (label), eve (inf)");
    assertEquals(Tensor.matrix(new double[][] {{31, 1.70}, {29, 1.75}}),
        data.dataset().features());
    assertEquals(List.of("a", "b"), data.classNames());
    assertEquals(List.of(2, 7), data.lines(), "the file lines of ann and fay");
    CsvData targets = read(CsvReader.builder().labelColumn("y").regression()
        .missingValues(MissingValues.DROP), "y,x\n1,2\nNaN,3\n4,5\n");
    assertEquals(Tensor.matrix(new double[][] {{1}, {4}}), targets.dataset().labels());
    assertEquals(1, targets.droppedRows());
  }

  @Test
  void keepingReadsMissingCellsAsNanButNotEmptyClassLabels() throws IOException {
    CsvData data = read(CsvReader.builder().features(List.of("height"))
        .missingValues(MissingValues.KEEP), "height,group\n,a\ninf,b\n");
    assertTrue(Double.isNaN(data.dataset().features().get(0, 0)));
    assertEquals(Double.POSITIVE_INFINITY, data.dataset().features().get(1, 0));
    assertMissing("people.csv: line 2, column 2 (group): empty class label",
        CsvReader.builder().missingValues(MissingValues.KEEP), "height,group\n1,\n");
  }

  @Test
  void bytesThatAreNotTextAreRefusedWithoutBeingEchoed() {
    byte[] binary = {'a', ',', 'b', '\n', 1, 0, (byte) 0x7f, ',', 2, '\n'};
    assertEquals("blob.bin: line 2: control character 0x01 at position 1: not text; is this a"
        + " binary file?", assertThrows(DataFormatException.class, () -> CsvReader.builder()
            .build().read(new ByteArrayInputStream(binary), "blob.bin")).getMessage());
    byte[] latin1 = {'a', ',', 'b', '\n', 'x', ',', (byte) 0xe9, '\n'};
    assertEquals("blob.bin: line 2: bytes at position 3 are not UTF-8 text: a file in another"
        + " encoding (Windows-1252 or Latin-1, as older spreadsheets save accented letters)"
        + " needs saving as UTF-8, and a binary file is no CSV",
        assertThrows(DataFormatException.class, () -> CsvReader.builder().build()
            .read(new ByteArrayInputStream(latin1), "blob.bin")).getMessage());
  }

  @Test
  void aDecimalCommaIsNamedAsSuch() {
    // The CSV of a decimal-comma locale, read with its semicolons but not its commas.
    byte[] text = "a;y\n0,1257;yes\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals("data.csv: line 2, column 1 (a): \"0,1257\" is not a number (numbers are read"
        + " with a decimal point: 0.1257, not a decimal comma)", assertThrows(
            DataFormatException.class, () -> CsvReader.builder().delimiter(';').labelColumn("y")
                .build().read(new ByteArrayInputStream(text), "data.csv")).getMessage());
  }

  @Test
  void chosenFeaturesComeInTheGivenOrderAndOtherColumnsAreNotRead() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("group")
        .features(List.of("height", "age")), "name,age,height,group\nann,31,1.7,a\nbob,40,1.8,b\n");
    assertEquals(List.of("height", "age"), data.featureNames());
    assertEquals(Tensor.matrix(new double[][] {{1.7, 31}, {1.8, 40}}), data.dataset().features());
    CsvData dropped = read(CsvReader.builder().labelColumn("group").drop(List.of("name")),
        "name,age,height,group\nann,31,1.7,a\nbob,40,1.8,b\n");
    assertEquals(List.of("age", "height"), dropped.featureNames());
  }

  @Test
  void columnChoicesThatCannotWorkAreErrors() {
    String text = "name,age,group\nann,31,a\n";
    assertFormatError("people.csv: line 1: no column named \"weight\" in the header (name, age,"
        + " group)", CsvReader.builder().features(List.of("age", "weight")), text);
    assertFormatError("people.csv: line 1: \"group\" is the label column; it cannot also be a"
        + " feature", CsvReader.builder().features(List.of("group")), text);
    assertFormatError("people.csv: line 1: \"group\" is the label column; it cannot be dropped",
        CsvReader.builder().drop(List.of("name", "group")), text);
    assertFormatError("people.csv: line 2, column 1 (name): \"ann\" is not a number",
        CsvReader.builder(), text);
    assertEquals("CsvReader: choose the feature columns or the columns to drop, not both",
        assertThrows(IllegalStateException.class, () -> CsvReader.builder()
            .features(List.of("a")).drop(List.of("b")).build()).getMessage());
    assertEquals("CsvReader: columns are chosen by name, which needs a header row",
        assertThrows(IllegalStateException.class, () -> CsvReader.builder().header(false)
            .drop(List.of("b")).build()).getMessage());
    DatasetTest.assertMessage("CsvReader: feature column \"a\" repeats in [a, a]",
        () -> CsvReader.builder().features(List.of("a", "a")));
  }

  @Test
  void columnsReadUnderOneNameAreRefusedAtTheHeader() throws IOException {
    // Without this the file trains, and only saving the model (or predict, which finds the
    // columns by name) finds that "age" names two columns.
    String why = ": features and the label are found by their names, so each needs a name of its"
        + " own";
    assertFormatError("people.csv: line 1: the header names \"age\" more than once (columns 2,"
        + " 4)" + why, CsvReader.builder().labelColumn("group").drop(List.of("name")),
        "name,age,height,age,group\nann,31,1.7,32,a\n");
    assertFormatError("people.csv: line 1: the header names \"x\" more than once (columns 1, 3)"
        + why, CsvReader.builder().labelColumnNamedOrAt("2"), "x,y,x\n1,2,a\n");
    // The label at column 1 shares its name with a feature as one at any other column does.
    assertFormatError("people.csv: line 1: the header names \"a\" more than once (columns 1, 3)"
        + why, CsvReader.builder().labelColumn(0), "a,b,a\nyes,1,2\n");
    // A label name the header lacks, taken as a position past the columns, says both.
    assertFormatError("people.csv: line 1: no column named \"5\" in the header (x, y, z), and as a"
        + " position, label column index 5 out of range for 3 columns (valid: -3 to 2)",
        CsvReader.builder().labelColumnNamedOrAt("5"), "x,y,z\n1,2,a\n");
    assertFormatError("people.csv: line 1: label column index 5 out of range for 3 columns"
        + " (valid: -3 to 2)", CsvReader.builder().header(false).labelColumnNamedOrAt("5"),
        "1,2,a\n");
    assertFormatError("people.csv: line 1: columns 2, 3 have no name in the header" + why,
        CsvReader.builder(), "a,,,y\n1,2,3,b\n");
    // --drop of a name two unread columns share leaves both out.
    CsvData notes = read(CsvReader.builder().labelColumn("group").drop(List.of("note")),
        "note,age,note,group\nx,31,y,a\n");
    assertEquals(List.of("age"), notes.featureNames());
    // Columns that are not read may share a name, and a file without a header has no names.
    CsvData chosen = read(CsvReader.builder().labelColumn("group").features(List.of("age")),
        "note,age,note,group\nx,31,y,a\n");
    assertEquals(List.of("age"), chosen.featureNames());
    CsvData unnamed = read(CsvReader.builder().header(false), "1,2,a\n3,4,b\n");
    assertEquals(List.of("column 1", "column 2"), unnamed.featureNames());
  }

  @Test
  void anOptionalLabelMayBeAbsent() throws IOException {
    CsvReader.Builder reader = CsvReader.builder().labelColumn("group").optionalLabel()
        .features(List.of("age"));
    CsvData unlabeled = read(reader, "age,name\n31,ann\n40,bob\n");
    assertFalse(unlabeled.hasLabels());
    assertEquals(dev.chainrule.core.Shape.of(2, 0), unlabeled.dataset().labels().shape());
    CsvData labeled = read(reader, "age,group\n31,x\n40,y\n");
    assertTrue(labeled.hasLabels());
    assertEquals(List.of("x", "y"), labeled.classNames());
  }

  @Test
  void anOptionalLabelsEmptyCellsMarkRowsToPredictNotMissingValues() throws IOException {
    String text = "age,group\n31,x\n40,\n52,y\n60,NA\n";
    for (MissingValues policy : MissingValues.values()) {
      CsvData inferred = read(CsvReader.builder().labelColumn("group").optionalLabel()
          .missingValues(policy), text);
      assertEquals(List.of("x", "y"), inferred.classNames(), policy.toString());
      assertArrayEquals(new int[] {0, 2}, inferred.labelledRows(), policy.toString());
      assertEquals(List.of(1, 3), inferred.unlabelledRows(), policy.toString());
      assertEquals(1.0, inferred.dataset().labels().get(2), "y, the second class");
    }
    CsvData fixed = read(CsvReader.builder().labelColumn("group").optionalLabel()
        .classNames(List.of("y", "x")), text);
    assertArrayEquals(new int[] {0, 2}, fixed.labelledRows());
    assertEquals(0.0, fixed.dataset().labels().get(2), "y, the first class given");
    CsvData values = read(CsvReader.builder().labelColumn("age").optionalLabel().regression(),
        "age,group\n31,1\n,2\n");
    assertArrayEquals(new int[] {0}, values.labelledRows());
    // Without optionalLabel an empty label is still a missing value, refused by default.
    assertThrows(MissingValueException.class,
        () -> read(CsvReader.builder().labelColumn("group"), text));
  }

  /**
   * New rows to predict whose label cannot be scored (a class the model never saw, text for a
   * number) stop the file as before, but say how to have them predicted: the refusal alone left
   * predict's user with no predictions and no way to get any.
   */
  @Test
  void anOptionalLabelThatCannotBeScoredSaysTheRowsCanBePredictedWithoutIt() {
    assertFormatError("people.csv: line 3, column 2 (group): \"hamster\" is not one of the"
        + " classes [x, y]; labels are only scored here: without the column \"group\" (removed"
        + " or renamed) the rows are predicted, not scored", CsvReader.builder()
        .labelColumn("group").optionalLabel().classNames(List.of("x", "y")),
        "age,group\n31,x\n40,hamster\n");
    assertFormatError("people.csv: line 2, column 1 (age): \"old\" is not a number; labels are"
        + " only scored here: without the column \"age\" (removed or renamed) the rows are"
        + " predicted, not scored", CsvReader.builder().labelColumn("age").optionalLabel()
        .regression(), "age,group\nold,1\n");
    // A feature is not the label: its text stops the file with no such advice, and a label that
    // is not optional (a file to train on) is the data to learn, not a score.
    assertFormatError("people.csv: line 2, column 2 (group): \"b\" is not a number",
        CsvReader.builder().labelColumn("age").optionalLabel().regression(), "age,group\n3,b\n");
    assertFormatError("people.csv: line 2, column 1 (age): \"old\" is not a number",
        CsvReader.builder().labelColumn("age").regression(), "age,group\nold,1\n");
  }
}
