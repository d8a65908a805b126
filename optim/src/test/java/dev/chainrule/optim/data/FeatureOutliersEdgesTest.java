package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * The edges of the far-value warning: three far values are all named (the count of more begins
 * at four), a whole number of 1e15 is written as Java writes a double, and the quick test leaves
 * an ordinary column to itself while it sends one with a far value to the exact test.
 */
class FeatureOutliersEdgesTest {
  /** 300 rows of a in 0, 0.1, ..., 0.9 and a label, then {@code last}. */
  private static CsvData data(String last) throws IOException {
    StringBuilder text = new StringBuilder("a,label\n");
    for (int i = 0; i < 300; i++) {
      text.append(i % 10 / 10.0).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
    }
    return CsvReader.builder().build().read(new StringReader(text + last), "edge.csv");
  }

  @Test
  void threeFarValuesAreAllNamed() throws IOException {
    String description = FeatureOutliers.find(data("1e15,yes\n2e9,no\n3e9,yes\n"), "edge.csv")
        .orElseThrow().description();
    assertEquals("edge.csv: the feature \"a\" holds 1.0E15 at line 302, 3000000000 at line 304"
        + " and 2000000000 at line 303, so far from its other values (median 0.5000) that,"
        + " standardised by the spread they make, the others span 5.0e-15 of a standard"
        + " deviation: the model may learn nothing from the column; correct or remove those rows"
        + " (a missing value belongs in an empty cell; real values of so long a tail may need"
        + " other units, a logarithm)", description);
  }

  @Test
  void theQuickTestSendsOnlyAColumnThatMayHoldAFarValueToTheExactOne() {
    // x counts 0 to 99: its range squared (9,801) is short of the bound, about 99 times its
    // variance (833). f is 0 in 99 rows and 1e9 in one: it may hold a far value (it does).
    double[] rows = new double[200];
    for (int i = 0; i < 100; i++) {
      rows[2 * i] = i;
      rows[2 * i + 1] = i == 0 ? 1e9 : 0;
    }
    assertArrayEquals(new boolean[] {false, true},
        FeatureOutliers.suspects(Tensor.of(rows, 100, 2)));
  }
}
