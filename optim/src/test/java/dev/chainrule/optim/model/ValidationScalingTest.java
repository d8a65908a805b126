package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.data.UnlearnableDataException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With rows held out for validation, the standardisation is fitted on the rows trained on only:
 * the validation rows here are far from the rest (features near 1,000 or −500 where the others are
 * single digits), so statistics that counted them would be far from the trained rows' own.
 */
class ValidationScalingTest {
  private static final int ROWS = 40;
  private static final double TEST = 0.25;
  private static final double HELD = 0.25;
  private static final long SEED = 7L;
  private static final Validation VALIDATION = new Validation(HELD, 0);
  private static final Problem.Columns COLUMNS = new Problem.Columns(List.of("a", "b"), "y");

  /**
   * Relative tolerance of the fitted statistics against the sums below: the library sums 22
   * values of size ≤ 10 in another order (a few ulps), far below the 100-fold difference the
   * validation rows would make.
   */
  private static final double CLOSE = 1e-12;

  /** Which rows a split chooses depends on the count, the seed and the classes, not values. */
  private static boolean[] validationRows(boolean regression) {
    double[] ids = new double[ROWS];
    Arrays.setAll(ids, i -> i);
    Dataset index = new Dataset(Tensor.of(ids, ROWS, 1), labels(regression));
    Split outer = regression ? index.split(TEST, SEED) : index.stratifiedSplit(TEST, SEED);
    Dataset part = outer.train();
    Split inner = regression ? part.split(HELD, SEED) : part.stratifiedSplit(HELD, SEED);
    boolean[] held = new boolean[ROWS];
    for (double id : inner.test().features().toArray()) {
      held[(int) id] = true;
    }
    return held;
  }

  /** Two balanced classes, or a target 3·i mod 11. */
  private static Tensor labels(boolean regression) {
    double[] y = new double[ROWS];
    Arrays.setAll(y, i -> regression ? (3 * i) % 11 : i % 2);
    return regression ? Tensor.of(y, ROWS, 1) : Tensor.vector(y);
  }

  /** Single-digit features and targets, but far off on the validation rows. */
  private static Dataset data(boolean regression, boolean[] held) {
    double[] x = new double[2 * ROWS];
    double[] y = labels(regression).toArray();
    for (int i = 0; i < ROWS; i++) {
      x[2 * i] = held[i] ? 1000 + i : i % 7;
      x[2 * i + 1] = held[i] ? -500 : (i * 5) % 9;
      if (regression && held[i]) {
        y[i] = 2000 + i;
      }
    }
    return new Dataset(Tensor.of(x, ROWS, 2),
        regression ? Tensor.of(y, ROWS, 1) : Tensor.vector(y));
  }

  /** The raw rows of {@code all} that are in the training part and not held out. */
  private static double[][] trainedRows(Dataset all, boolean regression, boolean[] held) {
    double[] ids = new double[ROWS];
    Arrays.setAll(ids, i -> i);
    Dataset index = new Dataset(Tensor.of(ids, ROWS, 1), labels(regression));
    Split outer = regression ? index.split(TEST, SEED) : index.stratifiedSplit(TEST, SEED);
    double[] features = all.features().toArray();
    double[] targets = all.labels().toArray();
    return Arrays.stream(outer.train().features().toArray()).mapToInt(id -> (int) id)
        .filter(i -> !held[i])
        .mapToObj(i -> new double[] {features[2 * i], features[2 * i + 1], targets[i]})
        .toArray(double[][]::new);
  }

  /** Mean and population standard deviation of column {@code c}. */
  private static double[] statistics(double[][] rows, int c) {
    double mean = Arrays.stream(rows).mapToDouble(r -> r[c]).average().orElseThrow();
    double variance = Arrays.stream(rows).mapToDouble(r -> (r[c] - mean) * (r[c] - mean))
        .average().orElseThrow();
    return new double[] {mean, Math.sqrt(variance)};
  }

  private static void assertScaling(double[][] rows, int[] columns, Scaling scaling) {
    for (int k = 0; k < columns.length; k++) {
      double[] expected = statistics(rows, columns[k]);
      assertEquals(expected[0], scaling.mean().get(k), CLOSE * Math.abs(expected[0]),
          "mean of column " + columns[k]);
      assertEquals(expected[1], scaling.scale().get(k), CLOSE * expected[1],
          "scale of column " + columns[k]);
    }
  }

  /**
   * The held-out rows are the recorded scaling applied to their raw values: the same subtraction
   * and division, so exact.
   */
  private static void assertScaledWith(Scaling scaling, Dataset raw, boolean[] held,
      Dataset watched) {
    double[] x = raw.features().toArray();
    double[] scaled = watched.features().toArray();
    int row = 0;
    for (int i = 0; i < ROWS; i++) {
      if (held[i]) {
        for (int f = 0; f < 2; f++) {
          assertEquals((x[2 * i + f] - scaling.mean().get(f)) / scaling.scale().get(f),
              scaled[2 * row + f], 0.0, "validation row of data row " + i + ", feature " + f);
        }
        row++;
      }
    }
    assertEquals(row, watched.size());
  }

  @Test
  void classificationFitsTheRowsTrainedOnAndScalesTheValidationRowsWithThem() {
    boolean[] held = validationRows(false);
    Dataset all = data(false, held);
    Problem p = Problems.classification("toy", all, COLUMNS, List.of("no", "yes"), TEST, SEED,
        "toy.csv", null, VALIDATION);
    Scaling scaling = Scaling.of(p.preparation().features());
    double[][] trained = trainedRows(all, false, held);
    assertEquals(ROWS - 10 - 8, trained.length);  // 10 test rows, 8 of the other 30 held out
    assertScaling(trained, new int[] {0, 1}, scaling);
    HeldOutRows rows = HeldOutRows.of(p, VALIDATION, SEED);
    assertEquals(trained.length, rows.train().size());
    assertScaledWith(scaling, all, held, rows.watched());
    // The description a saved model carries records those statistics.
    ModelDescription described = p.describe(Mlp.of(2, List.of(3), 2, Activation.tanh(), 1L));
    assertEquals(scaling, described.featureScaling());
  }

  @Test
  void regressionFitsFeaturesAndTargetsOnTheRowsTrainedOn() {
    boolean[] held = validationRows(true);
    Dataset all = data(true, held);
    Problem p = Problems.regression("toy", all, COLUMNS, TEST, SEED, "toy.csv", null,
        VALIDATION);
    double[][] trained = trainedRows(all, true, held);
    assertEquals(ROWS - 10 - 8, trained.length);  // round(0.25 · 40) and round(0.25 · 30)
    assertScaling(trained, new int[] {0, 1}, Scaling.of(p.preparation().features()));
    assertScaling(trained, new int[] {2}, Scaling.of(p.preparation().targets()));
    assertScaledWith(Scaling.of(p.preparation().features()), all, held,
        HeldOutRows.of(p, VALIDATION, SEED).watched());
  }

  /** One target value on the rows trained on, the others all held out: nothing to learn. */
  @Test
  void regressionRefusesRowsTrainedOnThatHoldOneTarget() {
    boolean[] held = validationRows(true);
    double[] y = new double[ROWS];
    Arrays.setAll(y, i -> held[i] ? 9 : 4);
    Dataset all = new Dataset(data(true, held).features(), Tensor.of(y, ROWS, 1));
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> Problems.regression("toy", all, COLUMNS, TEST, SEED, "toy.csv", null, VALIDATION));
    assertEquals(UnlearnableDataException.Reason.ONE_VALUE, e.reason());
    assertEquals("toy.csv: the target \"y\" is 4.0 in all 22 rows trained on (the other values"
        + " of the training part are all in its 8 validation rows): there is nothing to learn;"
        + " give more rows, a smaller validation share or another seed", e.getMessage());
  }

  /** Other rows than the statistics left out would leak into the validation loss, or be missed. */
  @Test
  void theRowsHeldOutMustBeTheOnesTheStatisticsLeftOut() {
    Dataset all = data(true, validationRows(true));
    Problem fitted = Problems.regression("toy", all, COLUMNS, TEST, SEED, "toy.csv", null,
        VALIDATION);
    assertEquals(22, HeldOutRows.of(fitted, new Validation(HELD, 3), SEED).train().size(),
        "the patience is no matter");
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> HeldOutRows.of(fitted, new Validation(0.5, 0), SEED));
    assertEquals("HeldOutRows: the problem's standardisation was fitted on the rows a validation"
        + " share of 0.25 leaves with seed 7, not 0.5 with seed 7: give Problems the validation"
        + " share and seed the run holds out", other.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
            () -> HeldOutRows.of(fitted, VALIDATION, SEED + 1))
        .getMessage().startsWith("HeldOutRows: the problem's standardisation was fitted on the rows"
        + " a validation share of 0.25 leaves with seed 7, not 0.25 with"
        + " seed 8: give Problems the "));
    assertTrue(assertThrows(IllegalArgumentException.class,
            () -> HeldOutRows.of(fitted, Validation.NONE, SEED))
        .getMessage().startsWith("HeldOutRows: the problem's standardisation was fitted on the rows"
        + " a validation share of 0.25 leaves with seed 7, not 0.0 with seed"
        + " 7: give Problems the "));
    // Fitted on the whole training part, then validated on some of it: the leak itself.
    Problem whole = Problems.regression("toy", all, COLUMNS, TEST, SEED, "toy.csv", null);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> HeldOutRows.of(whole, VALIDATION, SEED))
            .getMessage().startsWith("HeldOutRows: the problem's standardisation was fitted on"
            + " the rows a validation share of 0.0 leaves with seed 7, not 0.25 with seed"
            + " 7: give Problems the "));
    assertEquals(30, HeldOutRows.of(whole, Validation.NONE, SEED).train().size());
    // Holding nothing out, the seed chooses no rows and is no matter.
    assertEquals(30, HeldOutRows.of(whole, Validation.NONE, SEED + 1).train().size());
  }

  @Test
  void withoutValidationTheWholeTrainingPartIsFittedAsBefore() {
    boolean[] held = validationRows(false);
    Dataset all = data(false, held);
    Problem p = Problems.classification("toy", all, COLUMNS, List.of("no", "yes"), TEST, SEED,
        "toy.csv", null, Validation.NONE);
    Problem before = Problems.classification("toy", all, COLUMNS, List.of("no", "yes"), TEST,
        SEED, "toy.csv", null);
    assertEquals(Scaling.of(before.preparation().features()),
        Scaling.of(p.preparation().features()));
    // Here the far rows count: the first feature's mean is pulled far above single digits.
    assertTrue(Scaling.of(p.preparation().features()).mean().get(0) > 100);
    assertSame(all, HeldOutRows.trainedRows(all, false, Validation.NONE, SEED));
  }

  @Test
  void aLoadedModelKeepsItsRecordedScalingWithValidationRows() {
    boolean[] held = validationRows(false);
    Dataset all = data(false, held);
    Problem first = Problems.classification("toy", all, COLUMNS, List.of("no", "yes"), TEST,
        SEED, "toy.csv", null);
    ModelDescription described = first.describe(Mlp.of(2, List.of(3), 2, Activation.tanh(), 1L));
    Problem again = Problems.classification("toy", all, COLUMNS, List.of("no", "yes"), TEST,
        SEED, "toy.csv", described, VALIDATION);
    // Never refitted: the file's statistics (here of the whole training part), as it saved them.
    assertEquals(described.featureScaling(), Scaling.of(again.preparation().features()));
  }

  @Test
  void aShareThatWillBeRefusedFitsTheWholePartAndIsRefusedByHeldOutRows() {
    boolean[] held = validationRows(false);
    Dataset all = data(false, held);
    Validation tiny = new Validation(0.01, 0);  // round(0.01 · 15) = 0 rows of each class
    Problem p = Problems.classification("toy", all, COLUMNS, List.of("no", "yes"), TEST, SEED,
        "toy.csv", null, tiny);
    Problem whole = Problems.classification("toy", all, COLUMNS, List.of("no", "yes"), TEST,
        SEED, "toy.csv", null);
    assertEquals(Scaling.of(whole.preparation().features()),
        Scaling.of(p.preparation().features()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HeldOutRows.of(p, tiny, SEED));
    assertEquals("--validation 0.01 holds out no row of the 30 training rows (each class holds"
        + " out its own share); give a larger fraction", e.getMessage());
  }
}
