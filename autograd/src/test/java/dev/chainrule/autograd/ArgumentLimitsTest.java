package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.Transpose;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Ops at the limits of their arguments: the last value accepted and the first refused, with the
 * message naming the op. Found by mutation testing (issue 15).
 */
class ArgumentLimitsTest {
  private static final Variable X =
      Variable.parameter(Tensor.of(new double[] {1, -2, 3, -4, 5, -6}, 2, 3));

  private static void assertRefused(String start, Executable call) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertTrue(message.startsWith(start), message);
  }

  @Test
  void eluTakesAlphaZeroButNoNegativeAlpha() {
    // Equal as numbers (tolerance 0); elu's zeros are −0 (0 times a negative), relu's +0.
    assertTrue(X.elu(0).value().allClose(X.relu().value(), 0, 0), () -> X.elu(0).toString());
    assertRefused("elu: alpha must be finite and not negative, got -1.0", () -> X.elu(-1));
    // As the Activation layer refuses them: ∞ gave NaN at 0 (∞·expm1(0)), NaN was "negative".
    assertRefused("elu: alpha must be finite and not negative, got Infinity",
        () -> X.elu(Double.POSITIVE_INFINITY));
    assertRefused("elu: alpha must be finite and not negative, got NaN", () -> X.elu(Double.NaN));
    // A negative slope is PyTorch's too; ±∞ made the output NaN at 0 (∞·0).
    assertTrue(X.leakyRelu(-0.5).value().allClose(
        Tensor.of(new double[] {1, 1, 3, 2, 5, 3}, 2, 3), 0, 0),
        () -> X.leakyRelu(-0.5).toString());
    assertRefused("leakyRelu: alpha must be finite, got -Infinity",
        () -> X.leakyRelu(Double.NEGATIVE_INFINITY));
    assertRefused("leakyRelu: alpha must be finite, got NaN", () -> X.leakyRelu(Double.NaN));
  }

  @Test
  void stackAndConcatNeedTensorsOfOneShape() {
    assertRefused("stack: needs at least one tensor", () -> Variables.stack(0));
    assertRefused("concat: needs at least one tensor", () -> Variables.concat(0));
    Variable row = Variable.parameter(Tensors.zeros(3));
    assertRefused("stack: shapes [3] and [2] differ",
        () -> row.stack(0, Variable.parameter(Tensors.zeros(2))));
    assertEquals(List.of(1, 3), List.of(row.stack(0).shape().dims()[0],
        row.stack(0).shape().dims()[1]));
  }

  @Test
  void matmulRefusesScalarsAndTransposedVectors() {
    Variable v = Variable.parameter(Tensors.zeros(3));
    assertRefused("matmul: [] x [3]: operands need at least one axis",
        () -> Variable.parameter(Tensor.scalar(2)).matmul(v));
    assertRefused("matmul: [3] x []: operands need at least one axis",
        () -> v.matmul(Variable.parameter(Tensor.scalar(2))));
    Variable m = Variable.parameter(Tensors.zeros(3, 3));
    assertRefused("matmul: [3] x [3, 3]: a 1-D operand cannot be transposed",
        () -> v.matmul(m, Transpose.LEFT));
    assertRefused("matmul: [3, 3] x [3]: a 1-D operand cannot be transposed",
        () -> m.matmul(v, Transpose.RIGHT));
  }

  @Test
  void standardizeChecksItsAxesAndEps() {
    assertRefused("standardize: no axes given for [2, 3]", () -> X.standardize(new int[0], 1e-5));
    assertRefused("standardize: eps must be finite and not negative, got -1.0E-5",
        () -> X.standardize(new int[] {1}, -1e-5));
    assertRefused("standardize: eps must be finite and not negative, got Infinity",
        () -> X.standardize(new int[] {1}, Double.POSITIVE_INFINITY));
    assertRefused("standardize: axis -1 repeated in [1, -1] for shape [2, 3]",
        () -> X.standardize(new int[] {1, -1}, 0));
    // eps = 0 is allowed (the rows here are not constant), and the order of the axes is not.
    Tensor both = X.standardize(new int[] {0, 1}, 0).value();
    assertEquals(both, X.standardize(new int[] {1, 0}, 0).value());
    assertTrue(Math.abs(both.mean().item()) < 1e-15, both::toString);
  }

  @Test
  void softmaxCrossEntropyNeedsAClassAxisAndMatchingTargets() {
    assertRefused("softmaxCrossEntropy: logits [] need a class axis",
        () -> Variable.parameter(Tensor.scalar(1)).softmaxCrossEntropy(Tensor.scalar(0)));
    assertRefused("softmaxCrossEntropy: logits [2, 3] and targets [3] do not match",
        () -> X.softmaxCrossEntropy(Tensor.vector(0, 1, 2)));
    // Class indices and their one-hot rows are the same targets (computed by different kernels,
    // so within a few ulps of a loss near 4.6).
    Tensor indices = Tensor.vector(2, 0);
    Tensor rows = Tensors.oneHot(indices, 3);
    assertEquals(X.softmaxCrossEntropy(rows).item(), X.softmaxCrossEntropy(indices).item(), 4e-15);
  }

  /**
   * Target rows hold class probabilities: a negative weight or a NaN is refused, named with its
   * place, the first place included (the search for it returns index 0 there); a weight of 0 is
   * the smallest accepted.
   */
  @Test
  void softmaxCrossEntropyRowsRefuseANegativeOrNaNWeightWhereverItIs() {
    assertRefused("softmaxCrossEntropy: target -0.5 at [0, 0] is not a class probability"
            + " (finite and ≥ 0)",
        () -> X.softmaxCrossEntropy(Tensor.of(new double[] {-0.5, 1, 0.5, 0, 1, 0}, 2, 3)));
    assertRefused("softmaxCrossEntropy: target NaN at [1, 2] is not a class probability"
            + " (finite and ≥ 0)",
        () -> X.softmaxCrossEntropy(Tensor.of(new double[] {0, 1, 0, 0, 1, Double.NaN}, 2, 3)));
    Tensor zeros = Tensors.zeros(2, 3);
    assertEquals(0.0, X.softmaxCrossEntropy(zeros, Reduction.SUM).item(), 0.0,
        "rows weighing no class add nothing");
  }

  /**
   * An infinite weight is refused as a negative one is: the loss was ∞, or NaN, which says nothing
   * about the logits. So is a float64 weight past float32's range for float32 logits, which the
   * conversion to their type made ∞.
   */
  @Test
  void softmaxCrossEntropyRowsRefuseAnInfiniteWeight() {
    double inf = Double.POSITIVE_INFINITY;
    assertRefused("softmaxCrossEntropy: target Infinity at [1, 1] is not a class probability"
            + " (finite and ≥ 0): target rows are one-hot or soft probabilities",
        () -> X.softmaxCrossEntropy(Tensor.of(new double[] {0, 1, 0, 0, inf, 0}, 2, 3)));
    Variable float32 = Variable.parameter(Tensors.zeros(Shape.of(1, 3), DType.FLOAT32));
    assertRefused("softmaxCrossEntropy: target 1.0E300 at [0, 1] is past the range of float32,"
            + " the logits' type: target rows are one-hot or soft probabilities",
        () -> float32.softmaxCrossEntropy(Tensor.matrix(new double[][] {{0, 1e300, 0}})));
    assertRefused("softmaxCrossEntropy: target 1.0E300 at [0, 0] is past the range of float32",
        () -> float32.softmaxCrossEntropy(Tensor.matrix(new double[][] {{1e300, 1, 0}})));
  }

  /**
   * Finite weights whose row sums past the type's range passed the checks of each weight: the
   * row's sum scales the softmax in the gradient, which was then ∞ or NaN. The row is named, and
   * its sum; in float32 a sum past float32's range, which float64 would hold.
   */
  @Test
  void softmaxCrossEntropyRowsRefuseASumPastTheRange() {
    assertRefused("softmaxCrossEntropy: target row [1] sums to Infinity, past the range of"
            + " float64: target rows are one-hot or soft probabilities",
        () -> X.softmaxCrossEntropy(Tensor.of(new double[] {0, 1, 0, 1e308, 0, 1e308}, 2, 3)));
    Variable row = Variable.parameter(Tensors.zeros(Shape.of(3), DType.FLOAT32));
    assertRefused("softmaxCrossEntropy: target row sums to 6.0E38, past the range of float32:"
            + " target rows are one-hot or soft probabilities",
        () -> row.softmaxCrossEntropy(Tensor.vector(3e38, 3e38, 0)));
    // Large weights whose sum is finite are taken: the loss is theirs to scale.
    Variable zeros = Variable.parameter(Tensors.zeros(Shape.of(2, 3)));
    assertEquals(2 * 1e307 * Math.log(3), zeros.softmaxCrossEntropy(
        Tensor.of(new double[] {1e307, 0, 0, 0, 1e307, 0}, 2, 3), Reduction.SUM).item(),
        1e307 * 1e-14, "zero logits: each weight times log 3, to a few ulps of log 3");
  }

  /**
   * Rows of no classes are refused as such under either reduction; under a sum they were said to
   * hold "no values to average", which a sum never does. No rows of some classes sum to 0.
   */
  @Test
  void softmaxCrossEntropyNamesAnEmptyClassAxisAsSuch() {
    Variable noClasses = Variable.parameter(Tensors.zeros(2, 0));
    for (Reduction reduction : Reduction.values()) {
      assertRefused("softmaxCrossEntropy: logits [2, 0] have no classes (the last axis is empty)",
          () -> noClasses.softmaxCrossEntropy(Tensors.zeros(2), reduction));
    }
    Variable noRows = Variable.parameter(Tensors.zeros(0, 3));
    assertRefused("softmaxCrossEntropy: logits [0, 3] hold no values to average",
        () -> noRows.softmaxCrossEntropy(Tensors.zeros(0), Reduction.MEAN));
    assertEquals(0.0, noRows.softmaxCrossEntropy(Tensors.zeros(0), Reduction.SUM).item(), 0.0);
  }

  /**
   * A seed given to backward is the caller's: accumulating into the gradient must not change it.
   */
  @Test
  void backwardNeverAccumulatesIntoTheCallersSeed() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Tensor seed = Tensor.vector(1, 1);
    x.backward(seed);
    x.backward(seed);
    assertEquals(Tensor.vector(1, 1), seed);
    assertEquals(Tensor.vector(2, 2), x.grad());
  }
}
