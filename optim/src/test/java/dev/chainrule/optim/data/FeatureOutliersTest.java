package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** A feature value so far from the others that standardised they all but merge is found. */
class FeatureOutliersTest {
  /** 200 rows "a,label" with a ~ N(0, 1) through {@code shape}, label a > 0, then {@code last}. */
  private static CsvData data(DoubleUnaryOperator shape, String last) throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder("a,label\n");
    for (int i = 0; i < 200; i++) {
      double a = random.nextGaussian();
      text.append(shape.applyAsDouble(a)).append(',').append(a > 0 ? "yes" : "no").append('\n');
    }
    text.append(last);
    return CsvReader.builder().build().read(new StringReader(text.toString()), "outl.csv");
  }

  @Test
  void aMissingValueWrittenAsANumberIsFoundWithItsLineAndValue() throws IOException {
    FeatureOutliers.FarValue far = FeatureOutliers.find(data(a -> a, "999999999,yes\n"),
        "outl.csv").orElseThrow();
    assertEquals("a", far.column());
    assertEquals("outl.csv: the feature \"a\" holds 999999999 at line 202, so far from its other"
        + " values (median -0.04845) that, standardised by the spread it makes, they span"
        + " 1.4e-08 of a standard deviation: the model may learn nothing from the column; correct"
        + " or remove that row (a missing value belongs in an empty cell)", far.description());
    // Found, not refused: the data may still be learned.
    DataChecks.requireLearnable(data(a -> a, "999999999,yes\n"), "outl.csv");
  }

  @Test
  void theSameValueInAFewRowsIsFoundToo() throws IOException {
    String description = FeatureOutliers.find(data(a -> a, "1e39,yes\n1e39,no\n"), "outl.csv")
        .orElseThrow().description();
    assertTrue(description.contains("holds 1.0E39 at line 202 (and 1 more rows),"), description);
  }

  @Test
  void skewedColumnsOneRowIndicatorsAndClustersAreData() throws IOException {
    // A log-normal column: its largest of 200 values lies near e^3.
    assertEquals(Optional.empty(), FeatureOutliers.find(data(Math::exp, "100,yes\n"), "d.csv"));
    // 100 among N(0, 1): the others keep 0.15 of a standard deviation, and were learned.
    assertEquals(Optional.empty(), FeatureOutliers.find(data(a -> a, "100,yes\n"), "d.csv"));
    // 0s and a single 1: nothing is squeezed, the other values have no spread to lose.
    assertEquals(Optional.empty(), FeatureOutliers.find(data(a -> 0, "1,yes\n"), "d.csv"));
    // A cluster far away (half the rows near 1e6) is a feature's two modes, not an outlier.
    assertEquals(Optional.empty(), FeatureOutliers.find(data(a -> a > 0 ? 1e6 + a : a,
        "1e6,yes\n"), "d.csv"));
  }

  /**
   * The quick test with core's reductions only skips columns the exact one passes: columns
   * of 2 to 400 values (normal, uniform or log-normal, in float64 and float32) with 1 to 5 copies
   * of a value 10^0 to 10^9 away, many of them found and many near the threshold.
   */
  @Test
  void theQuickTestNeverSkipsAColumnTheExactOneFinds() {
    Random random = new Random(11);
    int found = 0;
    for (int trial = 0; trial < 3000; trial++) {
      int rows = 2 + random.nextInt(399);
      double[] column = new double[rows];
      int kind = random.nextInt(3);
      // Scales from 1e-30 to 1e10: tiny ones put float32's squared deviations among subnormals.
      double scale = Math.pow(10, -30 + 40 * random.nextDouble());
      for (int i = 0; i < rows; i++) {
        double g = random.nextGaussian();
        column[i] = scale * (kind == 0 ? g : kind == 1 ? random.nextDouble() : Math.exp(g));
      }
      double far = scale * Math.pow(10, 9 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      for (int k = 1 + random.nextInt(5); k > 0; k--) {
        column[random.nextInt(rows)] = far;
      }
      DType dtype = random.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
      Tensor values = Tensor.of(column, rows, 1).to(dtype);
      if (FeatureOutliers.Far.in(values.toArray()) != null) {
        found++;
        assertTrue(FeatureOutliers.suspects(values)[0], "a column the exact test finds, " + rows
            + " rows " + dtype + " far " + far);
      }
    }
    assertTrue(found > 500, "the columns drawn hold a far value often: " + found);
  }
}
