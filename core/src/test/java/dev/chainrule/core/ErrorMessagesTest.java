package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The text of every error is part of the API: users read it to fix their code. */
class ErrorMessagesTest {
  private static final Tensor A34 = Tensors.ones(3, 4);

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void matmulInnerDimensions() {
    assertMessage("matmul: [32, 784] x [128, 10]: inner dimensions differ (784 vs 128)",
        () -> Tensors.zeros(32, 784).matmul(Tensors.zeros(128, 10)));
    assertMessage("matmul: [32, 784]ᵀ x [128, 10]: inner dimensions differ (32 vs 128)",
        () -> Tensors.zeros(32, 784).matmul(Tensors.zeros(128, 10), Transpose.LEFT));
    assertMessage("matmul: [] x [3]: operands need at least one axis",
        () -> Tensor.scalar(1).matmul(Tensors.zeros(3)));
    assertMessage("matmul: [3] x [3, 2]: a 1-D operand cannot be transposed",
        () -> Tensors.zeros(3).matmul(Tensors.zeros(3, 2), Transpose.LEFT));
    assertMessage(
        "matmul (batch axes): shapes [2] and [3] do not broadcast (axis -1: 2 vs 3)",
        () -> Tensors.zeros(2, 4, 5).matmul(Tensors.zeros(3, 5, 6)));
  }

  @Test
  void broadcasting() {
    assertMessage("add: shapes [3, 4] and [5] do not broadcast (axis -1: 4 vs 5)",
        () -> A34.add(Tensors.zeros(5)));
    assertMessage("mul: shapes [2, 3] and [3, 3] do not broadcast (axis -2: 2 vs 3)",
        () -> Tensors.zeros(2, 3).mul(Tensors.zeros(3, 3)));
    assertMessage("where: shapes [2], [3] and [3] do not broadcast (axis -1: 2 vs 3)",
        () -> Tensor.where(Tensors.zeros(2), Tensors.zeros(3), Tensors.zeros(3)));
    assertMessage("broadcastTo: [3] cannot broadcast to [2, 4] (axis -1: 3 vs 4)",
        () -> Tensors.zeros(3).broadcastTo(Shape.of(2, 4)));
    assertMessage("sumTo: [2, 3] cannot be summed to [2] (it does not broadcast to [2, 3])",
        () -> Tensors.zeros(2, 3).sumTo(Shape.of(2)));
    assertMessage("broadcastTo: [2, 3] cannot broadcast to [3] (rank 2 > 1)",
        () -> Tensors.zeros(2, 3).broadcastTo(Shape.of(3)));
  }

  @Test
  void reshape() {
    assertMessage("reshape: [6] cannot become [4, -1]: 6 elements are no whole multiple of 4",
        () -> Tensors.zeros(6).reshape(4, -1));
    assertMessage("reshape: [6] cannot become [-1, -1]: only one size may be -1, the one"
        + " inferred", () -> Tensors.zeros(6).reshape(-1, -1));
    assertMessage("reshape: [6] cannot become [5]: it has 6 elements, not 5",
        () -> Tensors.zeros(6).reshape(5));
    // 2^31 - 1 is still an int: named as it is; one more is "over 2^31 - 1".
    assertMessage("reshape: [6] cannot become [2147483647]: it has 6 elements, not 2147483647",
        () -> Tensors.zeros(6).reshape(Integer.MAX_VALUE));
    assertMessage("reshape: [6] cannot become [-2, -3]: a size is positive, 0, or -1 to infer"
        + " it, not -3", () -> Tensors.zeros(6).reshape(-2, -3));
    // The sizes' true product, past 2^31 and past 2^63, where it was the 2^31 its test is
    // clamped at (a scale probe, session 53).
    assertMessage("reshape: [1] cannot become [65536, 65536, -1]: 1 elements are no whole"
        + " multiple of 4294967296", () -> Tensors.zeros(1).reshape(65536, 65536, -1));
    assertMessage("reshape: [1] cannot become [-1, 2147483647, 2147483647, 2147483647]: 1"
        + " elements are no whole multiple of 9903520300447984150353281023", () -> Tensors
            .zeros(1).reshape(-1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void axes() {
    assertMessage("sum: axis 2 out of range for shape [3, 4]", () -> A34.sum(2, false));
    assertMessage("sum: axis -1 repeated in [1, -1] for shape [3, 4]",
        () -> A34.sum(new int[] {1, -1}, false));
    assertMessage("transpose: axis -3 out of range for shape [3, 4]", () -> A34.transpose(0, -3));
    assertMessage("permute: [0, 0] is not a permutation of the axes of [3, 4]",
        () -> A34.permute(0, 0));
    assertMessage("squeeze: axis 0 of [3, 4] has size 3, not 1", () -> A34.squeeze(0));
    assertMessage("unsqueeze: axis 3 out of range for shape [3, 4]", () -> A34.unsqueeze(3));
    assertMessage("slice: step must be positive, got 0", () -> A34.slice(0, 0, 2, 0));
    assertMessage("max: cannot reduce the empty axis 0 of [0, 2]",
        () -> Tensors.zeros(0, 2).max(0, false));
    assertMessage("argmax: cannot reduce the empty tensor [0]", () -> Tensors.zeros(0).argmax());
  }

  @Test
  void joining() {
    assertMessage("concat: shapes [2, 3] and [3, 4] differ outside axis 1",
        () -> Tensors.concat(1, Tensors.zeros(2, 3), Tensors.zeros(3, 4)));
    assertMessage("concat: needs at least one tensor", () -> Tensors.concat(0));
    assertMessage("concat: cannot concatenate scalars (use stack)",
        () -> Tensors.concat(0, Tensor.scalar(1)));
    assertMessage("stack: shapes [2] and [3] differ",
        () -> Tensors.stack(0, Tensors.zeros(2), Tensors.zeros(3)));
  }

  @Test
  void indexing() {
    assertMessage("gather: index 5.0 out of range for axis 0 of [3, 4] (valid: whole numbers -3"
        + " to 2)", () -> A34.gather(0, Tensor.of(new double[] {5}, 1, 1)));
    assertMessage("gather: index -4.0 out of range for axis 0 of [3, 4] (valid: whole numbers -3"
        + " to 2)", () -> A34.gather(0, Tensor.of(new double[] {-4}, 1, 1)));
    assertMessage("get: index [0, -5] out of bounds for shape [3, 4]", () -> A34.get(0, -5));
    assertMessage("variance: the unbiased variance needs at least 2 values per group, [3, 4] has"
        + " 1 over the reduced axes", () -> A34.variance(new int[0], false, true));
    assertMessage("take: index 1.5 out of range for axis 1 of [3, 4] (valid: whole numbers -4"
        + " to 3)", () -> A34.take(1, Tensor.vector(1.5)));
    // The first bad value is named, not the valid ones before it, in both types.
    assertMessage("take: index 7.0 out of range for axis 1 of [3, 4] (valid: whole numbers -4"
        + " to 3)", () -> A34.take(1, Tensor.vector(0, -1, 7, 9)));
    assertMessage("take: index 7.0 out of range for axis 1 of [3, 4] (valid: whole numbers -4"
        + " to 3)", () -> A34.take(1, Tensor.vector(0, -1, 7, 9).to(DType.FLOAT32)));
    assertMessage("gather: index [2] (values [2]) does not fit [3, 4] along axis 0: same rank,"
            + " no larger outside the axis, values shaped like the index",
        () -> A34.gather(0, Tensor.vector(0, 1)));
    assertMessage("oneHot: class 3.0 at [1] out of range for 3 classes (valid: whole numbers 0 to"
        + " 2)", () -> Tensors.oneHot(new int[] {0, 3}, 3));
    assertMessage("get: index [3, 0] out of bounds for shape [3, 4]", () -> A34.get(3, 0));
    // A wrong number of coordinates is said as such, whatever their values: get(1) of a [2, 2]
    // tensor used to read "index [1] out of bounds", though 1 is in range on either axis.
    assertMessage("get: 1 index for a tensor of rank 2 [2, 2]; give one index per dimension",
        () -> Tensors.zeros(2, 2).get(1));
    assertMessage("get: 3 indices for a tensor of rank 2 [3, 4]; give one index per dimension",
        () -> A34.get(0, 0, 0));
    assertMessage("get: 0 indices for a tensor of rank 2 [3, 4]; give one index per dimension",
        () -> A34.get());
    assertMessage("get: 1 index for a tensor of rank 0 []; give one index per dimension (none"
        + " for a scalar)", () -> Tensor.scalar(2).get(0));
    assertMessage("item: tensor of shape [3, 4] has 12 elements, not 1", A34::item);
  }

  /**
   * An empty axis has no valid index, and its range used to read "(valid: whole numbers -0 to
   * -1)". Each of the four index operations says so instead.
   */
  @Test
  void anIndexIntoAnEmptyAxisSaysTheAxisIsEmpty() {
    Tensor empty = Tensors.zeros(2, 0);
    Tensor one = Tensors.zeros(2, 1);
    assertMessage("gather: index 0.0 out of range for axis 1 of [2, 0] (the axis is empty: no"
        + " index is valid)", () -> empty.gather(1, one));
    assertMessage("scatterAdd: index 0.0 out of range for axis 1 of [2, 0] (the axis is empty: no"
        + " index is valid)", () -> empty.scatterAdd(1, one, one));
    // The axis counted from the front, as in every index message.
    assertMessage("take: index -1.0 out of range for axis 1 of [2, 0] (the axis is empty: no"
        + " index is valid)", () -> empty.take(-1, Tensor.vector(-1)));
    assertMessage("indexAdd: index 0.0 out of range for axis 1 of [2, 0] (the axis is empty: no"
        + " index is valid)", () -> empty.indexAdd(1, Tensor.vector(0), one));
    // No index at all is still fine: NumPy takes nothing from an empty axis.
    assertEquals(Tensors.zeros(2, 0), empty.take(1, Tensors.zeros(0)));
  }

  @Test
  void creationAndInPlace() {
    assertMessage("of: 5 values do not fill shape [2, 3] (6 elements)",
        () -> Tensor.of(new double[5], 2, 3));
    assertMessage("of: 3 values do not fill shape [] (1 element); without dimensions Tensor.of"
        + " makes a scalar: give the dimensions, or make a vector with Tensor.vector",
        () -> Tensor.of(new double[] {1, 2, 3}));
    assertMessage("matrix: row 1 has 2 values, row 0 has 3",
        () -> Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5}}));
    assertMessage("shape: negative dimension in [2, -1]", () -> Shape.of(2, -1));
    assertMessage("clamp: min 2.0 > max 1.0", () -> A34.clamp(2, 1));
    assertMessage("uniform: need finite low < high, got [1.0, 1.0)",
        () -> Tensors.uniform(Shape.of(2), 1, 1, 0L));
    assertMessage("addInPlace: shapes [3, 4] and [4] differ (in-place updates do not broadcast)",
        () -> A34.copy().addInPlace(Tensors.ones(4)));
  }

  @Test
  void nullArgumentsNameTheOperation() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> A34.add((Tensor) null));
    assertEquals("add: the other tensor is null", e.getMessage());
  }

  @Test
  void nullDimensionsAndNaNBoundsAreNamed() {
    // Null arguments are NullPointerExceptions, as Guava's checkNotNull makes them, with a message.
    // Named by the factory since the reflective probe (2026-12-03); it said "shape:".
    assertEquals("zeros: dimensions are null", assertThrows(NullPointerException.class,
        () -> Tensors.zeros((int[]) null)).getMessage());
    assertMessage("clamp: the bounds must be numbers, got [NaN, 1.0]",
        () -> A34.clamp(Double.NaN, 1));
  }
}
