package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Shape.of shares small vector and matrix shapes; a shared shape must be the value a new one
 * would be, refuse what a new one refuses, and stay immune to the arrays it was made from or
 * handed out.
 */
class ShapeSharingTest {
  @Test
  void sharedShapesAreTheValuesOfNewOnes() {
    for (int a = -1; a <= 34; a++) {
      checkSame(new int[] {a});
      for (int b = -1; b <= 34; b++) {
        checkSame(new int[] {a, b});
      }
    }
  }

  @Test
  void theCallersArrayAndTheCopiesHandedOutCannotChangeASharedShape() {
    int[] dims = {3, 4};
    Shape first = Shape.of(dims);
    dims[0] = 7;
    first.dims()[1] = 9;
    Shape again = Shape.of(3, 4);
    assertSame(first, again, "small matrices are shared");
    assertArrayEquals(new int[] {3, 4}, again.dims());
    assertEquals(Shape.of(7, 4), Shape.of(dims));
  }

  /**
   * The tables' edges (0 and 31 on either axis) are made once for good: after thousands of other
   * shapes have passed through the cache of recent ones, asking again gives the same object.
   */
  @Test
  void theTablesEdgesStaySharedWhileRecentShapesComeAndGo() {
    int[][] edges = {{0}, {31}, {0, 0}, {0, 31}, {31, 0}, {31, 31}};
    Shape[] first = new Shape[edges.length];
    for (int i = 0; i < edges.length; i++) {
      first[i] = Shape.of(edges[i]);
    }
    for (int n = 32; n < 5000; n++) {
      Shape.of(n);
      Shape.of(n, 7);
      Shape.of(7, n);
    }
    for (int i = 0; i < edges.length; i++) {
      assertSame(first[i], Shape.of(edges[i]), Arrays.toString(edges[i]));
    }
  }

  private static void checkSame(int[] dims) {
    String what = Arrays.toString(dims);
    boolean valid = Arrays.stream(dims).allMatch(d -> d >= 0);
    if (!valid) {
      IllegalArgumentException direct =
          assertThrows(IllegalArgumentException.class, () -> new Shape(dims), what);
      IllegalArgumentException shared =
          assertThrows(IllegalArgumentException.class, () -> Shape.of(dims), what);
      assertEquals(direct.getMessage(), shared.getMessage(), what);
      return;
    }
    Shape expected = new Shape(dims);
    Shape actual = Shape.of(dims.clone());
    assertEquals(expected, actual, what);
    assertEquals(expected.hashCode(), actual.hashCode(), what);
    assertEquals(expected.size(), actual.size(), what);
    assertArrayEquals(dims, actual.dims(), what);
    assertEquals(expected, Shape.of(dims.clone()), what + ", asked twice");
  }
}
