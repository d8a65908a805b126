package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pow at the special values where Java's {@link Math#pow} and C99 (which NumPy and PyTorch
 * follow) disagree: 1ʸ for y NaN or infinite, and (−1)^±∞. Math.pow gives NaN; C99 gives 1. The
 * expected values are exact (NumPy: {@code np.power(1.0, np.nan)} is 1.0), so equality is the
 * assertion. Every layout of the binary kernel (equal shapes, a scalar exponent, a scalar base,
 * a bias row, the general broadcast) reaches the same function, and each is tried once, in both
 * types.
 */
class PowSpecialValuesTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  @Test
  void oneToAnyPowerIsOneAndMinusOneToAnInfinityIsOne() {
    Tensor bases = Tensor.vector(1, 1, 1, -1, -1, 1);
    Tensor exponents = Tensor.vector(INF, -INF, NAN, INF, -INF, 2.5);
    assertEquals(Tensors.ones(6), bases.pow(exponents));
    assertEquals(Tensors.ones(Shape.of(6), DType.FLOAT32),
        bases.to(DType.FLOAT32).pow(exponents.to(DType.FLOAT32)));
  }

  @Test
  void aScalarExponentOrBaseGivesTheSame() {
    assertEquals(Tensor.vector(1), Tensor.vector(1).pow(NAN));
    assertEquals(Tensor.vector(1, 1), Tensor.vector(1, -1).pow(INF));
    assertEquals(Tensor.vector(1, 1), Tensor.vector(1, -1).pow(-INF));
    assertEquals(Tensors.ones(Shape.of(2), DType.FLOAT32),
        Tensor.vector(1, -1).to(DType.FLOAT32).pow(INF));
    // A scalar base, broadcast against the exponents (the swapped scalar loop).
    assertEquals(Tensors.ones(3), Tensor.scalar(1).pow(Tensor.vector(INF, NAN, -INF)));
    assertEquals(Tensors.ones(2), Tensor.scalar(-1).pow(Tensor.vector(INF, -INF)));
  }

  @Test
  void broadcastLayoutsGiveTheSame() {
    // A bias-like row of exponents against a batch, then a column against a row.
    Tensor batch = Tensor.matrix(new double[][] {{1, -1}, {1, 1}});
    assertEquals(Tensors.ones(2, 2), batch.pow(Tensor.vector(NAN, INF)));
    Tensor column = Tensor.matrix(new double[][] {{1}, {-1}});
    Tensor row = Tensor.matrix(new double[][] {{INF, -INF}});
    assertEquals(Tensors.ones(2, 2), column.pow(row));
  }

  @Test
  void theOtherSpecialValuesStayAsMathPowGivesThem() {
    // x⁰ = 1 for every x, NaN included; a NaN base to a non-zero power is NaN; a negative base
    // to a non-integer power is NaN; |x| > 1 to +∞ is +∞ and |x| < 1 to +∞ is 0.
    Tensor got = Tensor.vector(NAN, NAN, -2, 2, 0.5, -1, -1).pow(
        Tensor.vector(0, 1, 0.5, INF, INF, NAN, 0.5));
    assertEquals(Tensor.vector(1, NAN, NAN, INF, 0, NAN, NAN), got);
    // −0 to a negative odd integer keeps the sign: −∞.
    assertEquals(Tensor.vector(-INF), Tensor.vector(-0.0).pow(-1));
  }

  /**
   * At ±0.5 too, −0.0 and −∞ give C99's values, as the Javadoc states: +0.0, +∞, +0.0 and +∞
   * (PyTorch 1.13's pow(x, ±0.5) takes sqrt or rsqrt: −0.0, NaN, NaN, −∞), for a number and
   * for a tensor as the exponent, in both types (Tensor equality tells the zeros apart).
   */
  @Test
  void minusZeroAndMinusInfinityToAHalfAreC99s() {
    Tensor bases = Tensor.vector(-0.0, -INF, -INF, -0.0);
    Tensor exponents = Tensor.vector(0.5, 0.5, -0.5, -0.5);
    Tensor expected = Tensor.vector(0.0, INF, 0.0, INF);
    for (DType type : DType.values()) {
      assertEquals(expected.to(type), bases.to(type).pow(exponents.to(type)), type.toString());
      Tensor half = Tensor.vector(-0.0, -INF).to(type);
      assertEquals(Tensor.vector(0.0, INF).to(type), half.pow(0.5), type.toString());
      assertEquals(Tensor.vector(INF, 0.0).to(type), half.pow(-0.5), type.toString());
    }
  }

  /**
   * A scalar exponent of 2, 3 or −1 multiplies or divides rather than calling Math.pow (88 to
   * 214 times PyTorch's time per element): the special values stay C99's, and x² and 1/x keep
   * Math.pow's bits (both correctly rounded), compared with the exponents given as a tensor,
   * which still go through Math.pow. x³ = x·x·x rounds twice: within 2 ulps of Math.pow's.
   */
  @Test
  void theScalarExponentsComputedWithoutMathPowKeepItsValues() {
    Tensor special = Tensor.vector(0.0, -0.0, INF, -INF, NAN, 1, -1, 0x1p-1074, -3e200, 1e-200);
    java.util.SplittableRandom random = new java.util.SplittableRandom(64);
    double[] drawn = new double[1000];
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-30, 30));
    }
    for (DType type : DType.values()) {
      for (Tensor x : List.of(special.to(type), Tensor.vector(drawn).to(type))) {
        for (double exponent : new double[] {2, -1}) {
          Tensor viaMathPow = x.pow(Tensors.full(x.shape(), exponent, type));
          assertEquals(viaMathPow, x.pow(exponent), type + " pow " + exponent);
        }
        Tensor cube = x.pow(3);
        Tensor viaMathPow = x.pow(Tensors.full(x.shape(), 3, type));
        double ulp = type == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
        for (int i = 0; i < x.size(); i++) {
          double want = viaMathPow.flatGet(i);
          double got = cube.flatGet(i);
          if (Double.isFinite(want) && Math.abs(want) >= (type == DType.FLOAT32 ? 0x1p-126
              : 0x1p-1022)) {
            assertEquals(want, got, 2 * ulp * Math.abs(want), type + " cube of " + x.flatGet(i));
          } else {
            // Infinities, NaN and zeros exactly; a subnormal cube within its spacing.
            assertEquals(want, got, type == DType.FLOAT32 ? 0x1p-149 : 0x1p-1074,
                type + " cube of " + x.flatGet(i));
          }
        }
      }
    }
    assertEquals(Tensor.vector(-0.0), Tensor.vector(-0.0).pow(3), "−0 cubed keeps its sign");
    assertEquals(Tensor.vector(0.0), Tensor.vector(-0.0).pow(2));
  }
}
