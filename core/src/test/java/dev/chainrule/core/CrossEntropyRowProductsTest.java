package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The class-index cross-entropy's forward ({@link SoftmaxRowsF64#crossEntropyRows}) on rows of
 * every length the short path writes out (1 to 4) and just past it, and its loss on rows whose
 * sums Σ e^(x − m) are whole numbers, so that the product of the sums whose logarithm the kernel
 * takes is exact (or nearly) and the loss is known to the ulp: k rows of sum s lose k·ln s.
 */
class CrossEntropyRowProductsTest {
  private static final BigDecimal LN2 =
      new BigDecimal("0.69314718055994530941723212145817656807550013436025525412068");
  private static final BigDecimal LN3 =
      new BigDecimal("1.09861228866810969139524523692252570464749055782274945173469");

  /** {@code rows} rows of {@code length}: {@code zeros} zeros first, then −∞; every class 0. */
  private static Tensor rows(int rows, int length, int zeros, DType dtype) {
    double[] values = new double[rows * length];
    Arrays.fill(values, Double.NEGATIVE_INFINITY);
    for (int r = 0; r < rows; r++) {
      Arrays.fill(values, r * length, r * length + zeros, 0);
    }
    return Tensor.of(values, rows, length).to(dtype);
  }

  private static double exactTimes(BigDecimal log, int k) {
    return log.multiply(BigDecimal.valueOf(k)).doubleValue();
  }

  /**
   * Rows of 1 to 5 logits: the probabilities are the softmax kernel's bits (the short path scales
   * every element it writes out, the fourth included), and the loss the definition's.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void everyShortRowLengthGivesTheSoftmaxAndTheLoss(DType dtype) {
    SplittableRandom random = new SplittableRandom(69);
    for (int length = 1; length <= 5; length++) {
      int rows = 7;
      double[] values = random.doubles(rows * length, -4, 4).toArray();
      Tensor z = Tensor.of(values, rows, length).to(dtype);
      double[] classes = new double[rows];
      for (int r = 0; r < rows; r++) {
        classes[r] = r % length;
      }
      Tensor c = Tensor.vector(classes);
      ClassCrossEntropy.Forward forward = ClassCrossEntropy.forward(z, c);
      assertEquals(z.softmax(-1), forward.probabilities(), "length " + length + ", bit for bit");
      Tensor z64 = z.to(DType.FLOAT64);
      double expected = z64.logSumExp(1, true)
          .sub(z64.gather(1, c.reshape(rows, 1))).sum().item();
      // Float64: a few ulps of terms near 1 to 5 (one logarithm of a product against seven).
      // Float32: the kernel's exponentials are float32, each row's log-sum within 2^-23.
      double tolerance = dtype == DType.FLOAT64 ? 1e-14 : rows * 0x1p-23;
      assertEquals(expected, forward.total(), tolerance, dtype + " length " + length);
    }
  }

  /**
   * 200 rows of sum exactly 2 (short rows [0, 0], long rows [0, 0, −∞, −∞, −∞]): the product of
   * their sums, 2^200, is exact and below the 2^900 at which the kernel takes a logarithm early,
   * so the loss is one logarithm, within Math.log's 1 ulp of 200·ln 2. Two hundred logarithms of
   * 2 added one by one land 8 ulps away.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theLossIsOneLogarithmOfTheExactProductOfTheSums(DType dtype) {
    double expected = exactTimes(LN2, 200);
    for (int length : new int[] {2, 5}) {
      Tensor z = rows(200, length, 2, dtype);
      double total = ClassCrossEntropy.forward(z, Tensors.zeros(200)).total();
      assertEquals(expected, total, Math.ulp(expected), dtype + " rows of " + length);
    }
  }

  /**
   * 600 rows of sum 3 (three zeros, then −∞ to the length): 3^600 passes 2^900 at row 568, where
   * the kernel takes the product's logarithm and starts a new one. The loss is 600·ln 3 within
   * 4 ulps of its 659: the product of 567 threes rounds by at most 567·2^-53 relative (6e-14 on
   * its logarithm), and each of the two logarithms and the sum adds at most an ulp. Logarithms
   * taken row by row land 56 ulps away; a dropped or subtracted chunk, hundreds away.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theLossPassesTheProductsLimitExactly(DType dtype) {
    double expected = exactTimes(LN3, 600);
    for (int length : new int[] {3, 4, 6}) {
      Tensor z = rows(600, length, 3, dtype);
      double total = ClassCrossEntropy.forward(z, Tensors.zeros(600)).total();
      assertEquals(expected, total, 4 * Math.ulp(expected), dtype + " rows of " + length);
    }
  }
}
