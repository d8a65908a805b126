package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * eˣ − 1 against {@code Math.expm1} (within 1 ulp of the exact value) over the whole range, in
 * both types: the series below ½, the exponential less 1 above, and the switch between them.
 */
class Expm1AccuracyTest {
  /** Log-uniform magnitudes from 1e-300 to 700, both signs, and the points around the switch. */
  private static double[] samples() {
    SplittableRandom random = new SplittableRandom(11);
    double[] x = new double[200_000];
    for (int i = 0; i < x.length; i++) {
      double magnitude = Math.exp(random.nextDouble(Math.log(1e-300), Math.log(700)));
      x[i] = random.nextBoolean() ? magnitude : -magnitude;
    }
    double[] edges = {0.5, Math.nextDown(0.5), -0.5, Math.nextUp(-0.5), 0, -0.0, 1e-10, -1e-10};
    System.arraycopy(edges, 0, x, 0, edges.length);
    return x;
  }

  @Test
  void float64IsWithinFourUlpsEverywhere() {
    double[] x = samples();
    Tensor y = Tensor.vector(x).expm1();
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double expected = Math.expm1(x[i]);
      worst = Math.max(worst, Math.abs(y.flatGet(i) - expected) / Math.ulp(expected));
    }
    // exp's ≤ 1.5 ulps amplified by e^½ / (e^½ − 1) ≈ 2.5 at the switch, plus the subtraction's
    // rounding and Math.expm1's own ulp: 4 ulps at most.
    assertTrue(worst <= 4, "worst " + worst + " ulps");
    assertEquals(-0.0, Tensor.vector(-0.0).expm1().flatGet(0), 0);
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(Tensor.vector(-0.0).expm1().flatGet(0)), "−0 stays −0");
    assertEquals(-1.0, Tensor.vector(-800).expm1().flatGet(0), 0);
    assertEquals(Double.POSITIVE_INFINITY, Tensor.vector(710).expm1().flatGet(0), 0);
    assertTrue(Double.isNaN(Tensor.vector(Double.NaN).expm1().flatGet(0)));
  }

  @Test
  void float32IsWithinFourUlpsEverywhere() {
    double[] wide = samples();
    float[] x = new float[wide.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.max(-100, Math.min(88, wide[i]));  // float32's exp overflows at 88.7
    }
    Tensor y = Tensor.of(x, x.length).expm1();
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      float expected = (float) Math.expm1(x[i]);  // correctly rounded to within half an ulp
      worst = Math.max(worst, Math.abs(y.flatGet(i) - expected) / Math.ulp(expected));
    }
    // The same amplification of float32's exp (≤ 1.5 ulps), and the series' float rounding.
    assertTrue(worst <= 4, "worst " + worst + " ulps");
  }
}
