package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.UnlearnableDataException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warning for a class no row trained on names where its rows went. Under {@code
 * --validation} every such class was blamed on "the split sent all its rows to the test and
 * validation rows": Fashion-MNIST's Bag, absent from the first 20 training images and with test
 * rows from a file of their own, included. And a command that builds its problem itself (from
 * training files of their own) can refuse rows trained on of one class as {@link Problems} does.
 */
class UntrainedClassCausesTest {
  static final long SEED = 3L;
  static final List<String> NAMES = List.of("a", "b", "c", "d");
  static final Problem.Columns COLUMNS = new Problem.Columns(List.of("x"), "y");

  static Dataset rows(int... classes) {
    double[] x = new double[classes.length];
    Arrays.setAll(x, i -> i % 5);
    return new Dataset(Tensor.of(x, classes.length, 1),
        Tensor.vector(Arrays.stream(classes).asDoubleStream().toArray()));
  }

  /** {@code n} rows alternating a and b, then {@code extra}. */
  private static int[] ab(int n, int... extra) {
    int[] classes = new int[n + extra.length];
    Arrays.setAll(classes, i -> i < n ? i % 2 : extra[i - n]);
    return classes;
  }

  /** Test rows from a file of their own, as fashion-mnist's: no split made them. */
  static Problem ownFiles(Dataset train) {
    return new Problem("own", train, rows(0, 1, 2, 3), NAMES, false, COLUMNS,
        new Problem.Preparation(null, null, null));
  }

  @Test
  void trainingFilesOfTheirOwnBlameTheDataOrTheValidationShare() {
    // c has one row, which a share of 0.5 holds out (round(0.5) = 1); d has none at all.
    Problem problem = ownFiles(rows(ab(20, 2)));
    Validation half = new Validation(0.5, 0);
    HeldOutRows held = HeldOutRows.of(problem, half, SEED);
    assertEquals(List.of(2, 3), held.classesNotTrained(NAMES.size()), "the premise");
    assertEquals(List.of("class c has no training row: the --validation split sent all its rows"
        + " to the validation rows, so the network cannot learn it", "class d has no training"
        + " row: the training data (with --limit, its first rows) holds none, so the network"
        + " cannot learn it"), held.untrainedClassWarnings(problem));
    HeldOutRows none = HeldOutRows.of(problem, Validation.NONE, SEED);
    assertEquals(List.of("class d has no training row: the training data (with --limit, its"
        + " first rows) holds none, so the network cannot learn it"),
        none.untrainedClassWarnings(problem));
  }

  /** Class index 0 is found in the training part like any other: its one row was held out. */
  @Test
  void theFirstClassHeldOutIsBlamedOnTheValidationShare() {
    int[] classes = new int[21];
    Arrays.setAll(classes, i -> i < 20 ? 1 + i % 2 : 0);
    Problem problem = ownFiles(rows(classes));
    HeldOutRows held = HeldOutRows.of(problem, new Validation(0.5, 0), SEED);
    assertEquals(List.of(0, 3), held.classesNotTrained(NAMES.size()), "the premise");
    assertEquals("class a has no training row: the --validation split sent all its rows to the"
        + " validation rows, so the network cannot learn it",
        held.untrainedClassWarnings(problem).get(0));
  }

  /** A row whose class index is past the problem's classes (no name of its) is no class's. */
  @Test
  void anIndexPastTheClassesIsNoClassesRow() {
    Problem problem = new Problem("own", rows(ab(20, 2)), rows(0, 1, 2, 4), NAMES, false, COLUMNS,
        new Problem.Preparation(null, null, null));
    HeldOutRows none = HeldOutRows.of(problem, Validation.NONE, SEED);
    assertEquals(List.of("class d has no training row: the training data (with --limit, its"
        + " first rows) holds none, so the network cannot learn it"),
        none.untrainedClassWarnings(problem));
  }

  @Test
  void aSplitIsBlamedForTheRowsItSentAwayAndTheDataForTheRest() {
    // c: 2 rows, one to the test part (0.5 of 2) and one to the validation rows (0.5 of 1);
    // d: 1 row, to the test part.
    Dataset all = rows(ab(40, 2, 2, 3));
    Validation half = new Validation(0.5, 0);
    Problem problem = Problems.classification("csv", all, COLUMNS, NAMES, 0.5, SEED, "t.csv",
        null, half);
    HeldOutRows held = HeldOutRows.of(problem, half, SEED);
    assertEquals(List.of(2, 3), held.classesNotTrained(NAMES.size()), "the premise");
    assertEquals(List.of("class c has no training row: the split and --validation sent all its"
        + " rows to the test and validation rows, so the network cannot learn it", "class d has"
        + " no training row: the split sent all its rows to the test rows, so the network cannot"
        + " learn it"), held.untrainedClassWarnings(problem));
  }

  @Test
  void aClassNoRowHoldsIsBlamedOnTheData() {
    // A loaded model's classes may name one the data lacks; no split sent it anywhere.
    Problem problem = Problems.classification("csv", rows(ab(40)), COLUMNS, NAMES, 0.25, SEED,
        "t.csv", null, Validation.NONE);
    HeldOutRows held = HeldOutRows.of(problem, Validation.NONE, SEED);
    assertEquals("class c has no training row: the data holds none, so the network cannot learn"
        + " it", held.untrainedClassWarnings(problem).get(0));
  }

  @Test
  void rowsTrainedOnOfOneClassAreRefusedForAProblemBuiltElsewhere() {
    // Four a and one b, half held out: two a are trained on, the b is held out.
    Dataset train = rows(0, 0, 0, 0, 1);
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> HeldOutRows.requireClassesTrainedOn(train, new Validation(0.5, 0), SEED, NAMES,
            "y", "own"));
    assertEquals(UnlearnableDataException.Reason.ONE_VALUE, e.reason());
    assertEquals("own: the label \"y\" has one class (\"a\") in all 2 rows trained on, the"
        + " other class's rows all in the 3 validation rows (\"b\": 1): there is nothing to tell"
        + " apart; give more rows or a smaller validation share", e.getMessage());
    // Nothing held out, or two classes left, or a share of() refuses: no refusal here.
    assertDoesNotThrow(() -> HeldOutRows.requireClassesTrainedOn(train, Validation.NONE, SEED,
        NAMES, "y", "own"));
    assertDoesNotThrow(() -> HeldOutRows.requireClassesTrainedOn(rows(ab(20)),
        new Validation(0.5, 0), SEED, NAMES, "y", "own"));
    assertDoesNotThrow(() -> HeldOutRows.requireClassesTrainedOn(rows(0, 0, 1),
        new Validation(0.9, 0), SEED, NAMES, "y", "own"));
  }
}
