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
  void theUntrainedClassesOfAnyCountAreToldWithoutAFlagPerClass() {
    HeldOutRows rows = new HeldOutRows(THREE_CLASSES, THREE_CLASSES, "test");
    // Before: OutOfMemoryError "Requested array size exceeds VM limit".
    List<Integer> missing = rows.classesNotTrained(Integer.MAX_VALUE);
    assertEquals(Integer.MAX_VALUE - 3, missing.size());
    assertEquals(List.of(3, 4, 5), missing.subList(0, 3));
    assertEquals(Integer.MAX_VALUE - 1, missing.get(missing.size() - 1));
    // Gaps between trained classes: 0 and 3 trained of 6 leave 1, 2, 4, 5.
    Dataset gaps = new Dataset(Tensor.of(new double[4], 4, 1), Tensor.vector(3, 0, 3, 0));
    assertEquals(List.of(1, 2, 4, 5),
        new HeldOutRows(gaps, gaps, "test").classesNotTrained(6));
    assertEquals(List.of(), rows.classesNotTrained(3));
    assertThrows(IndexOutOfBoundsException.class, () -> missing.get(Integer.MAX_VALUE - 3));
    assertThrows(UnsupportedOperationException.class, () -> missing.add(7));
  }

  @Test
  void aProblemWithoutColumnsOrPreparationIsRefusedWhenMade() {
    Problem.Columns columns = new Problem.Columns(List.of("a", "b"), "y");
    Problem.Preparation preparation = new Problem.Preparation(null, null, null);
    // Before: accepted, and failed later in describe or HeldOutRows.of.
    assertEquals("Problem: columns are null", assertThrows(NullPointerException.class,
        () -> new Problem("t", THREE_CLASSES, THREE_CLASSES, List.of("a", "b", "c"), false, null,
            preparation)).getMessage());
    assertEquals("Problem: preparation is null", assertThrows(NullPointerException.class,
        () -> new Problem("t", THREE_CLASSES, THREE_CLASSES, List.of("a", "b", "c"), false,
            columns, null)).getMessage());
    assertEquals("Problem: test is null", assertThrows(NullPointerException.class,
        () -> new Problem("t", THREE_CLASSES, null, List.of("a", "b", "c"), false, columns,
            preparation)).getMessage());
    assertEquals("Problem.Columns: label is null", assertThrows(NullPointerException.class,
        () -> new Problem.Columns(List.of("a"), null)).getMessage());
  }

  @Test
  void theLossLineNamesWeightsThatDoNotFitTheClasses() {
    // Before: IndexOutOfBoundsException "Index: 1 Size: 1".
    assertEquals("describe: 3 class weights for 1 class names [a]", assertThrows(
        IllegalArgumentException.class, () -> ClassWeighting.describe(new double[] {1, 2, 3},
            "given", 0, List.of("a"))).getMessage());
    // Before: BigDecimal's NumberFormatException "Infinite or NaN".
    assertEquals("describe: the weight of class b is NaN, not a finite number", assertThrows(
        IllegalArgumentException.class, () -> ClassWeighting.describe(new double[] {1, Double.NaN},
            "given", 0, List.of("a", "b"))).getMessage());
    assertEquals("describe: label smoothing must lie in [0, 1), got Infinity", assertThrows(
        IllegalArgumentException.class, () -> ClassWeighting.describe(null, null,
            Double.POSITIVE_INFINITY, List.of("a"))).getMessage());
    assertEquals("loss: softmax cross-entropy with class weights (given): a 1, b 2.5",
        ClassWeighting.describe(new double[] {1, 2.5}, "given", 0, List.of("a", "b")));
  }

  @Test
  void aNullStatisticIsNamedByItsColumn() {
    // Before: List.copyOf's NullPointerException, message null.
    assertEquals("Scaling: the scale of column 1 is null", assertThrows(
        NullPointerException.class, () -> new Scaling(List.of(0.0, 1.0), Arrays.asList(1.0, null)))
        .getMessage());
  }
}
