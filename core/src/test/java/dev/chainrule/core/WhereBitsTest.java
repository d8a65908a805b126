package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code where} picks on the bits ({@link MaskPick}): the picked value's bits unchanged (NaN
 * payloads, signed zeros), a NaN mask picking the first value and ±0.0 the second, in both types
 * and through both paths, operands of the result's shape and broadcast ones.
 */
class WhereBitsTest {
  private static final double PAYLOAD = Double.longBitsToDouble(0x7ff8_0000_0000_0abcL);
  private static final double[] MASK = {1, 0, -0.0, Double.NaN, -2, Double.MIN_VALUE, 0};
  private static final double[] FIRST = {-0.0, 1, 2, PAYLOAD, 0.0, Double.NEGATIVE_INFINITY, 3};
  private static final double[] SECOND = {5, -0.0, PAYLOAD, 7, 8, 9, Double.NaN};

  private static double[] expected() {
    return expected(false);
  }

  /** The picks, the mask read in float32 if asked (the least double becomes 0 there). */
  private static double[] expected(boolean float32) {
    double[] expected = new double[MASK.length];
    for (int i = 0; i < MASK.length; i++) {
      double mask = float32 ? (float) MASK[i] : MASK[i];
      expected[i] = mask != 0 ? FIRST[i] : SECOND[i];
    }
    return expected;
  }

  @Test
  void equalShapesKeepThePickedBits() {
    double[] expected = expected();
    Tensor result = Tensor.where(Tensor.vector(MASK), Tensor.vector(FIRST), Tensor.vector(SECOND));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]),
          Double.doubleToRawLongBits(result.flatGet(i)), "element " + i);
    }
  }

  @Test
  void broadcastOperandsKeepThePickedBits() {
    // The mask as a column against rows of two: each row repeats the mask's element.
    double[] expected = expected();
    Tensor mask = Tensor.vector(MASK).reshape(MASK.length, 1);
    Tensor first = Tensor.vector(FIRST).reshape(FIRST.length, 1).mul(Tensors.ones(1, 2));
    Tensor result = Tensor.where(mask, first, Tensor.vector(SECOND).reshape(SECOND.length, 1));
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(Double.doubleToRawLongBits(expected[i]),
            Double.doubleToRawLongBits(result.get(i, j)), "row " + i + ", column " + j);
      }
    }
  }

  @Test
  void oneElementOperandsArePickedEverywhere() {
    // The gradient's where(mask, g, 0): the scalar read at a step of 0, its bits kept.
    Tensor result = Tensor.where(Tensor.vector(MASK), Tensor.vector(FIRST), Tensor.scalar(-0.0));
    Tensor maskAlone = Tensor.where(Tensor.scalar(Double.NaN), Tensor.vector(FIRST),
        Tensor.vector(SECOND));
    for (int i = 0; i < MASK.length; i++) {
      double expected = MASK[i] != 0 ? FIRST[i] : -0.0;
      assertEquals(Double.doubleToRawLongBits(expected),
          Double.doubleToRawLongBits(result.flatGet(i)), "element " + i);
      assertEquals(Double.doubleToRawLongBits(FIRST[i]),
          Double.doubleToRawLongBits(maskAlone.flatGet(i)), "a NaN mask picks a, element " + i);
    }
  }

  @Test
  void float32PicksAlike() {
    Tensor result = Tensor.where(Tensor.vector(MASK).to(DType.FLOAT32),
        Tensor.vector(FIRST).to(DType.FLOAT32), Tensor.vector(SECOND).to(DType.FLOAT32));
    double[] expected = expected(true);
    for (int i = 0; i < expected.length; i++) {
      // Widened back, a float NaN reads as a NaN; every number and zero keeps its value and sign.
      double got = result.flatGet(i);
      if (Double.isNaN(expected[i])) {
        assertEquals(true, Double.isNaN(got), "element " + i);
      } else {
        assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got),
            "element " + i);
      }
    }
  }
}
