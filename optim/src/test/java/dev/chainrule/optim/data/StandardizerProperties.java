package dev.chainrule.optim.data;

import static dev.chainrule.optim.data.DatasetTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StandardizerProperties {
  private static final double EPS = Math.ulp(1.0);

  /**
   * Feature matrices whose columns are {@code centre + spread · u} with u in [−1, 1]: centres up
   * to 1e3 and spreads from 1e-3 to 1e3, or 0 for a constant column.
   */
  @Provide
  Arbitrary<Tensor> features() {
    return Arbitraries.integers().between(1, 40).flatMap(n ->
        Arbitraries.integers().between(1, 4).flatMap(f -> {
          Arbitrary<Double> centre = Arbitraries.doubles().between(-1e3, 1e3).ofScale(6);
          Arbitrary<Double> spread = Arbitraries.oneOf(Arbitraries.just(0.0),
              Arbitraries.integers().between(-3, 3).map(k -> Math.pow(10, k)));
          Arbitrary<List<Double>> units =
              Arbitraries.doubles().between(-1, 1).ofScale(6).list().ofSize(n);
          Arbitrary<double[]> column = Combinators.combine(centre, spread, units)
              .as((c, s, u) -> u.stream().mapToDouble(v -> c + s * v).toArray());
          return column.list().ofSize(f).map(columns -> {
            double[] values = new double[n * f];
            for (int j = 0; j < f; j++) {
              for (int i = 0; i < n; i++) {
                values[i * f + j] = columns.get(j)[i];
              }
            }
            return Tensor.of(values, n, f);
          });
        }));
  }

  @Property
  void trainingFeaturesBecomeMeanZeroAndStdOne(@ForAll("features") Tensor x) {
    Standardizer standardizer = Standardizer.fit(x);
    Tensor z = standardizer.transform(x);
    int n = x.dim(0);
    for (int j = 0; j < x.dim(1); j++) {
      Tensor column = x.slice(1, j, j + 1);
      Tensor zj = z.slice(1, j, j + 1);
      if (column.max().item() == column.min().item()) {
        assertEquals(Tensors.zeros(n, 1), zj, "a constant column becomes exactly 0");
        continue;
      }
      // Rounding: the float64 mean of n values is off by at most about n·ε·max|x|, which shifts
      // every z by that over σ; the test's own mean and variance of z add about n·ε·max|z|.
      // Four times the sum of both first-order bounds leaves room for the second-order terms.
      double sigma = standardizer.scale().get(j);
      double tolerance = 4 * n * EPS * (column.abs().max().item() / sigma + zj.abs().max().item());
      double mean = zj.mean().item();
      double std = Math.sqrt(zj.variance().item());
      assertTrue(Math.abs(mean) <= tolerance, () -> "mean " + mean + ", tolerance " + tolerance);
      assertTrue(Math.abs(std - 1) <= tolerance, () -> "std " + std + ", tolerance " + tolerance);
    }
  }

  @Property
  void inverseTransformUndoesTransform(@ForAll("features") Tensor x) {
    Standardizer standardizer = Standardizer.fit(x);
    Tensor back = standardizer.inverseTransform(standardizer.transform(x));
    // Two roundings of values up to 2e3 in magnitude (centre plus spread): 1e-9 is ~1e3 ulps.
    assertTrue(back.allClose(x, 0, 1e-9), () -> back + " vs " + x);
  }

  @Example
  void testDataUsesTheTrainingStatistics() {
    Standardizer standardizer =
        Standardizer.fit(Tensor.matrix(new double[][] {{1, 10}, {3, 10}}));
    assertEquals(Tensor.vector(2, 10), standardizer.mean());
    assertEquals(Tensor.vector(1, 1), standardizer.scale());
    Dataset test = new Dataset(Tensor.matrix(new double[][] {{5, 11}}), Tensor.vector(0));
    assertEquals(Tensor.matrix(new double[][] {{3, 1}}), standardizer.transform(test).features());
  }

  @Example
  void aConstantColumnBecomesZeroNotNoise() {
    // The float64 mean of three 0.7s is 0.6999999999999998 and the computed deviation about
    // 1.1e-16: dividing by it would turn rounding noise into values of ±1.
    Tensor x = Tensor.matrix(new double[][] {{0.7, 1}, {0.7, 2}, {0.7, 3}});
    assertNotEquals(0.0, x.slice(1, 0, 1).variance().item());
    Tensor z = Standardizer.fit(x).transform(x);
    assertEquals(Tensor.vector(0, 0, 0), z.slice(1, 0, 1).reshape(3));
  }

  @Example
  void aColumnTooLargeForFloat64StatisticsIsNamedWithItsValue() {
    // Deviations of 1e307 square to infinity: the scale would be infinite and every z 0.
    Tensor deviating = Tensor.matrix(new double[][] {{1, 1e307}, {2, -1e307}, {3, 5}});
    assertMessage("Standardizer.fit: feature 1 (\"income\") holds 1.0E307 at sample 0, too large"
        + " for float64 statistics: its standard deviation overflows (deviations from the mean"
        + " beyond about 1.3e154 square to infinity); rescale the column, e.g. to other units",
        () -> Standardizer.fit(deviating, List.of("age", "income")));
    assertMessage("Standardizer.fit: feature 1 holds 1.0E307 at sample 0, too large for float64"
        + " statistics: its standard deviation overflows (deviations from the mean beyond about"
        + " 1.3e154 square to infinity); rescale the column, e.g. to other units",
        () -> Standardizer.fit(deviating));
    // Their sum passes Double.MAX_VALUE ≈ 1.8e308, so the mean is infinite.
    Tensor summing = Tensor.matrix(new double[][] {{1.7e308}, {-1e300}, {1.7e308}});
    assertMessage("Standardizer.fit: feature 0 (\"x\") holds 1.7E308 at sample 0, too large for"
        + " float64 statistics: its mean overflows (the column's sum passes 1.8e308); rescale the"
        + " column, e.g. to other units", () -> Standardizer.fit(summing, List.of("x")));
    assertMessage("Standardizer.fit: sample 1, feature 0 (\"x\") is NaN; statistics need finite"
        + " values", () -> Standardizer.fit(Tensor.matrix(new double[][] {{1}, {Double.NaN}}),
            List.of("x")));
    assertMessage("Standardizer.fit: 1 names for 2 features",
        () -> Standardizer.fit(deviating, List.of("age")));
    double large = Math.scalb(1.0, 500);  // ≈ 3.3e150, a power of 2: its statistics are exact
    assertEquals(Tensor.vector(large), Standardizer.fit(Tensor.matrix(new double[][] {{large},
        {-large}})).scale(), "deviations of 3.3e150 still square to a finite 1.1e301");
  }

  @Example
  void errors() {
    assertMessage("Standardizer.fit: needs features of shape [N, F] with N >= 1, got [0, 3]",
        () -> Standardizer.fit(Tensors.zeros(0, 3)));
    assertMessage("Standardizer.fit: sample 1, feature 0 is NaN; statistics need finite values",
        () -> Standardizer.fit(Tensor.matrix(new double[][] {{1, 2}, {Double.NaN, 3}})));
    Standardizer standardizer = Standardizer.fit(Tensors.ones(2, 4));
    assertMessage("Standardizer.transform: features [5, 3] do not match the 4 features it was"
        + " fitted on (need [N, 4])", () -> standardizer.transform(Tensors.zeros(5, 3)));
    assertMessage("Standardizer: feature 1 has mean 0.0 and scale 0.0; both must be finite and"
        + " the scale positive", () -> new Standardizer(Tensors.zeros(2), Tensor.vector(1, 0)));
    assertMessage("Standardizer: mean [2] and scale [3] must be vectors of the same length",
        () -> new Standardizer(Tensors.zeros(2), Tensors.ones(3)));
  }
}
