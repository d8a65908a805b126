package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ConstantFeatures' public helpers indexed arrays with what they were given: a column past the
 * rows was an ArrayIndexOutOfBoundsException, and rows of rank 3 were read across their last axis
 * into a warning of values that are not there.
 */
class ConstantFeaturesArgumentsTest {
  private static final List<Double> MEANS = List.of(1.0, 1.0, 1.0);
  private static final List<String> NAMES = List.of("a", "b", "c");

  @Test
  void withoutConstantRefusesAColumnOutsideTheRows() {
    assertEquals("withoutConstant: constant column 5 is not one of the 3 columns of the rows"
        + " [2, 3]", assertThrows(IllegalArgumentException.class,
            () -> ConstantFeatures.withoutConstant(Tensors.ones(2, 3), new int[] {5}))
            .getMessage());
    assertEquals(Tensor.matrix(new double[][] {{1, 0, 1}, {1, 0, 1}}),
        ConstantFeatures.withoutConstant(Tensors.ones(2, 3), new int[] {1}));
  }

  @Test
  void warningRefusesRowsThatAreNotAMatrixOrDoNotFitTheNames() {
    assertEquals("warning: the rows must be [N, F], got [2, 3, 1]", assertThrows(
        IllegalArgumentException.class, () -> ConstantFeatures.warning(Tensors.ones(2, 3, 1),
            Tensors.ones(2, 3, 1), new int[] {0}, MEANS, NAMES, i -> "line " + i)).getMessage());
    assertEquals("warning: the rows must be [N, F], got [0]", assertThrows(
        IllegalArgumentException.class, () -> ConstantFeatures.warning(Tensors.zeros(0),
            Tensors.zeros(0), new int[] {0}, MEANS, NAMES, i -> "line " + i)).getMessage());
    assertEquals("warning: constant column 3 is not one of the 3 columns of the rows [2, 3]",
        assertThrows(IllegalArgumentException.class, () -> ConstantFeatures.warning(
            Tensors.ones(2, 3), Tensors.ones(2, 3), new int[] {3}, MEANS, NAMES,
            i -> "line " + i)).getMessage());
    assertEquals("warning: the raw rows [3, 2] are not the standardized rows' shape [2, 3]",
        assertThrows(IllegalArgumentException.class, () -> ConstantFeatures.warning(
            Tensors.ones(2, 3), Tensors.ones(3, 2), new int[] {0}, MEANS, NAMES,
            i -> "line " + i)).getMessage());
    assertEquals("warning: 3 means and 1 names for rows of 3 columns",
        assertThrows(IllegalArgumentException.class, () -> ConstantFeatures.warning(
            Tensors.ones(2, 3), Tensors.ones(2, 3), new int[] {0}, MEANS, List.of("a"),
            i -> "line " + i)).getMessage());
    // Rows that fit are warned of as before; none differ in a column of zeros.
    assertEquals(Optional.empty(), ConstantFeatures.warning(Tensors.zeros(2, 3),
        Tensors.ones(2, 3), new int[] {0}, MEANS, NAMES, i -> "line " + i));
  }
}
