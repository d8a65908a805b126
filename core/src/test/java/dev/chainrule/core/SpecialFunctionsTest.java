package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {
  /** x, erf(x), erfc(x) from CPython's math module (which uses the C library's erf/erfc). */
  private static final double[][] REFERENCE = {
      {0.1, 0.1124629160182849, 0.8875370839817152},
      {0.5, 0.5204998778130465, 0.4795001221869535},
      {1, 0.8427007929497149, 0.15729920705028513},
      {2, 0.9953222650189527, 0.004677734981047265},
      {2.4999, 0.9995928300996666, 0.0004071699003334514},
      {2.5, 0.999593047982555, 0.0004069520174449589},
      {3, 0.9999779095030014, 2.2090496998585438e-05},
      {4, 0.9999999845827421, 1.541725790028002e-08},
      {6, 1.0, 2.1519736712498916e-17},
      {-0.7, -0.6778011938374184, 1.6778011938374184},
      {-3.2, -0.9999939742388483, 1.9999939742388482},
  };

  /** x, erfc(x) deep in the tail, from mpmath at 50 digits. */
  private static final double[][] TAIL = {
      {10, 2.088487583762545e-45},
      {20, 5.395865611607901e-176},
      {26.17552949745818, 5.9254999640999183e-300},
  };

  @Test
  void matchesTheCLibraryToWithinAFewUlps() {
    for (double[] row : REFERENCE) {
      // The series and the fraction are good to about 1e-15 and 2.2e-15 relative (class doc).
      assertEquals(row[1], SpecialFunctions.erf(row[0]), 1e-15 * Math.abs(row[1]) + 1e-300,
          "erf(" + row[0] + ")");
      assertEquals(row[2], SpecialFunctions.erfc(row[0]), 3e-15 * Math.abs(row[2]),
          "erfc(" + row[0] + ")");
    }
    for (double[] row : TAIL) {
      // Where x² is near 690, its rounding alone made e^(−x²) 6e-14 off (500 ulps).
      assertEquals(row[1], SpecialFunctions.erfc(row[0]), 3e-15 * row[1], "erfc(" + row[0] + ")");
    }
    // Past 1.3e154, x² is infinite: the tails are exact there, not NaN.
    for (double huge : new double[] {28, 1e154, 1e155, 1e200, Double.MAX_VALUE}) {
      assertEquals(0.0, SpecialFunctions.erfc(huge), "erfc(" + huge + ")");
      assertEquals(2.0, SpecialFunctions.erfc(-huge), "erfc(-" + huge + ")");
      assertEquals(1.0, SpecialFunctions.erf(huge), "erf(" + huge + ")");
      assertEquals(-1.0, SpecialFunctions.erf(-huge), "erf(-" + huge + ")");
    }
    assertEquals(1e155, Tensor.vector(1e155).gelu().item(), "gelu, x·Φ(x), through erf");
    assertEquals(0, SpecialFunctions.erf(0));
    assertEquals(1, SpecialFunctions.erf(Double.POSITIVE_INFINITY));
    assertEquals(2, SpecialFunctions.erfc(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(SpecialFunctions.erf(Double.NaN)));
  }

  @Property
  void erfIsOddAndErfcItsComplement(@ForAll @DoubleRange(min = -8, max = 8) double x) {
    assertEquals(-SpecialFunctions.erf(x), SpecialFunctions.erf(-x));
    // The two are computed independently (series vs fraction): each is within ~1e-15 of the
    // truth in absolute terms, so their sum is within a few 1e-15 of 1.
    assertEquals(1, SpecialFunctions.erf(x) + SpecialFunctions.erfc(x), 3e-15);
  }

  /**
   * The fraction itself is erfc: against the tabulated values at 1, 2, 4 and 5, within 1e-14
   * relative (e^(−a²) and the recurrence round a few dozen times, each by half an ulp; near a = 1
   * the fraction converges slowest, which depth 200 allows for).
   */
  @Test
  void theFractionIsErfc() {
    double[] a = {1, 2, 4, 5};
    double[] erfc = {0.15729920705028513066, 0.0046777349810472658379, 1.5417257900280018852e-8,
        1.5374597944280348502e-12};
    for (int i = 0; i < a.length; i++) {
      assertEquals(erfc[i], SpecialFunctions.continuedFraction(a[i], 200), erfc[i] * 1e-14,
          "erfc(" + a[i] + ")");
    }
  }

  /**
   * The scalar erf below ½ (its Maclaurin series) against (2/√π)∫₀ˣ e^(−t²) dt by Simpson's rule
   * on 2,000 intervals: its error h⁴·x·max|f⁗|/180 is below 1e-16, and its 2,000 rounded terms
   * add at most 2.2e-13 relative, which the tolerance of 1e-12 covers.
   */
  @Test
  void theSeriesIsTheIntegral() {
    for (double x : new double[] {0.05, 0.1, 0.25, 0.3, 0.45, -0.2}) {
      int n = 2000;
      double h = x / n;
      double sum = 1 + Math.exp(-x * x);
      for (int i = 1; i < n; i++) {
        double t = i * h;
        sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
      }
      double expected = 2 / Math.sqrt(Math.PI) * sum * h / 3;
      assertEquals(expected, SpecialFunctions.erf(x), Math.abs(expected) * 1e-12, "erf(" + x + ")");
    }
  }

  @Test
  void theFractionsDepthByArgumentGivesTheDoublesOfDepth200() {
    // fractionDepth's ranges were chosen so that nothing changed; exact equality is the claim.
    java.util.SplittableRandom random = new java.util.SplittableRandom(52);
    for (int i = 0; i < 100_000; i++) {
      double a = i % 2 == 0 ? 4 + 23.5 * random.nextDouble() : 4 + 8 * random.nextDouble();
      assertEquals(SpecialFunctions.continuedFraction(a, 200),
          SpecialFunctions.continuedFraction(a, SpecialFunctions.fractionDepth(a)),
          "erfc(" + a + ")");
    }
  }

  @Test
  void softplusIsStable() {
    Tensor s = Tensor.vector(-1000, -1, 0, 1, 1000).softplus();
    assertEquals(0, s.get(0));
    // Exact: softplus is max(x, 0) + log1p(e^−|x|), the expected value's own calls at −1, and
    // at 0 log1p(1), which rounds to log 2's double as Math.log(2) does.
    assertEquals(Math.log1p(Math.exp(-1)), s.get(1));
    assertEquals(Math.log(2), s.get(2));
    assertEquals(1000, s.get(4));
  }

  @Test
  void theArrayKernelsGiveTheScalarFunctionsBits() {
    // The kernels take e^(−x²) from vectorized loops a block at a time and the rest per element;
    // the scalar functions take the same steps, so equality is the claim. Lengths cross the
    // loops' scalar threshold (32) and the block (2048); specials ride along.
    java.util.SplittableRandom random = new java.util.SplittableRandom(66);
    double[] specials = {0.0, -0.0, 0.5, -0.5, Math.nextDown(0.5), 4, -4, Math.nextDown(4.0),
        27.5, -30, 1e-300, Double.MIN_VALUE, 1e200, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN};
    for (int length : new int[] {1, 31, 32, 2047, 2048, 5000}) {
      double[] x = new double[length];
      for (int i = 0; i < length; i++) {
        x[i] = i < specials.length ? specials[i] : random.nextGaussian() * 3;
      }
      double[] erf = new double[length];
      double[] erfc = x.clone();
      SpecialFunctions.erf(x, erf, 0, length);
      SpecialFunctions.erfc(erfc, erfc, 0, length);
      for (int i = 0; i < length; i++) {
        assertEquals(SpecialFunctions.erf(x[i]), erf[i], "erf(" + x[i] + ")");
        assertEquals(SpecialFunctions.erfc(x[i]), erfc[i], "erfc(" + x[i] + "), in place");
      }
    }
  }

  @Test
  void nanGoesThroughBothFunctions() {
    assertTrue(Double.isNaN(SpecialFunctions.erf(Double.NaN)));
    assertTrue(Double.isNaN(SpecialFunctions.erfc(Double.NaN)));
  }
}
