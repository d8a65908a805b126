package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ELU's kernel ({@code UnaryF64.elu}) against its definition x ≤ 0 ? α·(eˣ − 1 + 0.0) : x,
 * evaluated here with {@code Math.expm1}: over several of the kernel's blocks of 2,048, and with
 * α = −0.0, the one scale whose signed zeros its arithmetic form cannot give.
 */
class EluKernelTest {
  /**
   * 5,000 values (two whole blocks and a ragged third), most of them in (−½, 0) where eˣ − 1 is
   * the kernel's series. Within 4 ulps: eˣ − 1 is within 4 of the exact value (Expm1AccuracyTest)
   * and {@code Math.expm1} within 1; α = 1.5 multiplies exactly up to one rounding, which the
   * ulp of the product allows for.
   */
  @Test
  void manyBlocksMatchTheDefinition() {
    SplittableRandom random = new SplittableRandom(17);
    double[] x = new double[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 5 == 0 ? random.nextDouble(-20, 20) : random.nextDouble(-0.5, 0);
    }
    double alpha = 1.5;
    Tensor y = Tensor.vector(x).elu(alpha);
    for (int i = 0; i < x.length; i++) {
      double expected = x[i] <= 0 ? alpha * Math.expm1(x[i]) : x[i];
      assertEquals(expected, y.get(i), 4 * Math.ulp(expected), "x = " + x[i]);
    }
  }

  /**
   * α = −0.0 (not negative, so allowed) gives signed zeros only: −0.0·(eˣ − 1) is +0.0 below 0
   * and −0.0 at either zero, where +0.0 + (−0.0) would give +0.0. Compared bit for bit.
   */
  @Test
  void aNegativeZeroScaleGivesTheDefinitionsSignedZeros() {
    double[] x = {-3, -0.25, -0.0, 0.0, 1e-300, 2, Double.NaN};
    double[] y = Tensor.vector(x).elu(-0.0).toArray();
    for (int i = 0; i < x.length; i++) {
      double expected = x[i] <= 0 ? -0.0 * (Math.expm1(x[i]) + 0.0) : x[i];
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(y[i]),
          "x = " + x[i] + ": expected " + expected + ", got " + y[i]);
    }
  }
}
