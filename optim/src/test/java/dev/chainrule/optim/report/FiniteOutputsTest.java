package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Outputs that are not finite are refused naming the first such row, its largest feature (as
 * file text is printed) and how many rows are affected; finite outputs pass.
 */
class FiniteOutputsTest {
  private static final Tensor FEATURES = Tensor.matrix(new double[][] {
      {0.5, -1}, {2, Double.NEGATIVE_INFINITY}, {1e300, 3}, {0, 0}});

  private static Optional<String> problem(Tensor outputs) {
    return FiniteOutputs.problem(outputs, row -> FEATURES.slice(0, row, row + 1),
        row -> "test row " + (row + 1), List.of("a", "b\u001b[31m"));
  }

  @Test
  void theFirstRowThatIsNotFiniteIsNamedWithItsLargestFeature() {
    Tensor outputs = Tensor.matrix(new double[][] {
        {0.1, 0.9}, {Double.NaN, 1}, {Double.POSITIVE_INFINITY, 0}, {0.3, 0.7}});
    assertEquals(Optional.of("the model's outputs are not finite for 2 rows (the first: test"
        + " row 2, whose \"b?[31m\" is -Infinity after scaling): features that large overflow"
        + " the model, and its answers for them would mean nothing"), problem(outputs));
  }

  @Test
  void oneInfiniteOutputIsOneRow() {
    Tensor outputs = Tensor.matrix(new double[][] {
        {0.1, 0.9}, {0.2, 0.8}, {0, Double.NEGATIVE_INFINITY}, {0.3, 0.7}});
    assertEquals(Optional.of("the model's outputs are not finite for 1 row (the first: test"
        + " row 3, whose \"a\" is 1.00000e+300 after scaling): features that large overflow"
        + " the model, and its answers for them would mean nothing"), problem(outputs));
  }

  /** The very first output, row 0's first, is found as any other. */
  @Test
  void aFirstOutputThatIsNotFiniteIsFound() {
    Tensor outputs = Tensor.matrix(new double[][] {
        {Double.NaN, 0.9}, {0.2, 0.8}, {0.1, 0.9}, {0.3, 0.7}});
    assertEquals(Optional.of("the model's outputs are not finite for 1 row (the first: test"
        + " row 1, whose \"b?[31m\" is -1.00000 after scaling): features that large overflow"
        + " the model, and its answers for them would mean nothing"), problem(outputs));
  }

  /** Without a name for the largest feature (a model given none), it is named by its index. */
  @Test
  void aFeatureWithoutANameIsNamedByItsIndex() {
    Tensor outputs = Tensor.matrix(new double[][] {{0.1, 0.9}, {0.2, 0.8}, {0, Double.NaN}});
    assertEquals(Optional.of("the model's outputs are not finite for 1 row (the first: row 2,"
        + " whose \"feature 0\" is 1.00000e+300 after scaling): features that large overflow"
        + " the model, and its answers for them would mean nothing"), FiniteOutputs.problem(
            outputs, row -> FEATURES.slice(0, row, row + 1), row -> "row " + row, List.of()));
  }

  @Test
  void finiteOutputsPass() {
    Tensor outputs = Tensor.matrix(new double[][] {
        {Double.MAX_VALUE, -Double.MAX_VALUE}, {0, 1}, {0, 1}, {0, 1}});
    assertEquals(Optional.empty(), problem(outputs));
  }
}
