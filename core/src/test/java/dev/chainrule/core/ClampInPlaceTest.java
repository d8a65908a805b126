package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** clampInPlace gives clamp's bits in the tensor's own storage, and says so by its version. */
class ClampInPlaceTest {
  private static final double[] VALUES = {-3, -0.0, 0.0, 0.5, 2, Double.NaN,
      Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Double.MIN_VALUE};

  @Test
  void givesClampsBitsInPlaceInBothTypes() {
    double[][] bounds = {{-1, 1}, {0.0, 1}, {-1, -0.0}, {0.0, -0.0}, {-0.0, 0.0}, {2, 2}};
    for (DType type : DType.values()) {
      for (double[] b : bounds) {
        if (b[0] > b[1]) {
          continue;
        }
        Tensor x = Tensor.vector(VALUES).to(type);
        double[] expected = x.clamp(b[0], b[1]).toArray();
        long version = x.version();
        assertSame(x, x.clampInPlace(b[0], b[1]));
        double[] got = x.toArray();
        for (int i = 0; i < VALUES.length; i++) {
          assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
              type + " clamp(" + VALUES[i] + ", " + b[0] + ", " + b[1] + ")");
        }
        assertEquals(version + 1, x.version(), "the version is bumped");
      }
    }
  }

  @Test
  void refusesBoundsThatAreNotNumbersOrOutOfOrder() {
    Tensor x = Tensor.vector(1, 2);
    assertEquals("clampInPlace: min 2.0 > max 1.0",
        assertThrows(IllegalArgumentException.class, () -> x.clampInPlace(2, 1)).getMessage());
    assertEquals("clampInPlace: the bounds must be numbers, got [NaN, 1.0]",
        assertThrows(IllegalArgumentException.class, () -> x.clampInPlace(Double.NaN, 1))
            .getMessage());
    assertEquals(Tensor.vector(1, 2), x, "a refused call changes nothing");
  }
}
