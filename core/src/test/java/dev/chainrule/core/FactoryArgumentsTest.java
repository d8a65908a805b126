package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The factories at the edges of what they accept, and what they make there. */
class FactoryArgumentsTest {
  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void unsignedBytesAreReadAsZeroTo255AndScaled() {
    byte[] bytes = {0, 127, (byte) 200, (byte) 255};
    Tensor wide = Tensors.fromUnsignedBytes(bytes, 255, DType.FLOAT64, Shape.of(2, 2));
    assertEquals(Tensor.of(new double[] {0, 127 / 255.0, 200 / 255.0, 1}, 2, 2), wide);
    Tensor narrow = Tensors.fromUnsignedBytes(bytes, 2, DType.FLOAT32, Shape.of(4));
    assertEquals(DType.FLOAT32, narrow.dtype());
    assertEquals(Tensor.vector(0, 63.5, 100, 127.5).to(DType.FLOAT32), narrow);
    assertRefused("fromUnsignedBytes: 4 bytes do not fill shape [5] (5 elements)",
        () -> Tensors.fromUnsignedBytes(bytes, 1, DType.FLOAT64, Shape.of(5)));
    for (double divisor : new double[] {0, -1, Double.POSITIVE_INFINITY, Double.NaN}) {
      assertRefused("fromUnsignedBytes: the divisor must be positive and finite, got " + divisor,
          () -> Tensors.fromUnsignedBytes(bytes, divisor, DType.FLOAT64, Shape.of(4)));
    }
  }

  /**
   * The conversion looks each byte's value up in a table of 256 divided once: every byte, in
   * both types and for divisors whose quotients round in every way (a float32 quotient rounded
   * from the float64 one, subnormal and overflowing ones), must give the bits of the division
   * done per element. Exact: one division, one rounding, either way.
   */
  @Test
  void unsignedBytesConvertAsDividingEachByte() {
    byte[] bytes = new byte[512];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 37);
    }
    for (double divisor : new double[] {255, 1, 3, 7.5, 0.1, 1e-300, 1e300, Double.MIN_VALUE}) {
      float[] narrow =
          Tensors.fromUnsignedBytes(bytes, divisor, DType.FLOAT32, Shape.of(512)).toFloatArray();
      double[] wide =
          Tensors.fromUnsignedBytes(bytes, divisor, DType.FLOAT64, Shape.of(512)).toArray();
      for (int i = 0; i < bytes.length; i++) {
        double quotient = (bytes[i] & 0xFF) / divisor;
        assertEquals(Float.floatToRawIntBits((float) quotient),
            Float.floatToRawIntBits(narrow[i]), "float32, divisor " + divisor + ", byte " + i);
        assertEquals(Double.doubleToRawLongBits(quotient), Double.doubleToRawLongBits(wide[i]),
            "float64, divisor " + divisor + ", byte " + i);
      }
    }
  }

  @Test
  void arangeCountsFromStartByStepUpToTheBound() {
    assertEquals(Tensor.vector(0, 0.25, 0.5, 0.75), Tensors.arange(0, 1, 0.25));
    assertEquals(Tensor.vector(1, 0.5), Tensors.arange(1, 0, -0.5));
    assertEquals(Shape.of(0), Tensors.arange(0, 1, -1).shape(), "a step away from the bound");
    assertRefused("arange: step must be finite and non-zero, got 0.0",
        () -> Tensors.arange(0, 1, 0));
    assertRefused("arange: step must be finite and non-zero, got Infinity",
        () -> Tensors.arange(0, 1, Double.POSITIVE_INFINITY));
    assertRefused("arange: bounds must be finite, got NaN and 1.0",
        () -> Tensors.arange(Double.NaN, 1, 1));
    assertRefused("arange: bounds must be finite, got 0.0 and Infinity",
        () -> Tensors.arange(0, Double.POSITIVE_INFINITY, 1));
    assertRefused("arange: 0.0 to 2.147483647E9 by 1.0 makes 2147483647 elements, more than a"
        + " Java array holds (2147483645)", () -> Tensors.arange(0, Integer.MAX_VALUE, 1));
    // The count was printed whole: 301 digits.
    assertRefused("arange: 0.0 to 1.0 by 1.0E-300 makes 1.00e+300 elements, more than a Java"
        + " array holds (2147483645)", () -> Tensors.arange(0, 1, 1e-300));
    // 2^53 itself is past the doubles that count every whole number: written as a magnitude.
    assertRefused("arange: 0.0 to 9.007199254740992E15 by 1.0 makes 9.01e+15 elements, more"
        + " than a Java array holds (2147483645)", () -> Tensors.arange(0, 0x1p53, 1));
  }

  @Test
  void linspaceIncludesBothEnds() {
    assertEquals(Tensor.vector(0, 0.25, 0.5, 0.75, 1), Tensors.linspace(0, 1, 5));
    assertEquals(Tensor.vector(1, 0.5, 0), Tensors.linspace(1, 0, 3));
    assertEquals(Tensor.vector(3, 7), Tensors.linspace(3, 7, 2));
    assertEquals(Tensor.vector(3), Tensors.linspace(3, 7, 1), "one value: the start");
    assertEquals(Shape.of(0), Tensors.linspace(3, 7, 0).shape());
    // 0.1 · 3 is not 0.3 in binary; the last value is end itself.
    assertEquals(0.3, Tensors.linspace(0, 0.3, 4).get(3));
    assertRefused("linspace: count must not be negative, got -1",
        () -> Tensors.linspace(0, 1, -1));
  }

  /**
   * Bounds whose difference overflows are stepped by half steps, each half of the values counted
   * from its own end; so values mirrored about the midpoint come out exact negatives of each other
   * (the same products, subtracted from −1e308 and from 1e308), compared bit for bit.
   */
  @Test
  void linspaceOverAnOverflowingSpanIsSymmetric() {
    assertEquals(Tensor.vector(-1e308), Tensors.linspace(-1e308, 1e308, 1), "one value");
    for (int count = 2; count <= 40; count++) {
      Tensor values = Tensors.linspace(-1e308, 1e308, count);
      for (int i = 0; i < count; i++) {
        assertEquals(-values.get(count - 1 - i), values.get(i), 0.0, count + " values, " + i);
      }
    }
  }

  @Test
  void eyeHasOnesOnTheDiagonal() {
    assertEquals(Tensor.matrix(new double[][] {{1, 0}, {0, 1}}), Tensors.eye(2));
    assertEquals(Shape.of(0, 0), Tensors.eye(0).shape());
    assertRefused("eye: size must not be negative, got -1", () -> Tensors.eye(-1));
  }

  @Test
  void randomTensorsDrawFromTheirGeneratorInOrder() {
    RandomGenerator random = Tensors.seeded(5);
    double u0 = random.nextDouble();
    double u1 = random.nextDouble();
    assertEquals(Tensor.vector(2 + 3 * u0, 2 + 3 * u1),
        Tensors.uniform(Shape.of(2), 2, 5, Tensors.seeded(5)));
    RandomGenerator gaussian = Tensors.seeded(6);
    double g0 = gaussian.nextGaussian();
    double g1 = gaussian.nextGaussian();
    assertEquals(Tensor.vector(1 + 0.5 * g0, 1 + 0.5 * g1),
        Tensors.normal(Shape.of(2), 1, 0.5, Tensors.seeded(6)));
    assertEquals(Tensor.vector(4, 4), Tensors.normal(Shape.of(2), 4, 0, Tensors.seeded(6)),
        "std 0 is allowed: the mean itself");
    assertRefused("uniform: need finite low < high, got [1.0, 1.0)",
        () -> Tensors.uniform(Shape.of(2), 1, 1, Tensors.seeded(1)));
    assertRefused("normal: need finite mean and std >= 0, got mean 0.0, std -1.0",
        () -> Tensors.normal(Shape.of(2), 0, -1, Tensors.seeded(1)));
  }

  @Test
  void transposeOfTwoFlags() {
    assertEquals(Transpose.NONE, Transpose.of(false, false));
    assertEquals(Transpose.LEFT, Transpose.of(true, false));
    assertEquals(Transpose.RIGHT, Transpose.of(false, true));
    assertEquals(Transpose.BOTH, Transpose.of(true, true));
  }

  @Test
  void equalTensorsHashAlikeAndDifferentOnesRarelyDo() {
    Tensor a = Tensor.vector(1, 2, 3);
    assertEquals(a.hashCode(), Tensor.vector(1, 2, 3).hashCode());
    assertEquals(Shape.of(2, 3).hashCode(), Shape.of(2, 3).hashCode());
    // Not a contract, but a hash that ignores the values or the shape would collide here.
    java.util.Set<Integer> hashes = new java.util.HashSet<>();
    for (Tensor t : new Tensor[] {a, Tensor.vector(1, 2, 4), Tensor.vector(1, 2, 3).reshape(3, 1),
        Tensor.vector(1, 2), Tensors.zeros(3)}) {
      hashes.add(t.hashCode());
    }
    assertEquals(5, hashes.size(), "distinct tensors, distinct hashes");
    assertEquals(3, java.util.Set.of(Shape.of(2, 3).hashCode(), Shape.of(3, 2).hashCode(),
        Shape.of(6).hashCode()).size());
  }
}
