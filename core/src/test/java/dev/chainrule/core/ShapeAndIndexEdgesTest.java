package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Shape and index operations one step either side of what they accept: the last valid index and
 * the first invalid one, an empty request, broadcasts that take the general path. Found by
 * mutation testing (issue 15). Results here are exact: they move values, no arithmetic.
 */
class ShapeAndIndexEdgesTest {

  private static void assertRefused(String start, Executable call) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertTrue(message.startsWith(start), message);
  }

  @Test
  void reshapeRefusesToInferAnAxisOfAnEmptyTensor() {
    // Any size would do for -1 here, so there is no answer (PyTorch refuses it too).
    assertRefused("reshape: [0, 3] cannot become [0, -1]: beside a size 0, the -1 could be any"
        + " size",
        () -> Tensors.zeros(0, 3).reshape(0, -1));
  }

  @Test
  void permuteAcceptsEveryAxisAndRefusesOnePastTheLast() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(Tensor.of(new double[] {1, 4, 2, 5, 3, 6}, 3, 2), x.permute(1, 0));
    assertRefused("permute: [0, 2] is not a permutation", () -> x.permute(0, 2));
    assertRefused("permute: [-3, 1] is not a permutation", () -> x.permute(-3, 1));
  }

  @Test
  void unravelNamesEveryAxisAndRefusesAPositionOutsideTheShape() {
    assertArrayEquals(new int[] {0, 0}, Shape.of(2, 3).unravel(0));
    assertArrayEquals(new int[] {1, 1}, Shape.of(2, 3).unravel(4));
    assertArrayEquals(new int[] {1, 0, 2}, Shape.of(2, 1, 3).unravel(5));
    assertArrayEquals(new int[0], Shape.scalar().unravel(0));
    assertRefused("unravel: position 6 is outside [2, 3]", () -> Shape.of(2, 3).unravel(6));
    assertRefused("unravel: position -1 is outside [2, 3]", () -> Shape.of(2, 3).unravel(-1));
  }

  @Test
  void stackNeedsATensor() {
    assertRefused("stack: needs at least one tensor", () -> Tensors.stack(0));
  }

  @Test
  void assignInPlaceRefusesAnotherShape() {
    assertRefused("assignInPlace: shapes [2] and [3] differ",
        () -> Tensors.zeros(2).assignInPlace(Tensors.zeros(3)));
  }

  @Test
  void oneHotNeedsAClassAndTakesTheLastOne() {
    assertEquals(Tensor.of(new double[] {1}, 1, 1), Tensors.oneHot(new int[] {0}, 1));
    assertRefused("oneHot: class count must be positive, got 0",
        () -> Tensors.oneHot(new int[] {0}, 0));
  }

  @Test
  void gatherTakesIndicesFromMinusSizeToSizeMinusOne() {
    Tensor x = Tensor.vector(10, 20);
    assertEquals(Tensor.vector(10, 20, 20), x.gather(0, Tensor.vector(-2, 1, -1)));
    assertRefused("gather: index 2.0 out of range", () -> x.gather(0, Tensor.vector(2)));
    assertRefused("gather: index -3.0 out of range", () -> x.gather(0, Tensor.vector(-3)));
  }

  @Test
  void gatherMayTakeMoreAlongItsAxisThanThereAre() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor index = Tensor.of(new double[] {1, 1, 0, 0, 0, 1}, 2, 3);
    assertEquals(Tensor.of(new double[] {2, 2, 1, 3, 3, 4}, 2, 3), x.gather(1, index));
  }

  @Test
  void indexAddRefusesASourceOfAnotherShape() {
    assertRefused("indexAdd: source [3] does not match [2]",
        () -> Tensors.zeros(4).indexAdd(0, Tensor.vector(0, 1), Tensors.zeros(3)));
  }

  /** [2, 1, 3] to [2, 4, 3]: its sized axes are not one run, so no block repeats it. */
  @Test
  void broadcastAcrossAMiddleAxisRepeatsEachRow() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
    Tensor expected = Tensor.of(new double[] {
        1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6, 4, 5, 6}, 2, 4, 3);
    assertEquals(expected, x.broadcastTo(2, 4, 3));
    assertEquals(expected, x.add(Tensors.zeros(2, 4, 3)));
    assertEquals(expected, Tensors.zeros(2, 4, 3).add(x));
  }

  @Test
  void squeezeDropsEveryAxisOfOneAndKeepsTheRest() {
    Tensor x = Tensors.arange(6).reshape(1, 3, 1, 2);
    assertArrayEquals(new int[] {3, 2}, x.squeeze().shape().dims());
    assertEquals(Tensors.arange(6).reshape(3, 2), x.squeeze());
    assertArrayEquals(new int[] {}, Tensors.ones(1, 1).squeeze().shape().dims());
  }

  @Test
  void permuteCountsNegativeAxesFromTheEnd() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(x.permute(1, 0), x.permute(-1, 0));
    assertEquals(x, x.permute(-2, -1));
  }

  @Test
  void gatherRefusesAnIndexLargerThanTheInputAcrossItsAxis() {
    Tensor x = Tensors.arange(6).reshape(2, 3);
    // Along axis 1 the index may be longer than the input; across it (axis 0) it may not.
    assertEquals(Tensor.of(new double[] {0, 0, 0, 0}, 1, 4),
        x.gather(1, Tensors.zeros(1, 4)));
    assertRefused("gather:", () -> x.gather(1, Tensors.zeros(3, 1)));
  }

  @Test
  void broadcastGivesTheCommonShapeOrNamesTheCaller() {
    assertEquals(Shape.of(2, 4, 3), Shape.broadcast("mine", Shape.of(4, 1), Shape.of(2, 1, 3)));
    assertEquals(Shape.of(0, 3), Shape.broadcast("mine", Shape.of(0, 1), Shape.scalar(),
        Shape.of(3)));
    assertEquals("mine: shapes [2, 3], [1] and [4] do not broadcast (axis -1: 3 vs 4)",
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast("mine",
            Shape.of(2, 3), Shape.of(1), Shape.of(4))).getMessage());
    assertEquals("mine: shape 1 is null", assertThrows(NullPointerException.class,
        () -> Shape.broadcast("mine", Shape.of(2), null)).getMessage());
  }
}
