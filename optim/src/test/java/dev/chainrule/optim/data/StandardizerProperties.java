package dev.chainrule.optim.data;

import static dev.chainrule.optim.data.DatasetTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

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

  /**
   * The fit reduces the largest |deviation| from the column's extremes and scans the values for
   * NaNs only when a statistic is not finite: the same bits as reducing every |deviation| and
   * scanning every value, as it did before (no tolerance), in float64 and float32.
   */
  @Property
  void theFitIsBitForBitTheFitOverEveryDeviation(@ForAll("features") Tensor features) {
    for (Tensor x : List.of(features, features.to(DType.FLOAT32))) {
      Tensor max = x.max(0, false);
      Tensor constant = max.eq(x.min(0, false));
      Tensor mean = Tensor.where(constant, max, x.mean(0, false));
      Tensor deviations = x.sub(mean);
      Tensor largest = deviations.abs().max(0, false);
      Tensor unit = Tensor.where(largest.eq(0), Tensors.onesLike(largest), largest);
      Tensor std = deviations.div(unit).square().mean(0, false).sqrt().mul(unit);
      Tensor scale = Tensor.where(constant.maximum(std.eq(0)),
          Tensors.ones(Shape.of(x.dim(1)), x.dtype()), std);
      Standardizer fitted = Standardizer.fit(x);
      assertArrayEquals(mean.toArray(), fitted.mean().toArray());
      assertArrayEquals(scale.toArray(), fitted.scale().toArray());
      assertEquals(x.dtype(), fitted.scale().dtype());
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
  void float32DataStaysFloat32() {
    // The constant column's scale of 1 was float64 ones, which made every transform float64.
    Tensor x = Tensor.of(new float[] {1, 5, 2, 5, 3, 5, 4, 5}, 4, 2);
    Standardizer s = Standardizer.fit(x);
    assertEquals(DType.FLOAT32, s.mean().dtype());
    assertEquals(DType.FLOAT32, s.scale().dtype());
    assertEquals(DType.FLOAT32, s.transform(x).dtype());
    assertEquals(DType.FLOAT32, s.inverseTransform(s.transform(x)).dtype());
  }

  /**
   * The limit the class documents, as the probe that found it measured it: a float32 fit holds
   * the float32 nearest the mean, and a column spread by 0.01 around 1e4 standardises to a mean
   * of −0.022, within the bound 2⁻²⁴·|mean| / scale; fitted in float64, to about 0.
   */
  @Example
  void aFloat32MeanIsTheFloatNearestTheMeanAndItsBiasIsBounded() {
    Random random = new Random(4);
    float[] values = new float[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (1e4 + 0.01 * random.nextGaussian());
    }
    Tensor x = Tensor.of(values, values.length, 1);
    Standardizer narrow = Standardizer.fit(x);
    Standardizer wide = Standardizer.fit(x.to(DType.FLOAT64));
    assertEquals(10000.0, narrow.mean().item());
    assertEquals((float) wide.mean().item(), (float) narrow.mean().item(), "the nearest float");
    double bias = narrow.transform(x).to(DType.FLOAT64).mean().item();
    double bound = 0x1p-24 * Math.abs(narrow.mean().item()) / narrow.scale().item();
    // −0.022 measured; the bound is 0.06. The mean of the standardised values, summed in
    // float64, adds rounding far below either.
    assertEquals(-0.022, bias, 0.0005);
    assertTrue(Math.abs(bias) <= bound, bias + " within " + bound);
    // Float64 statistics: off by the float64 mean's rounding, about 2⁻⁵³·1e4 / 0.01 = 1e-10
    // scales; 1e-9 leaves room for the sums'.
    assertEquals(0, wide.transform(x.to(DType.FLOAT64)).mean().item(), 1e-9);
  }

  @Example
  void aConstantColumnBecomesZeroNotNoise() {
    // The float64 mean of three 0.7s is 0.6999999999999998 and the computed deviation about
    // 1.1e-16: dividing by it would turn rounding noise into values of ±1.
    Tensor x = Tensor.matrix(new double[][] {{0.7, 1}, {0.7, 2}, {0.7, 3}});
    assertNotEquals(0.7, x.slice(1, 0, 1).mean().item());
    Tensor z = Standardizer.fit(x).transform(x);
    assertEquals(Tensor.vector(0, 0, 0), z.slice(1, 0, 1).reshape(3));
  }

  @Property
  void scalingByAPowerOfTwoScalesTheStatisticsExactly(@ForAll("features") Tensor x,
      @ForAll @IntRange(min = -900, max = 1000) int exponent) {
    // Multiplying by 2^k is exact while nothing overflows or turns subnormal (here every value
    // and deviation stays between about 1e-285 and 1e306), and so is every step of the fit: the
    // mean, the deviations, their ratios to the largest. So the statistics scale exactly, far
    // beyond the 1.3e154 where squaring raw deviations overflowed.
    double factor = Math.scalb(1.0, exponent);
    Standardizer plain = Standardizer.fit(x);
    Standardizer scaled = Standardizer.fit(x.mul(factor));
    for (int j = 0; j < x.dim(1); j++) {
      boolean constant = plain.scale().get(j) == 1 && x.slice(1, j, j + 1).max().item()
          == x.slice(1, j, j + 1).min().item();
      assertEquals(plain.mean().get(j) * factor, scaled.mean().get(j), "mean of column " + j);
      assertEquals(constant ? 1 : plain.scale().get(j) * factor, scaled.scale().get(j),
          "scale of column " + j);
    }
  }

  @Example
  void aHugeOrTinyButFiniteSpreadIsStandardized() {
    // The standard deviations are 1e200 and 1e-200, although their squares over- and underflow.
    Standardizer standardizer =
        Standardizer.fit(Tensor.matrix(new double[][] {{1e200, 1e-200}, {-1e200, -1e-200}}));
    assertEquals(Tensor.vector(0, 0), standardizer.mean());
    assertEquals(Tensor.vector(1e200, 1e-200), standardizer.scale(),
        "ratios ±1 to the largest deviation make every step exact");
    // Deviations of ±1e307 and 10/3: σ = 1e307·√(2/3). Five roundings (sum, mean, ratio mean,
    // square root, product) of at most ε/2 each: 4ε relative leaves room.
    Tensor deviating = Tensor.matrix(new double[][] {{1e307}, {-1e307}, {5}});
    double sigma = Standardizer.fit(deviating).scale().get(0);
    double expected = 1e307 * Math.sqrt(2.0 / 3);
    assertEquals(expected, sigma, 4 * EPS * expected);
    Tensor z = Standardizer.fit(deviating).transform(deviating);
    assertEquals(Math.sqrt(1.5), z.get(0, 0), 4 * EPS, "1e307 / σ = √(3/2), within 4ε likewise");
  }

  @Example
  void aColumnTooLargeForFloat64StatisticsIsNamedWithItsValue() {
    // Added row by row (as column sums of so few columns are), the sum is finite, the mean
    // −1.7e308 / 3 and the first deviation 1.7e308 · 4/3, beyond Double.MAX_VALUE: x − mean
    // itself is infinite, so no scale could standardise the column.
    Tensor deviating = Tensor.matrix(new double[][] {{1, 1.7e308}, {2, -1.7e308}, {3, -1.7e308}});
    assertMessage("Standardizer.fit: column 1 (\"income\") holds 1.7E308 at sample 0, too large"
        + " for float64 statistics: its deviations from the mean overflow (they pass 1.8e308);"
        + " rescale the column, e.g. to other units",
        () -> Standardizer.fit(deviating, List.of("age", "income")));
    assertMessage("Standardizer.fit: column 1 holds 1.7E308 at sample 0, too large for float64"
        + " statistics: its deviations from the mean overflow (they pass 1.8e308); rescale the"
        + " column, e.g. to other units", () -> Standardizer.fit(deviating));
    // Their sum passes Double.MAX_VALUE ≈ 1.8e308, so the mean is infinite.
    Tensor summing = Tensor.matrix(new double[][] {{1.7e308}, {-1e300}, {1.7e308}});
    assertMessage("Standardizer.fit: column 0 (\"x\") holds 1.7E308 at sample 0, too large for"
        + " float64 statistics: its mean overflows (the column's sum passes 1.8e308); rescale the"
        + " column, e.g. to other units", () -> Standardizer.fit(summing, List.of("x")));
    assertMessage("Standardizer.fit: sample 1, column 0 (\"x\") is NaN; statistics need finite"
        + " values", () -> Standardizer.fit(Tensor.matrix(new double[][] {{1}, {Double.NaN}}),
            List.of("x")));
    assertMessage("Standardizer.fit: 1 names for 2 features",
        () -> Standardizer.fit(deviating, List.of("age")));
    // In float32 the deviations overflow far sooner, and the message says which type's limit.
    Tensor narrow = Tensor.matrix(new double[][] {{3e38}, {3e38}, {-3e38}, {0}})
        .to(DType.FLOAT32);
    assertMessage("Standardizer.fit: column 0 holds " + (double) 3e38f + " at sample 0, too large"
        + " for float32 statistics: its deviations from the mean overflow (they pass 3.4e38);"
        + " rescale the column, e.g. to other units", () -> Standardizer.fit(narrow));
  }

  @Example
  void errors() {
    assertMessage("Standardizer.fit: needs features of shape [N, F] with N >= 1, got [0, 3]",
        () -> Standardizer.fit(Tensors.zeros(0, 3)));
    assertMessage("Standardizer.fit: sample 1, column 0 is NaN; statistics need finite values",
        () -> Standardizer.fit(Tensor.matrix(new double[][] {{1, 2}, {Double.NaN, 3}})));
    // The very first value too, sample 0 of column 0.
    assertMessage("Standardizer.fit: sample 0, column 0 is Infinity; statistics need finite"
        + " values", () -> Standardizer.fit(Tensor.matrix(new double[][] {
            {Double.POSITIVE_INFINITY, 2}, {1, 3}})));
    Standardizer standardizer = Standardizer.fit(Tensors.ones(2, 4));
    assertMessage("Standardizer.transform: features [5, 3] do not match the 4 features it was"
        + " fitted on (need [N, 4])", () -> standardizer.transform(Tensors.zeros(5, 3)));
    assertMessage("Standardizer: feature 1 has mean 0.0 and scale 0.0; both must be finite and"
        + " the scale positive", () -> new Standardizer(Tensors.zeros(2), Tensor.vector(1, 0)));
    assertMessage("Standardizer: mean [2] and scale [3] must be vectors of the same length",
        () -> new Standardizer(Tensors.zeros(2), Tensors.ones(3)));
  }
}
