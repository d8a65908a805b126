package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * standardize over an empty axis: each group has no values, so no mean or variance. It was
 * refused by the range check's max ("max: cannot reduce the empty axis 1 of [2, 0]"), naming an
 * op the caller never wrote; it is refused under standardize's name, with the axis and shape.
 */
class StandardizeEmptyAxisTest {

  private static String refusal(Shape shape, int... axes) {
    Variable x = Variable.parameter(Tensors.zeros(shape));
    return assertThrows(IllegalArgumentException.class, () -> x.standardize(axes, 1e-5))
        .getMessage();
  }

  @Test
  void groupsWithNoValuesAreRefusedUnderStandardizesName() {
    assertEquals("standardize: cannot standardize over the empty axis 1 of [2, 0] (each group"
        + " would have no values)", refusal(Shape.of(2, 0), 1));
    // The axis as normalized, whichever way it was given.
    assertEquals("standardize: cannot standardize over the empty axis 0 of [0, 3] (each group"
        + " would have no values)", refusal(Shape.of(0, 3), -2));
    assertEquals("standardize: cannot standardize over the empty axis 1 of [2, 0, 3] (each group"
        + " would have no values)", refusal(Shape.of(2, 0, 3), 2, 1));
  }

  @Test
  void noGroupsAtAllIsAnEmptyResult() {
    // Over axis 1 of [0, 3] there are no groups, each of which would have 3 values; over axis 1
    // of [0, 0] none either: nothing to compute, and the result is empty, as before.
    for (DType dtype : DType.values()) {
      for (Shape shape : new Shape[] {Shape.of(0, 3), Shape.of(0, 0)}) {
        Variable x = Variable.parameter(Tensors.zeros(shape, dtype));
        Variable y = x.standardize(new int[] {1}, 1e-5);
        assertEquals(Tensors.zeros(shape, dtype), y.value(), shape + " " + dtype);
        y.sum().backward();
        assertEquals(Tensors.zeros(shape, dtype), x.grad(), shape + " " + dtype);
      }
    }
  }
}
