package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The rows a split class by class needs, as its refusal quotes them. Six rows of two classes at a
 * test fraction of 0.01 were told "at least 50 are needed", and 50 or 60 rows were then refused
 * with "a class needs 50 rows": a class holds out round(0.01 · n) rows, so one class must hold
 * 50, which two balanced classes reach at 99 rows.
 */
class ClassSplitSizeTest {
  private static Dataset twoClasses(int rows) {
    double[][] x =
        IntStream.range(0, rows).mapToObj(i -> new double[] {i}).toArray(double[][]::new);
    return new Dataset(Tensor.matrix(x), Tensor.vector(
        IntStream.range(0, rows).mapToDouble(i -> i % 2).toArray()));
  }

  private static String refusal(int rows) {
    return assertThrows(UnlearnableDataException.class, () -> DataChecks.requireSplit(
        twoClasses(rows).stratifiedSplit(0.01, 1), 0.01, true, "data.csv")).getMessage();
  }

  @Test
  void fewerRowsThanTheFractionNeedsQuoteWhatAClassNeeds() {
    String perClass = " rows are too few for a test fraction of 0.01: each class holds out its"
        + " own share, and none is large enough to give a test row (a class needs 50 rows)";
    assertEquals("data.csv: 6" + perClass, refusal(6));
    assertEquals("data.csv: 50" + perClass, refusal(50));
    assertEquals("data.csv: 98" + perClass, refusal(98));
    DataChecks.requireSplit(twoClasses(99).stratifiedSplit(0.01, 1), 0.01, true, "data.csv");
  }

  /** A split of all rows alike still quotes the rows in all: that is its rule. */
  @Test
  void aSplitOfAllRowsQuotesTheRowsInAll() {
    assertEquals("data.csv: 6 rows are too few for a test fraction of 0.01: at least 50 are"
        + " needed for a test row and 2 training rows", assertThrows(
            UnlearnableDataException.class, () -> DataChecks.requireSplit(
                twoClasses(6).split(0.01, 1), 0.01, false, "data.csv")).getMessage());
    assertEquals(1, Split.testRows(0.01, 50));
    assertEquals(0, Split.testRows(0.01, 49));
  }
}
