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
    return data(200, DType.FLOAT64, shape, last);
  }

  /** {@code rows} rows as {@link #data(DoubleUnaryOperator, String)}, read in {@code dtype}. */
  private static CsvData data(int rows, DType dtype, DoubleUnaryOperator shape, String last)
      throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder("a,label\n");
    for (int i = 0; i < rows; i++) {
      double a = random.nextGaussian();
      text.append(shape.applyAsDouble(a)).append(',').append(a > 0 ? "yes" : "no").append('\n');
    }
    text.append(last);
    return CsvReader.builder().dtype(dtype).build()
        .read(new StringReader(text.toString()), "outl.csv");
  }

  @Test
  void aMissingValueWrittenAsANumberIsFoundWithItsLineAndValue() throws IOException {
    FeatureOutliers.FarValue far = FeatureOutliers.find(data(a -> a, "999999999,yes\n"),
        "outl.csv").orElseThrow();
    assertEquals("a", far.column());
    assertEquals("outl.csv: the feature \"a\" holds 999999999 at line 202, so far from its other"
        + " values (median -0.04845) that, standardised by the spread it makes, they span"
        + " 1.4e-08 of a standard deviation: the model may learn nothing from the column; correct"
        + " or remove that row (a missing value belongs in an empty cell; real values of so long a"
        + " tail may need other units, a logarithm)", far.description());
    // Found, not refused: the data may still be learned.
    DataChecks.requireLearnable(data(a -> a, "999999999,yes\n"), "outl.csv");
  }

  @Test
  void theSameValueInAFewRowsIsFoundToo() throws IOException {
    String description = FeatureOutliers.find(data(a -> a, "1e39,yes\n1e39,no\n"), "outl.csv")
        .orElseThrow().description();
    assertTrue(description.contains("holds 1.0E39 at line 202 (and 1 more row), so far from its"
        + " other values"), description);
    assertTrue(description.endsWith("correct or remove those rows (a missing value belongs in an"
        + " empty cell; real values of so long a tail may need other units, a logarithm)"),
        description);
  }

  /**
   * Two far values (2 of 202 rows, the 1% allowed) are found together: with the farther left
   * out, the other still squeezed the rest, and no warning came while a run on 300 such rows
   * ended at 0.58 accuracy for 0.97 without them.
   */
  @Test
  void twoFarValuesOfTheSameSignAreFoundTogether() throws IOException {
    String description = FeatureOutliers.find(data(a -> a, "999999999,yes\n999999998,no\n"),
        "outl.csv").orElseThrow().description();
    assertEquals("outl.csv: the feature \"a\" holds 999999999 at line 202 and 999999998 at line"
        + " 203, so far from its other values (median -0.02893) that, standardised by the spread"
        + " they make, the others span 1.0e-08 of a standard deviation: the model may learn"
        + " nothing from the column; correct or remove those rows (a missing value belongs in an"
        + " empty cell; real values of so long a tail may need other units, a logarithm)",
        description);
  }

  @Test
  void farValuesOfOppositeSignsAreFoundTogether() throws IOException {
    String description = FeatureOutliers.find(data(a -> a, "3.4e38,yes\n-3.4e38,no\n"),
        "outl.csv").orElseThrow().description();
    assertTrue(description.contains("holds -3.4E38 at line 203 and 3.4E38 at line 202, so far"),
        description);
  }

  /**
   * Far values of different sizes are named together, the farthest first, so that correcting
   * the rows named leaves no warning behind: 1e5 among values near 0 squeezes them as 1e9 did.
   * Beyond three, the rest are counted.
   */
  @Test
  void severalFarValuesAreNamedFarthestFirstAndTheRestCounted() throws IOException {
    String cascade = FeatureOutliers.find(data(a -> a, "1e9,yes\n1e5,no\n"), "outl.csv")
        .orElseThrow().description();
    assertTrue(cascade.contains("holds 1000000000 at line 202 and 100000 at line 203,"), cascade);
    // 600 rows allow 6 far rows: five values, one of them in two rows.
    String several = FeatureOutliers.find(data(600, DType.FLOAT64, a -> a,
        "1e12,yes\n-3e9,no\n2e9,yes\n7e8,no\n-5e8,yes\n-5e8,no\n"), "outl.csv").orElseThrow()
        .description();
    assertTrue(several.contains("holds 1000000000000 at line 602, -3000000000 at line 603,"
        + " 2000000000 at line 604 and 2 more far values (3 rows), so far from its other"),
        several);
  }

  /**
   * More far rows than the 1% allowed are a cluster of the column, as the README says: three
   * values near 1e9 among 203 rows are not warned of, two are.
   */
  @Test
  void farValuesInMoreThanTheShareOfRowsAreACluster() throws IOException {
    assertEquals(Optional.empty(), FeatureOutliers.find(data(a -> a,
        "999999999,yes\n999999998,no\n999999997,yes\n"), "outl.csv"));
  }

  /**
   * A float32 run names the value as float32 writes it: the cell 1e-12 among values near
   * 1e-21, not 9.999999960041972E-13 (its float32 value widened to double).
   */
  @Test
  void aFloat32RunWritesTheValueAsFloat32Does() throws IOException {
    String description = FeatureOutliers.find(data(200, DType.FLOAT32, a -> a * 1e-21,
        "1e-12,yes\n"), "outl.csv").orElseThrow().description();
    assertTrue(description.contains("holds 1.0E-12 at line 202,"), description);
    String large = FeatureOutliers.find(data(200, DType.FLOAT32, a -> a, "3.4e38,yes\n"),
        "outl.csv").orElseThrow().description();
    assertTrue(large.contains("holds 3.4E38 at line 202,"), large);
  }

  /**
   * Heavy-tailed columns whose largest values are data, not errors, are not warned of: in 40
   * draws of 300 rows each, a log-normal column (σ = 2, largest values near e^6) and a Student-t
   * column with 2 degrees of freedom (infinite variance), the values left after taking out up
   * to 1% of the rows keep far more than a fiftieth of the column's spread, the README's
   * threshold. (A Cauchy column, t with 1 degree, was warned of in about 2% of such draws of a
   * numpy simulation: its largest values then do squeeze the rest to that sliver.)
   */
  @Test
  void heavyTailedColumnsAreNotWarnedOf() {
    Random random = new Random(5);
    for (int draw = 0; draw < 40; draw++) {
      double[] logNormal = new double[300];
      double[] studentT = new double[300];
      for (int i = 0; i < 300; i++) {
        logNormal[i] = Math.exp(2 * random.nextGaussian());
        double g1 = random.nextGaussian();
        double g2 = random.nextGaussian();
        studentT[i] = random.nextGaussian() / Math.sqrt((g1 * g1 + g2 * g2) / 2);
      }
      assertEquals(null, FeatureOutliers.Far.in(logNormal), "log-normal draw " + draw);
      assertEquals(null, FeatureOutliers.Far.in(studentT), "Student-t draw " + draw);
    }
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
   * of a value 10^0 to 10^9 away, or 1 to 5 different such values of either sign, many of them
   * found and many near the threshold.
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
      // One far value in up to 5 rows, or up to 5 different ones of either sign.
      boolean different = random.nextBoolean();
      double far = scale * Math.pow(10, 9 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      for (int k = 1 + random.nextInt(5); k > 0; k--) {
        column[random.nextInt(rows)] = different
            ? far * (random.nextBoolean() ? 1 : -1) * (0.5 + random.nextDouble()) : far;
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
