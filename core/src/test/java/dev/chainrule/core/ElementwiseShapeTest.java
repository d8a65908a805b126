package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Elementwise.resultShape, which skips the broadcast walk for equal shapes and scalar operands,
 * against the walk itself (Broadcast.shapes) on every pair of small shapes: the same shape, or
 * the same error.
 */
class ElementwiseShapeTest {
  @Test
  void agreesWithTheBroadcastWalkOnEveryPairOfSmallShapes() {
    List<Shape> shapes = new ArrayList<>();
    shapes.add(Shape.scalar());
    for (int a : new int[] {0, 1, 2, 3}) {
      shapes.add(Shape.of(a));
      for (int b : new int[] {0, 1, 3}) {
        shapes.add(Shape.of(a, b));
        shapes.add(Shape.of(1, a, b));
      }
    }
    int refused = 0;
    for (Shape a : shapes) {
      for (Shape b : shapes) {
        Shape expected;
        try {
          expected = Broadcast.shapes("add", a, b);
        } catch (IllegalArgumentException e) {
          IllegalArgumentException fast = assertThrows(IllegalArgumentException.class,
              () -> Elementwise.resultShape("add", a, b), a + " and " + b);
          assertEquals(e.getMessage(), fast.getMessage());
          refused++;
          continue;
        }
        assertEquals(expected, Elementwise.resultShape("add", a, b), a + " and " + b);
      }
    }
    // Many pairs do not broadcast; the comparison covers both outcomes.
    assertTrue(refused > 100, "refused pairs: " + refused);
  }
}
