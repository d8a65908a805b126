package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arguments the model package's public types cannot use are named, where an array index or
 * List.copyOf failed without a word of what was wrong.
 */
class ModelArgumentsTest {
  private static final Dataset THREE_CLASSES = new Dataset(
      Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2), Tensor.vector(0, 2, 1));

  @Test
  void aClassCountBelowTheTrainingLabelsIsNamed() {
    HeldOutRows rows = new HeldOutRows(THREE_CLASSES, THREE_CLASSES, "test");
    assertEquals(List.of(3), rows.classesNotTrained(4));
    // Before: ArrayIndexOutOfBoundsException "Index 2 out of bounds for length 2".
    assertEquals("classesNotTrained: training row 1 has class 2, beyond the 2 classes given",
        assertThrows(IllegalArgumentException.class, () -> rows.classesNotTrained(2))
            .getMessage());
    // Before: NegativeArraySizeException "-1".
    assertEquals("classesNotTrained: the class count must not be negative, got -1",
        assertThrows(IllegalArgumentException.class, () -> rows.classesNotTrained(-1))
            .getMessage());
  }

  @Test
  void aNullStatisticIsNamedByItsColumn() {
    // Before: List.copyOf's NullPointerException, message null.
    assertEquals("Scaling: the scale of column 1 is null", assertThrows(
        NullPointerException.class, () -> new Scaling(List.of(0.0, 1.0), Arrays.asList(1.0, null)))
        .getMessage());
  }
}
