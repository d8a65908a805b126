package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Test rows that repeat training rows: a file of 40 rows each written five times scored 1.0000
 * on its test rows, all of them copies of rows trained on, and train said nothing.
 */
class RepeatedRowsTest {
  private static Dataset rows(double[][] x, int[] y) {
    double[] flat = Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray();
    return new Dataset(Tensor.of(flat, x.length, x[0].length),
        Tensor.of(Arrays.stream(y).asDoubleStream().toArray(), y.length));
  }

  @Test
  void testRowsCopiedFromTrainingRowsAreCounted() {
    Dataset train = rows(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 0});
    Dataset test = rows(new double[][] {{1, 2}, {3, 4}, {7, 8}}, new int[] {0, 1, 1});
    assertEquals(Optional.of("warning: 2 of the 3 test rows (67%) are copies of a training"
        + " row, features and label alike: the test score counts them as new rows though the"
        + " network trained on them, and overstates how it does on new data; if the file holds"
        + " copies of rows (appended to itself, or joined), remove them before training"),
        RepeatedRows.warning(new Split(train, test)));
  }

  /** Equal features of another class are noise in the labels, not a row the model has seen. */
  @Test
  void equalFeaturesWithAnotherLabelAreNoRepeat() {
    Dataset train = rows(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 1});
    Dataset test = rows(new double[][] {{1, 2}, {3, 4}}, new int[] {1, 0});
    assertEquals(Optional.empty(), RepeatedRows.warning(new Split(train, test)));
  }

  /**
   * Features of few values repeat rows that are no copies: every value of the repeated rows
   * occurs in other rows too, as new data of the grid would repeat them.
   */
  @Test
  void repeatsOfAGridOfFewValuesAreNoCopies() {
    Dataset train = rows(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 0, 1, 1});
    Dataset test = rows(new double[][] {{0, 0}, {1, 1}}, new int[] {0, 1});
    assertEquals(Optional.empty(), RepeatedRows.warning(new Split(train, test)));
  }

  /** -0.0 and 0.0 are one value, as a standardised column can hold both. */
  @Test
  void signedZerosAreOneValue() {
    Dataset train = rows(new double[][] {{0.0, 1}}, new int[] {0});
    Dataset test = rows(new double[][] {{-0.0, 1}}, new int[] {0});
    assertTrue(RepeatedRows.warning(new Split(train, test)).isPresent());
  }

  /** One repeat among 30 test rows (3%) is below the 5% share: Iris's own two equal irises. */
  @Test
  void aRepeatBelowTheShareIsNoWarning() {
    double[][] trainX = {{0, 0}};
    double[][] testX = new double[30][];
    for (int i = 0; i < 30; i++) {
      testX[i] = new double[] {i, 0};
    }
    Dataset train = rows(trainX, new int[] {0});
    Dataset test = rows(testX, new int[30]);
    assertEquals(Optional.empty(), RepeatedRows.warning(new Split(train, test)));
  }

  /**
   * Validation rows that copy rows trained on are counted apart: the test rows here are new, and
   * the validation loss, which chooses the epoch, would favour memorising.
   */
  @Test
  void validationRowsCopiedFromRowsTrainedOnAreCounted() {
    Dataset trained = rows(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 0});
    Dataset validation = rows(new double[][] {{1, 2}, {9, 9}}, new int[] {0, 1});
    Dataset part = rows(new double[][] {{1, 2}, {3, 4}, {5, 6}, {1, 2}, {9, 9}},
        new int[] {0, 1, 0, 0, 1});
    Dataset test = rows(new double[][] {{7, 8}, {2, 1}}, new int[] {1, 0});
    assertEquals(Optional.of("warning: 1 of the 2 validation rows (50%) are copies of a row"
        + " trained on, features and label alike: the validation loss, which chooses the epoch,"
        + " counts them as new rows and favours the epochs that memorised them; if the file holds"
        + " copies of rows (appended to itself, or joined), remove them before training"),
        RepeatedRows.warning(new Split(part, test), new Split(trained, validation)));
  }

  /** Copies in both are named in one warning, each count with its own rows. */
  @Test
  void copiesInTestAndValidationRowsAreOneWarning() {
    Dataset trained = rows(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 1});
    Dataset validation = rows(new double[][] {{3, 4}}, new int[] {1});
    Dataset part = rows(new double[][] {{1, 2}, {3, 4}, {3, 4}}, new int[] {0, 1, 1});
    Dataset test = rows(new double[][] {{1, 2}, {7, 8}}, new int[] {0, 1});
    assertEquals(Optional.of("warning: 1 of the 2 test rows (50%) are copies of a training row,"
        + " and 1 of the 1 validation rows (100%) of a row trained on, features and label alike:"
        + " the test score counts them as new rows though the network trained on them, and"
        + " overstates how it does on new data; the validation loss, which chooses the epoch,"
        + " counts its copies as new rows and favours the epochs that memorised them; if the file"
        + " holds copies of rows (appended to itself, or joined), remove them before training"),
        RepeatedRows.warning(new Split(part, test), new Split(trained, validation)));
  }

  /** Distinct validation rows, and no rows held out, give no validation count. */
  @Test
  void distinctValidationRowsAreNoWarning() {
    Dataset trained = rows(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 1});
    Dataset validation = rows(new double[][] {{5, 6}}, new int[] {1});
    Dataset test = rows(new double[][] {{7, 8}}, new int[] {1});
    assertEquals(Optional.empty(), RepeatedRows.warning(new Split(trained, test),
        new Split(trained, validation)));
    assertEquals(Optional.empty(), RepeatedRows.warning(new Split(trained, test), null));
  }
}
