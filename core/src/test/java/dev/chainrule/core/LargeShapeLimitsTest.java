package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Lengths and strides past 2^31 − 1, reached through empty tensors (which cost no memory however
 * long their other axes): concat added its parts' lengths along the axis in an int, and
 * {@link Shape#strides()} multiplied in an int, both wrapping around without a word.
 */
class LargeShapeLimitsTest {
  private static final int BIG = 1_500_000_000;

  private static void assertRefused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void concatRefusesLengthsThatAddUpPastAnInt() {
    Tensor part = Tensors.zeros(0, BIG);
    // Three parts wrapped to 205032704 and passed; two wrapped negative, and Shape's message
    // named no concat.
    assertRefused("concat: the lengths along axis 1 add up to 4500000000, more than 2^31 - 1",
        () -> Tensors.concat(1, part, part, part));
    assertRefused("concat: the lengths along axis -1 add up to 3000000000, more than 2^31 - 1",
        () -> Tensors.concat(-1, part, part));
    assertRefused("concat: the lengths along axis 1 add up to 3000000000, more than 2^31 - 1",
        () -> Tensors.concat(1, part, Tensors.zeros(Shape.of(0, BIG), DType.FLOAT32)));
  }

  @Test
  void concatStillJoinsEmptyPartsUpToTheLargestLength() {
    int rest = Integer.MAX_VALUE - BIG;
    Tensor joined = Tensors.concat(1, Tensors.zeros(0, BIG), Tensors.zeros(0, rest));
    assertEquals(Shape.of(0, Integer.MAX_VALUE), joined.shape());
    assertEquals(Shape.of(2, 0, 3), Tensors.stack(0, Tensors.zeros(0, 3), Tensors.zeros(0, 3))
        .shape());
  }

  @Test
  void stridesAreRefusedWhenOneDoesNotFitAnInt() {
    // 65536 · 65536 = 2^32 wrapped to 0: [0, 65536, 1] was returned for both shapes.
    assertRefused("strides: the stride of axis 0 of [2, 65536, 65536] would be 4294967296, more"
        + " than 2^31 - 1", () -> Shape.of(2, 65536, 65536).strides());
    // Empty, so a tensor of this shape exists; its first stride still has no int value.
    assertRefused("strides: the stride of axis 0 of [0, 65536, 65536] would be 4294967296, more"
        + " than 2^31 - 1", () -> Shape.of(0, 65536, 65536).strides());
    assertRefused("strides: the stride of axis 1 of [3, 0, 65536, 32768] would be 2147483648,"
        + " more than 2^31 - 1", () -> Shape.of(3, 0, 65536, 32768).strides());
  }

  @Test
  void stridesThatFitAreExactEvenForShapesTooLargeForATensor() {
    assertArrayEquals(new int[] {4, 1}, Shape.of(3, 4).strides());
    assertArrayEquals(new int[] {}, Shape.scalar().strides());
    // A zero after an axis makes its stride 0, however large the axes around it.
    assertArrayEquals(new int[] {0, 65536, 1}, Shape.of(65536, 0, 65536).strides());
    // Every stride fits though the size does not: [65536, 1] is the true answer.
    assertArrayEquals(new int[] {65536, 1}, Shape.of(65536, 65536).strides());
    assertArrayEquals(new int[] {Integer.MAX_VALUE, 1}, Shape.of(2, Integer.MAX_VALUE)
        .strides());
  }

  /**
   * The kernels walk empty tensors whose strides {@link Shape#strides()} now refuses, and must go
   * on doing so: each of these worked before and gives NumPy's shape.
   */
  @Test
  void operationsOnAnEmptyTensorWithAnUnrepresentableStrideStillWork() {
    Tensor z = Tensors.zeros(0, 65536, 65536);
    assertEquals("tensor([], shape=[0, 65536, 65536])", z.toString());
    assertEquals(Shape.of(65536, 0, 65536), z.permute(2, 0, 1).shape());
    assertEquals(Shape.of(0, 3, 65536), z.slice(1, 0, 3, 1).shape());
    assertEquals(Shape.of(0, 65536, 5), z.slice(2, 0, 10, 2).shape());
    assertEquals(Shape.of(0, 65536, 65536), z.add(Tensors.zeros(65536)).shape());
    assertEquals(Shape.of(0, 65536, 2), z.take(2, Tensor.vector(0, 1)).shape());
    assertEquals(Shape.of(0, 65536), z.sum(new int[] {1}, false).shape());
    // Summing the empty axis away leaves 65,536 sums of nothing: zeros.
    assertEquals(Tensors.zeros(65536), z.sum(new int[] {0, 1}, false));
    assertEquals(Shape.of(0, 65536, 65536), Tensors.zeros(0, 1, 65536)
        .broadcastTo(Shape.of(0, 65536, 65536)).shape());
    assertEquals(Shape.of(0, 65536, 2), z.matmul(Tensors.zeros(65536, 2)).shape());
  }

  /**
   * Results past 2^31 − 1 elements from operands that fit: each was refused by Shape's own
   * message, "shape: [65536, 65536] has more than 2^31 - 1 elements", which named neither the
   * operation nor its operands.
   */
  @Test
  void resultsPastAnIntAreRefusedNamingTheOperationAndItsOperands() {
    Tensor column = Tensors.zeros(65536, 1);
    Tensor row = Tensors.zeros(1, 65536);
    String tooLong = ", more elements than a Java array holds (2147483645)";
    assertRefused("add: shapes [65536, 1] and [1, 65536] broadcast to [65536, 65536]" + tooLong,
        () -> column.add(row));
    assertRefused("lt: shapes [65536, 1] and [1, 65536] broadcast to [65536, 65536]" + tooLong,
        () -> column.lt(row));
    assertRefused("where: shapes [65536, 1], [1, 65536] and [] broadcast to [65536, 65536]"
        + tooLong, () -> Tensor.where(column, row, Tensor.scalar(1)));
    // 32767 · 65538 = 2^31 − 2: an int, one past the VM's longest array, from operands of
    // 768 KB; it ended in the VM's "Requested array size exceeds VM limit", naming nothing.
    assertRefused("add: shapes [32767, 1] and [1, 65538] broadcast to [32767, 65538]" + tooLong,
        () -> Tensors.zeros(32767, 1).add(Tensors.zeros(1, 65538)));
    assertRefused("take: [3, 65536] picked by an index [65536] along axis 0 makes [65536, 65536]"
        + tooLong, () -> Tensors.zeros(3, 65536).take(0, Tensors.zeros(65536)));
    Tensor empty = Tensors.zeros(0, 65536, 65536);
    assertRefused("sum: reducing [0, 65536, 65536] leaves [65536, 65536]" + tooLong,
        () -> empty.sum(0, true));
    assertRefused("mean: reducing [0, 65536, 65536] leaves [65536, 65536]" + tooLong,
        () -> empty.mean(0, false));
    assertRefused("variance: reducing [0, 65536, 65536] leaves [65536, 65536]" + tooLong,
        () -> empty.variance(0, false));
    assertRefused("moments: reducing [0, 65536, 65536] leaves [65536, 65536]" + tooLong,
        () -> empty.moments(new int[] {0}));
    assertRefused("sumTo: reducing [0, 65536, 65536] leaves [65536, 65536]" + tooLong,
        () -> empty.sumTo(65536, 65536));
    assertRefused("zeros: [65536, 65536] has more than 2^31 - 1 elements, more than a Java array"
        + " holds (2147483645)", () -> Tensors.zeros(65536, 65536));
    assertRefused("broadcastTo: [65536, 65536] has more than 2^31 - 1 elements, more than a Java"
        + " array holds (2147483645)", () -> row.broadcastTo(65536, 65536));
  }

  @Test
  void factoriesAndTransposedConvolutionsRefuseResultsNoArrayHolds() {
    // The transposed convolution's result went unsized: 65536² wrapped to an empty array (an
    // ArrayIndexOutOfBoundsException inside), 65537² to a tensor of 131,073 elements.
    Tensor g = Tensors.ones(1, 1, 1, 1);
    assertRefused("convTranspose2d: input [1, 1, 1, 1] and weight [1, 64, 1, 1]: a result of"
        + " 1×64×65536×65536 makes more elements than a Java array holds (2147483645)",
        () -> g.convTranspose2d(Tensors.ones(1, 64, 1, 1),
            Conv2dOptions.builder().stride(65536).build(), 65536, 65536));
    assertRefused("linspace: 2147483647 values are more than a Java array holds (2147483645)",
        () -> Tensors.linspace(0, 1, Integer.MAX_VALUE));
    // A shape's size fits an int up to 2^31 - 1; the VM's arrays end two shorter, and the
    // factories ended in an OutOfMemoryError that named nothing.
    Shape longest = Shape.of(Integer.MAX_VALUE);
    assertRefused("zeros: [2147483647] holds 2147483647 elements, more than a Java array holds"
        + " (2147483645)", () -> Tensors.zeros(longest));
    // Named by randn itself since the reflective probe (2026-12-03); it said "normal:".
    assertRefused("randn: [2147483647] holds 2147483647 elements, more than a Java array holds"
        + " (2147483645)", () -> Tensors.randn(longest, 1L));
    assertRefused("broadcastTo: [2147483647] holds 2147483647 elements, more than a Java array"
        + " holds (2147483645)", () -> Tensor.scalar(1).broadcastTo(Integer.MAX_VALUE));
    // One row of 40,000 values given 60,000 times: 2.4e9 values, refused before allocating.
    double[] row = new double[40_000];
    double[][] rows = new double[60_000][];
    java.util.Arrays.fill(rows, row);
    assertRefused("matrix: 60000 rows of 40000 values are more than a Java array holds",
        () -> Tensor.matrix(rows));
  }
}
