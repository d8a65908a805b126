package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one reading of reduced axes that core's reductions and autograd's rules share: kept and
 * result shapes, group sizes and the messages, a rank-0 shape's axis 0 or −1 among them.
 */
class ReducedAxesTest {
  @Test
  void aRankZeroShapeTakesAxisZeroOrMinusOneAsItsOneElement() {
    for (int axis : new int[] {0, -1}) {
      ReducedAxes along = ReducedAxes.of("sum", Shape.scalar(), axis);
      assertEquals(Shape.scalar(), along.kept(), "keepDims leaves rank 0, as PyTorch");
      assertEquals(Shape.scalar(), along.result(false));
      assertEquals(1, along.groupSize());
      assertEquals(0, along.mask().length, "no axis to flag");
      assertTrue(along.isTrailing(), "one element: a row of one");
      assertEquals(1, along.inner());
    }
    assertEquals(1, ReducedAxes.all(Shape.scalar()).groupSize());
    assertEquals(1, ReducedAxes.of("sum", Shape.scalar()).groupSize(), "no axes");
  }

  @Test
  void otherRanksKeepOrDropTheirReducedAxes() {
    Shape shape = Shape.of(2, 3, 4);
    ReducedAxes middle = ReducedAxes.of("mean", shape, -2);
    assertEquals(Shape.of(2, 1, 4), middle.kept());
    assertEquals(Shape.of(2, 4), middle.result(false));
    assertEquals(3, middle.groupSize());
    assertEquals(4, middle.inner());
    assertEquals(false, middle.isTrailing());
    ReducedAxes last = ReducedAxes.of("mean", shape, 2, 1);
    assertArrayEquals(new boolean[] {false, true, true}, last.mask());
    assertTrue(last.isTrailing());
    assertEquals(12, last.groupSize());
    assertEquals(Shape.of(1, 1, 1), ReducedAxes.all(shape).kept());
    assertEquals(24, ReducedAxes.all(shape).groupSize());
    // A long: the groups of an empty tensor may hold more values than an int counts.
    assertEquals(1L << 32, ReducedAxes.of("variance", Shape.of(0, 65536, 65536), 1, 2)
        .groupSize());
  }

  @Test
  void badAxesAreRefusedNamingTheOperation() {
    assertRefused("max: axis 1 out of range for shape []", () -> ReducedAxes.of("max",
        Shape.scalar(), 1));
    assertRefused("max: axis -2 out of range for shape []", () -> ReducedAxes.of("max",
        Shape.scalar(), -2));
    assertRefused("sum: axis -1 repeated in [0, -1] for shape []", () -> ReducedAxes.of("sum",
        Shape.scalar(), 0, -1));
    assertRefused("sum: axis -1 repeated in [1, -1] for shape [3, 2]", () -> ReducedAxes.of("sum",
        Shape.of(3, 2), 1, -1));
    assertRefused("softmax: axis 2 out of range for shape [3, 2]", () -> ReducedAxes.of(
        "softmax", Shape.of(3, 2), 2));
    assertEquals("sum: axes are null", assertThrows(NullPointerException.class,
        () -> ReducedAxes.of("sum", Shape.scalar(), (int[]) null)).getMessage());
    assertEquals("sum: shape is null", assertThrows(NullPointerException.class,
        () -> ReducedAxes.of("sum", null, 0)).getMessage());
    assertEquals("ReducedAxes.all: shape is null", assertThrows(NullPointerException.class,
        () -> ReducedAxes.all(null)).getMessage());
  }

  private static void assertRefused(String message, org.junit.jupiter.api.function.Executable f) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, f).getMessage());
  }
}
