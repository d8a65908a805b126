package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DataChecksTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "data.csv");
  }

  private static void assertRefused(Reason reason, String message, Executable check) {
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class, check);
    assertEquals(message, e.getMessage());
    assertEquals(reason, e.reason());
  }

  /** Rows "x,label" for the given labels. */
  private static String rows(Object... labels) {
    StringBuilder text = new StringBuilder("x,y\n");
    IntStream.range(0, labels.length).forEach(i -> text.append(i).append(',')
        .append(labels[i]).append('\n'));
    return text.toString();
  }

  @Test
  void aFileWithOnlyTheLabelHasNothingToLearnFrom() throws IOException {
    CsvData data = read(CsvReader.builder(), "y\na\nb\n");
    assertRefused(Reason.NO_FEATURES, "data.csv: no feature columns: only the label \"y\" is left"
        + " to read", () -> DataChecks.requireLearnable(data, "data.csv"));
  }

  @Test
  void oneClassOrOneTargetValueIsRefused() throws IOException {
    CsvData one = read(CsvReader.builder(), rows("yes", "yes", "yes"));
    assertRefused(Reason.ONE_VALUE, "data.csv: the label \"y\" has one class (\"yes\") in all 3"
        + " rows: there is nothing to tell apart", () -> DataChecks.requireLearnable(one,
            "data.csv"));
    CsvData flat = read(CsvReader.builder().regression(), rows(2.5, 2.5));
    assertRefused(Reason.ONE_VALUE, "data.csv: the target \"y\" is 2.5 in all 2 rows: there is"
        + " nothing to learn", () -> DataChecks.requireLearnable(flat, "data.csv"));
  }

  @Test
  void aTargetOutlierThatMergesTheOtherValuesIsRefusedInTheModelsType() throws IOException {
    CsvData wild = read(CsvReader.builder().regression(), rows(1, 2, 3, 4, 5, 6, 7, 8, 9, 1e39));
    assertRefused(Reason.UNRESOLVED_TARGET, "data.csv: the target \"y\" holds 1.0E39 at line 11,"
        + " so far from its other values (median 6.0) that, standardised by the spread it makes,"
        + " 10 different values become 2 in float64: the model could not tell them apart;"
        + " correct or remove that row, or predict the target in other units (e.g. its"
        + " logarithm)", () -> DataChecks.requireLearnable(wild, "data.csv"));
    // 1e9 among 1 to 9: float64 still tells the nine apart (16 digits), float32 (7) does not.
    Object[] far = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1e9};
    DataChecks.requireLearnable(read(CsvReader.builder().regression(), rows(far)), "data.csv");
    CsvData narrow = read(CsvReader.builder().regression().dtype(DType.FLOAT32), rows(far));
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireLearnable(narrow, "data.csv"));
    assertTrue(e.getMessage().contains("10 different values become"), e.getMessage());
    assertTrue(e.getMessage().contains("in float32"), e.getMessage());
    // An ordinary outlier is data, not a refusal.
    DataChecks.requireLearnable(read(CsvReader.builder().regression(),
        rows(1, 2, 3, 4, 5, 6, 7, 8, 9, 1e6)), "data.csv");
  }

  @Test
  void featuresThatNeverVaryAreRefusedButOneVaryingFeatureIsEnough() throws IOException {
    CsvData one = read(CsvReader.builder(), "x,y\n7,a\n7,b\n7,a\n");
    assertRefused(Reason.CONSTANT_FEATURES, "data.csv: no feature varies: the feature \"x\" has"
        + " the same value in all 3 rows: there is nothing to learn from",
        () -> DataChecks.requireLearnable(one, "data.csv"));
    CsvData two = read(CsvReader.builder().regression(), "a,b,y\n7,-1,1\n7,-1,2\n7,-1,3\n");
    assertRefused(Reason.CONSTANT_FEATURES, "data.csv: no feature varies: each of the 2 features"
        + " (a, b) has the same value in all 3 rows: there is nothing to learn from",
        () -> DataChecks.requireLearnable(two, "data.csv"));
    CsvData varies = read(CsvReader.builder(), "a,b,y\n7,1,a\n7,2,b\n7,1,a\n");
    DataChecks.requireLearnable(varies, "data.csv");
    // Rows to predict (no label) may well be one row, or all alike: only training is refused.
    CsvData unlabelled = read(CsvReader.builder().labelColumn("y").optionalLabel(), "x\n7\n7\n");
    DataChecks.requireLearnable(unlabelled, "data.csv");
  }

  @Test
  void manyDistinctNumbersLookContinuous() throws IOException {
    Object[] measured = IntStream.range(0, 40).mapToObj(i -> (Object) (i * 0.25)).toArray();
    CsvData fractional = read(CsvReader.builder(), rows(measured));
    assertRefused(Reason.CONTINUOUS_LABEL, "data.csv: the label \"y\" looks continuous: 40"
        + " different numbers in 40 rows (such as 0.25); classes need several rows each",
        () -> DataChecks.requireLearnable(fractional, "data.csv"));
    Object[] counts = IntStream.range(0, 40).mapToObj(i -> (Object) (i % 11)).toArray();
    CsvData sparse = read(CsvReader.builder(), rows(counts));
    assertRefused(Reason.CONTINUOUS_LABEL, "data.csv: the label \"y\" looks continuous: 11"
        + " different numbers in 40 rows (such as 5); classes need several rows each",
        () -> DataChecks.requireLearnable(sparse, "data.csv"));
  }

  /** A column of names given as the label: the split said only "too few rows". */
  @Test
  void textLabelsMostlyOneRowEachLookLikeNames() throws IOException {
    Object[] names = IntStream.range(0, 20).mapToObj(i -> "user" + (char) ('a' + i)).toArray();
    CsvData people = read(CsvReader.builder(), rows(names));
    assertRefused(Reason.IDENTIFYING_LABEL, "data.csv: the label \"y\" has 20 different values"
        + " in 20 rows (such as \"usera\"), fewer than two rows per class: is it a name or an id"
        + " rather than a label? Classes need several rows each",
        () -> DataChecks.requireLearnable(people, "data.csv"));
    // Eleven kinds of two rows each: a small data set, not names.
    Object[] pairs = IntStream.range(0, 22).mapToObj(i -> "kind" + (char) ('a' + i / 2))
        .toArray();
    DataChecks.requireLearnable(read(CsvReader.builder(), rows(pairs)), "data.csv");
  }

  @Test
  void fewClassesOrEnoughRowsPerClassAreFine() throws IOException {
    Object[] ten = IntStream.range(0, 20).mapToObj(i -> (Object) (i % 10 + 0.5)).toArray();
    DataChecks.requireLearnable(read(CsvReader.builder(), rows(ten)), "data.csv");
    Object[] eleven = IntStream.range(0, 55).mapToObj(i -> (Object) (i % 11)).toArray();
    DataChecks.requireLearnable(read(CsvReader.builder(), rows(eleven)), "data.csv");
  }

  @Test
  void aSplitNeedsATestRowAndTwoTrainingRows() {
    Dataset two = new Dataset(Tensor.matrix(new double[][] {{1}, {2}}), Tensor.vector(0, 1));
    assertRefused(Reason.TOO_FEW_ROWS, "data.csv: 2 rows are too few for a test fraction of 0.2:"
        + " at least 3 are needed for a test row and 2 training rows",
        () -> DataChecks.requireSplit(two.split(0.2, 1), 0.2, "data.csv"));
    Dataset four = new Dataset(Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}}),
        Tensor.vector(0, 0, 1, 1));
    assertRefused(Reason.TOO_FEW_ROWS, "data.csv: 4 rows are too few for a test fraction of 0.2:"
        + " each class holds out its own share, and none is large enough to give a test row (a"
        + " class needs 3 rows)", () -> DataChecks.requireSplit(four.stratifiedSplit(0.2, 1),
            0.2, "data.csv"));
    Dataset pairs = new Dataset(Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7},
        {8}}), Tensor.vector(0, 0, 1, 1, 2, 2, 3, 3));
    assertRefused(Reason.TOO_FEW_ROWS, "data.csv: 8 rows are too few for a test fraction of 0.8:"
        + " they leave 0 to train on, and at least 2 are needed",
        () -> DataChecks.requireSplit(pairs.stratifiedSplit(0.8, 1), 0.8, "data.csv"));
    DataChecks.requireSplit(four.split(0.25, 1), 0.25, "data.csv");
  }

  /**
   * Targets 5, 5, 5, 5, 9 pass the whole-file check, but a split may hold the 9 out: then the
   * training part has one value, and the model would learn a constant.
   */
  @Test
  void aRegressionSplitNeedsTwoTargetValuesToTrainOn() {
    Dataset almostConstant = new Dataset(Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}, {5}}),
        Tensor.matrix(new double[][] {{5}, {5}, {5}, {5}, {9}}));
    Split split = new Split(almostConstant.subset(new int[] {0, 1, 2, 3}),
        almostConstant.subset(new int[] {4}));
    assertRefused(Reason.ONE_VALUE, "data.csv: the target \"y\" is 5.0 in all 4 training rows"
        + " of the split (the other values are all in the 1 test rows): there is nothing to"
        + " learn; give more rows, a smaller test fraction or another seed",
        () -> DataChecks.requireTrainingSpread(split, "y", "data.csv"));
    DataChecks.requireTrainingSpread(new Split(almostConstant.subset(new int[] {0, 1, 4}),
        almostConstant.subset(new int[] {2, 3})), "y", "data.csv");
  }

  /**
   * Classes 0, 0, 0, 1, 2 pass the whole-file check, but a split may hold out every row of 1 and
   * 2: the training part then holds one class, and the network would answer it for every row.
   */
  @Test
  void aClassificationSplitNeedsTwoClassesToTrainOn() {
    Dataset rows = new Dataset(Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}, {5}}),
        Tensor.vector(0, 0, 0, 1, 2));
    List<String> names = List.of("cat", "dog", "eel");
    Split split = new Split(rows.subset(new int[] {0, 1}), rows.subset(new int[] {2, 3, 4}));
    assertRefused(Reason.ONE_VALUE, "data.csv: the label \"y\" has one class (\"cat\") in all 2"
        + " rows of the split's training part, the other classes' rows all in the 3 test rows"
        + " (\"dog\": 1, \"eel\": 1): there is nothing to tell apart; give more rows or a"
        + " smaller test fraction",
        () -> DataChecks.requireTrainingClasses(split, names, "y", "data.csv"));
    assertRefused(Reason.ONE_VALUE, "data.csv: the label \"y\" has one class (\"cat\") in all 2"
        + " rows trained on, the other class's rows all in the 1 validation row (\"eel\": 1):"
        + " there is nothing to tell apart; give more rows or a smaller validation share",
        () -> DataChecks.requireClassesTrainedOn(rows.subset(new int[] {0, 1}),
            rows.subset(new int[] {4}), names, "y", "data.csv"));
    // Two classes in training are enough, whatever the test rows hold.
    DataChecks.requireTrainingClasses(new Split(rows.subset(new int[] {0, 3}),
        rows.subset(new int[] {1, 2, 4})), names, "y", "data.csv");
  }

  @Test
  void theMinimumRowCountIsTheSmallestThatWorks() {
    assertEquals(3, DataChecks.minimumRows(0.2), "round(0.6) = 1 test row, 2 to train");
    assertEquals(3, DataChecks.minimumRows(0.25), "round(0.5) rounds up; 2 would leave 1");
    assertEquals(5, DataChecks.minimumRows(0.1), "round(0.5) = 1");
    assertEquals(8, DataChecks.minimumRows(0.8), "round(6.4) = 6 leaves 2");
    assertEquals(500_000_000L, DataChecks.minimumRows(1e-9), "a closed-form start, no long loop");
    for (double f : new double[] {0.01, 0.2, 0.33, 0.5, 0.9}) {
      long n = DataChecks.minimumRows(f);
      long test = Math.round(f * n);
      long fewer = Math.round(f * (n - 1));
      assertEquals(true, test >= 1 && n - test >= 2, "n works for " + f);
      assertEquals(false, fewer >= 1 && n - 1 - fewer >= 2, "n − 1 does not for " + f);
    }
  }

  /**
   * Below a test fraction of about 5.4e-20, 0.5 / f saturated the searches' start at the largest
   * long, and the count of rows stepped on from there, wrapping, for 2⁶⁴ steps: the program hung
   * where it meant to refuse the split. The counts are now quoted only where a long holds them.
   */
  @Test
  void aVanishingTestFractionIsRefusedPromptly() {
    Dataset thirty = new Dataset(Tensor.of(new double[60], 30, 2), Tensor.vector(new double[30]));
    // Seconds against the hang's centuries: a few thousand steps of search at the most.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertEquals(Long.MAX_VALUE, DataChecks.minimumRows(1e-20), "2⁶² rows or more");
      assertEquals(Long.MAX_VALUE, DataChecks.minimumRows(Double.MIN_VALUE));
      long justBelow = DataChecks.minimumRows(1.1e-19);
      assertTrue(justBelow > 4.5e18 && justBelow <= 0.5 / 1.1e-19 + 4096, "" + justBelow);
      assertRefused(Reason.TOO_FEW_ROWS, "x.csv: 30 rows are too few for a test fraction of"
          + " 1.0E-20: a test row alone needs 5.0e+19 rows, more than any data set holds",
          () -> DataChecks.requireSplit(thirty.split(1e-20, 1), 1e-20, "x.csv"));
      assertRefused(Reason.TOO_FEW_ROWS, "x.csv: 30 rows are too few for a test fraction of"
          + " 1.0E-20: each class holds out its own share, and none is large enough to give a"
          + " test row (a class needs 5.0e+19 rows, more than any data set holds)",
          () -> DataChecks.requireSplit(thirty.stratifiedSplit(1e-20, 1), 1e-20, true,
              "x.csv"));
    });
  }

  @Test
  void theEdgesOfASplitAndOfTheTestFraction() {
    Dataset three = new Dataset(Tensor.matrix(new double[][] {{1}, {2}, {3}}),
        Tensor.vector(0, 1, 0));
    DataChecks.requireSplit(three.split(0.2, 1), 0.2, "data.csv");  // 1 test row, exactly 2 left
    Dataset singles = new Dataset(Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}}),
        Tensor.vector(0, 1, 2, 3));
    assertRefused(Reason.TOO_FEW_ROWS, "data.csv: 4 rows are too few for a test fraction of 0.25:"
        + " each class holds out its own share, and none is large enough to give a test row (a"
        + " class needs 2 rows)", () -> DataChecks.requireSplit(singles.stratifiedSplit(0.25, 1),
            0.25, "data.csv"));
    for (double f : new double[] {0, 1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DataChecks.minimumRows(f));
      assertEquals("minimumRows: test fraction must lie in (0, 1), got " + f, e.getMessage());
      // requireSplit says so under its own name (it named minimumRows, which it calls).
      e = assertThrows(IllegalArgumentException.class,
          () -> DataChecks.requireSplit(singles.split(f, 1), f, "data.csv"));
      assertEquals("requireSplit: test fraction must lie in (0, 1), got " + f, e.getMessage());
    }
  }
}
