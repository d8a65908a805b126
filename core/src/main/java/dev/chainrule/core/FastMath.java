package dev.chainrule.core;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * exp, tanh and sigmoid for the elementwise kernels, cheaper than {@link Math}'s and within about
 * two ulps of the true value: {@code Math.tanh} is a port of fdlibm costing about 25 ns, and
 * {@code Math.exp} spends its accuracy budget on the last half ulp (the tests hold the float64
 * forms to three ulps of fdlibm's results, which are within one ulp). Each function has a float64
 * form and a float32 form; the kernels generated for float32 pick the float form by overloading.
 * The float forms compute in double with shorter polynomials and round once, so they are within
 * one float ulp.
 *
 * <p>exp(x) = 2^m · 2^(j/128) · e^r with x = (128m + j)·ln2/128 + r, |r| ≤ ln2/256 ≈ 0.0027: the
 * table holds the 128 values 2^(j/128), and e^r needs a polynomial of degree 5 (float: 2), whose
 * truncation error r⁶/720 is below 1e-18. Outside |x| < 708 (float: 87) the result overflows,
 * underflows to a subnormal or is NaN, and {@link Math#exp} takes over.
 *
 * <p>tanh(x) = 1 − 2/(e^{2|x|} + 1) with x's sign, except near 0, where that difference cancels:
 * below |x| = 0.55 an odd polynomial x + x³·P(x²) fitted to tanh (degree 10 in x², float: 5;
 * coefficients from {@code core/build/fast_math_coefficients.py}, relative error 5e-18 and 1e-10).
 *
 * <p>sigmoid(x) = 1/(1 + e^−x) for x ≥ 0 and e^x/(1 + e^x) below, written as
 * max(e, [x ≥ 0]) / (1 + e) with e = e^{−|x|}: exp only ever sees a non-positive argument, and
 * the sign picks the numerator without a branch (signs of activations are random, and a branch on
 * them is mispredicted half the time).
 */
final class FastMath {
  private static final int TABLE_BITS = 7;
  private static final int TABLE_SIZE = 1 << TABLE_BITS;
  /** 2^(j/128) for j in [0, 128). */
  private static final double[] TWO_TO_J = new double[TABLE_SIZE];

  static {
    // Correctly rounded: StrictMath.pow is within an ulp, and one Newton step for y¹²⁸ = 2ʲ in
    // 40 digits takes that to 1e-32, which BigDecimal rounds to the nearest double.
    MathContext digits = new MathContext(40);
    for (int j = 0; j < TABLE_SIZE; j++) {
      BigDecimal y = new BigDecimal(StrictMath.pow(2, j / (double) TABLE_SIZE));
      BigDecimal power = y.pow(TABLE_SIZE - 1, digits);
      BigDecimal residual = power.multiply(y, digits).subtract(BigDecimal.valueOf(2).pow(j));
      y = y.subtract(residual.divide(power.multiply(BigDecimal.valueOf(TABLE_SIZE)), digits));
      TWO_TO_J[j] = y.doubleValue();
    }
  }

  /** 128/ln 2, and ln 2/128 split so that k·LN2_HI is exact for every k we use (|k| < 2^17). */
  private static final double N_OVER_LN2 = TABLE_SIZE / Math.log(2);
  private static final double LN2_OVER_N_HI = 0x1.62e42fefa0000p-8;
  private static final double LN2_OVER_N_LO = 0x1.cf79abc9e3b3ap-47;
  /** Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to an integer. */
  private static final double ROUND = 0x1.8p52;
  private static final double EXP_LIMIT = 708;
  private static final float EXP_LIMIT_F = 87;

  /** Below this |x|, tanh(x) = x − x³/3 rounds to x (and x keeps its sign at ±0). */
  private static final double TANH_TINY = 0x1p-27;
  private static final double TANH_SMALL = 0.55;
  /** Beyond this |x|, 1 − tanh(|x|) is below half an ulp of 1 (e^{−2x} < 2^−54). */
  private static final double TANH_ONE = 19.1;
  private static final double[] TANH_P = {
      -0.3333333333333333, 0.13333333333332728, -0.05396825396744951, 0.0218694884943202,
      -0.008863234411806288, 0.0035921105508989835, -0.0014556631208771447,
      0.0005889420415795445, -0.00023465154066026225, 8.513922912617161e-05,
      -2.0619991569368582e-05};
  private static final double[] TANH_P_F = {
      -0.33333333296102025, 0.13333324375984312, -0.05396474665833751, 0.021818874759432158,
      -0.008527935133472655, 0.0025285030523365427};

  private FastMath() {}

  static double exp(double x) {
    if (!(Math.abs(x) < EXP_LIMIT)) {
      return Math.exp(x);
    }
    double kd = (x * N_OVER_LN2 + ROUND) - ROUND;
    double r = (x - kd * LN2_OVER_N_HI) - kd * LN2_OVER_N_LO;
    double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
    return p * scale((long) kd);
  }

  static float exp(float x) {
    return (float) expForFloat(x);
  }

  /** e^x to float accuracy (3e-9 relative), in double: the float forms' building block. */
  private static double expForFloat(double x) {
    if (!(Math.abs(x) < EXP_LIMIT_F)) {
      return Math.exp(x);
    }
    double kd = (x * N_OVER_LN2 + ROUND) - ROUND;
    double r = (x - kd * LN2_OVER_N_HI) - kd * LN2_OVER_N_LO;
    return (1 + r * (1 + r * 0.5)) * scale((long) kd);
  }

  /**
   * 2^(k/128): the table gives the fraction, and the rest of k goes straight into the exponent
   * field (|k| < 128·1022 here, so the result stays a normal number).
   */
  private static double scale(long k) {
    double fraction = TWO_TO_J[(int) k & (TABLE_SIZE - 1)];
    long exponent = (k >> TABLE_BITS) << 52;
    return Double.longBitsToDouble(Double.doubleToRawLongBits(fraction) + exponent);
  }

  static double tanh(double x) {
    double a = Math.abs(x);
    if (a < TANH_TINY) {
      return x;
    }
    if (a < TANH_SMALL) {
      double u = x * x;
      double p = TANH_P[TANH_P.length - 1];
      for (int i = TANH_P.length - 2; i >= 0; i--) {
        p = p * u + TANH_P[i];
      }
      return x + x * u * p;
    }
    if (a < TANH_ONE) {
      return Math.copySign(1 - 2 / (exp(2 * a) + 1), x);
    }
    return Double.isNaN(x) ? x : Math.copySign(1.0, x);
  }

  static float tanh(float x) {
    double a = Math.abs(x);
    if (a < TANH_TINY) {
      return x;
    }
    if (a < TANH_SMALL) {
      double u = (double) x * x;
      double p = TANH_P_F[TANH_P_F.length - 1];
      for (int i = TANH_P_F.length - 2; i >= 0; i--) {
        p = p * u + TANH_P_F[i];
      }
      return (float) (x + x * u * p);
    }
    if (a < TANH_ONE) {
      return (float) Math.copySign(1 - 2 / (expForFloat(2 * a) + 1), x);
    }
    return Float.isNaN(x) ? x : Math.copySign(1f, x);
  }

  static double sigmoid(double x) {
    double e = exp(-Math.abs(x));
    int nonNegative = x >= 0 ? 1 : 0;
    return Math.max(e, nonNegative) / (1 + e);
  }

  static float sigmoid(float x) {
    double e = expForFloat(-Math.abs(x));
    int nonNegative = x >= 0 ? 1 : 0;
    return (float) (Math.max(e, nonNegative) / (1 + e));
  }
}
