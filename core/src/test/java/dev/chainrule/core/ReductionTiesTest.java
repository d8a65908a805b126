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

  /**
   * Of 0.0 and −0.0, max gives 0.0 and min −0.0 in either order, over all elements and along
   * each axis, in both types, while argmax and argmin, which find them equal, give the first's
   * index (Tensor equality tells the zeros apart).
   */
  @Test
  void theZerosAreOrderedForMaxAndMinButTieForTheArgs() {
    for (DType type : DType.values()) {
      for (Tensor x : new Tensor[] {Tensor.vector(-0.0, 0.0), Tensor.vector(0.0, -0.0)}) {
        Tensor zeros = x.to(type);
        assertEquals(Tensor.scalar(0.0, type), zeros.max(), zeros + " max");
        assertEquals(Tensor.scalar(-0.0, type), zeros.min(), zeros + " min");
        assertEquals(0, zeros.argmax(), zeros + " argmax");
        assertEquals(0, zeros.argmin(), zeros + " argmin");
      }
      Tensor grid = Tensor.of(new double[] {-0.0, 0.0, 0.0, -0.0}, 2, 2).to(type);
      for (int axis = 0; axis < 2; axis++) {
        assertEquals(Tensor.vector(0.0, 0.0).to(type), grid.max(axis, false), "max " + axis);
        assertEquals(Tensor.vector(-0.0, -0.0).to(type), grid.min(axis, false), "min " + axis);
        assertEquals(Tensor.vector(0, 0).to(type), grid.argmax(axis, false), "argmax " + axis);
      }
    }
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
    assertEquals("min: cannot reduce the empty axis 0 of [0, 3]",
        assertThrows(IllegalArgumentException.class, empty::min).getMessage());
    assertEquals("max: cannot reduce the empty axis 0 of [0, 3]",
        assertThrows(IllegalArgumentException.class, empty::max).getMessage());
    assertEquals("logSumExp: cannot reduce the empty axis 0 of [0, 3]",
        assertThrows(IllegalArgumentException.class, empty::logSumExp).getMessage());
    assertEquals("min: cannot reduce the empty axis 0 of [0, 3]",
        assertThrows(IllegalArgumentException.class, () -> empty.min(0, false)).getMessage());
    assertEquals(Shape.of(0), empty.min(1, false).shape());
  }

  /**
   * Indices along an axis come back in the input's type, and float32 holds whole numbers exactly
   * only up to 2^24: index 2^24 + 1 came back as 2^24, a wrong answer without a word.
   */
  @Test
  void float32IndicesPastTwoToTheTwentyFourAreRefusedNotRounded() {
    int exact = 1 << 24;
    float[] data = new float[exact + 1];
    data[exact] = 1; // the last index that float32 holds exactly: answered
    Tensor longest = Tensor.of(data, 1, exact + 1);
    assertEquals(exact, longest.argmax(1, false).item());
    assertEquals(exact, longest.neg().argmin(-1, true).item());
    assertEquals(exact, longest.argmax(), "a flat index is an int, exact at any length");
    // One longer: its last index, 2^24 + 1, has no float32 value; refused by the shape alone.
    Tensor tooLong = Tensors.zeros(Shape.of(0, exact + 2), DType.FLOAT32);
    assertRefused("argmax: axis 1 of the float32 [0, 16777218] is longer than 2^24 + 1, and"
        + " float32 indices past 2^24 are not exact; convert it with to(DType.FLOAT64) first",
        () -> tooLong.argmax(1, false));
    assertRefused("argmin: axis -1 of the float32 [0, 16777218] is longer than 2^24 + 1, and"
        + " float32 indices past 2^24 are not exact; convert it with to(DType.FLOAT64) first",
        () -> tooLong.argmin(-1, true));
    assertEquals(Shape.of(0), tooLong.to(DType.FLOAT64).argmax(1, false).shape());
    float[] past = new float[exact + 2];
    past[exact + 1] = 1;
    Tensor wide = Tensor.of(past, exact + 2).to(DType.FLOAT64);
    assertEquals(exact + 1, wide.argmax(0, false).item(), "float64 holds it");
  }

  @Test
  void aShapeHoldsUpToTwoToTheThirtyOneMinusOneElements() {
    assertEquals(Integer.MAX_VALUE, Shape.of(Integer.MAX_VALUE).size());
    assertRefused("shape: [65536, 32768] has more than 2^31 - 1 elements",
        () -> Shape.of(65536, 32768).size());
  }
}
