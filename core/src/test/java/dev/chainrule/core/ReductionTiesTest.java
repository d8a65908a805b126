package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** argmax and argmin at ties (the first wins, a NaN wins all) and reductions of nothing. */
class ReductionTiesTest {
  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void theFirstOfEqualValuesWins() {
    assertEquals(1, Tensor.vector(1, 3, 3, 0).argmax());
    assertEquals(1, Tensor.vector(2, 0, 0, 5).argmin());
    assertEquals(0, Tensor.vector(4, 4).argmax());
    assertEquals(0, Tensor.vector(4, 4).argmin());
    assertEquals(1, Tensor.vector(1, Double.NaN, 5, Double.NaN).argmax(), "NaN wins, the first");
    assertEquals(2, Tensor.vector(1, 0, Double.NaN).argmin());
  }

  @Test
  void alongAnInnerAxisOfABatch() {
    // [2, 3, 2], reduced along the middle axis: outer 2, length 3, inner 2.
    Tensor x = Tensor.of(new double[] {
        1, 9, 5, 9, 5, 0,
        7, 2, 7, 8, 3, 8}, 2, 3, 2);
    assertEquals(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2), x.argmax(1, false));
    assertEquals(Tensor.of(new double[] {0, 2, 2, 0}, 2, 2), x.argmin(1, false));
    assertEquals(Shape.of(2, 1, 2), x.argmax(1, true).shape());
  }

  @Test
  void reductionsOfNothingAreRefused() {
    Tensor empty = Tensors.zeros(0, 3);
    assertRefused("argmax: cannot reduce the empty axis 0 of [0, 3]", () -> empty.argmax(0, false));
    assertRefused("argmin: cannot reduce the empty axis 0 of [0, 3]", () -> empty.argmin(0, false));
    assertEquals(Shape.of(0), empty.argmax(1, false).shape(), "no rows: nothing to reduce");
    assertThrows(IllegalArgumentException.class, empty::min);
    assertThrows(IllegalArgumentException.class, empty::max);
    assertThrows(IllegalArgumentException.class, empty::logSumExp);
    assertThrows(IllegalArgumentException.class, () -> empty.min(0, false));
    assertEquals(Shape.of(0), empty.min(1, false).shape());
  }

  @Test
  void aShapeHoldsUpToTwoToTheThirtyOneMinusOneElements() {
    assertEquals(Integer.MAX_VALUE, Shape.of(Integer.MAX_VALUE).size());
    assertRefused("shape: [65536, 32768] has more than 2^31 - 1 elements",
        () -> Shape.of(65536, 32768).size());
  }
}
