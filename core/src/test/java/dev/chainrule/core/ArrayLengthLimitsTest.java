package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Results of 2^31 − 2 or 2^31 − 1 elements fit an int but not the VM's longest array (2^31 − 3).
 * Five operations sized their results against 2^31 − 1, so these passed the check and ended in
 * "OutOfMemoryError: Requested array size exceeds VM limit", which names no operation (found by
 * mutation testing: the checks' boundaries survived). Every operand here is small or empty.
 */
class ArrayLengthLimitsTest {
  private static final String TOO_LONG = "more elements than a Java array holds (2147483645)";
  private static final String MORE_THAN_AN_ARRAY = "more than a Java array holds (2147483645)";

  private static void assertRefused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void productsOfTwoToTheThirtyOneMinusTwoOrOneElementsAreRefused() {
    // 2 · (2^30 − 1) = 2^31 − 2 from empty operands.
    assertRefused("matmul: [2, 0] x [0, 1073741823]: the result [2, 1073741823] has " + TOO_LONG,
        () -> Tensors.zeros(2, 0).matmul(Tensors.zeros(0, 1073741823)));
    assertRefused("matmul: [2, 1, 0] x [0, 1073741823]: the result [2, 1, 1073741823] has "
        + TOO_LONG, () -> Tensors.zeros(2, 1, 0).matmul(Tensors.zeros(0, 1073741823)));
    assertRefused("tensordotRows: [0, 1] and [0, 2147483647]: the result [1, 2147483647] has "
        + TOO_LONG, () -> Tensors.zeros(0, 1).tensordotRows(Tensors.zeros(0, Integer.MAX_VALUE)));
  }

  @Test
  void oneHotOfOneLabelAmongTwoToTheThirtyOneMinusOneClassesIsRefused() {
    assertRefused("oneHot: 1 labels of 2147483647 classes make " + TOO_LONG,
        () -> Tensors.oneHot(Tensor.vector(0), Integer.MAX_VALUE));
    assertRefused("oneHot: 2 labels of 1073741823 classes make " + TOO_LONG,
        () -> Tensors.oneHot(new int[] {0, 1}, 1073741823));
  }

  @Test
  void convolutionsWhoseOutputOrResultPassesTheLongestArrayAreRefused() {
    // A 1×1 input padded to 32767 × 32769 positions, two output channels: 2^31 − 2 outputs.
    Conv2dOptions padded = Conv2dOptions.builder().padding(16383, 16384).build();
    assertRefused("conv2d: input [1, 1, 1, 1] and weight [2, 1, 1, 1]: an output of"
        + " 1×2×32767×32769 (stride 1, padding (16383, 16384), dilation 1) makes " + TOO_LONG,
        () -> Tensors.ones(1, 1, 1, 1).conv2d(Tensors.ones(2, 1, 1, 1), null, padded));
    // One window of stride 65536 spreads onto 65534 × 32769 = 2^31 − 2 elements.
    Conv2dOptions strided = Conv2dOptions.builder().stride(65536).build();
    assertRefused("convTranspose2d: input [1, 1, 1, 1] and weight [1, 1, 1, 1]: a result of"
        + " 1×1×65534×32769 makes " + TOO_LONG, () -> Tensors.ones(1, 1, 1, 1)
            .convTranspose2d(Tensors.ones(1, 1, 1, 1), strided, 65534, 32769));
  }

  /**
   * A shape fits an array up to the longest one, 2^31 − 3 elements (5 · 429,496,729), and so does
   * a stack of parts that makes exactly that many; one element more is refused by name. Sized
   * only (a real stack needs 16 GiB).
   */
  @Test
  void aShapeAndAStackTakeExactlyTheLongestArray() {
    assertTrue(Shape.of(5, 429_496_729).fitsArray());
    assertFalse(Shape.of(Integer.MAX_VALUE - 1).fitsArray(), "2^31 − 2");
    assertEquals(Shape.of(5, 429_496_729), Joining.stackedShape(5, Shape.of(429_496_729), 0));
    assertEquals(Shape.of(429_496_729, 5), Joining.stackedShape(5, Shape.of(429_496_729), 1));
    assertRefused("stack: 2 parts of [1073741823] make [2, 1073741823], 2147483646 elements, "
        + MORE_THAN_AN_ARRAY, () -> Joining.stackedShape(2, Shape.of(1_073_741_823), 0));
  }

  /**
   * The plan sizes the output and one group's columns against the longest array: exactly that
   * many are taken, one more refused. Planned only (a real run needs 16 GiB).
   */
  @Test
  void aConvolutionPlanTakesExactlyTheLongestArray() {
    Conv2dOptions plain = Conv2dOptions.defaults();
    int longest = Tensors.LONGEST_ARRAY;
    assertEquals(longest, ConvPlan.sized("conv2d", "x", longest, 1, 1, 1, 1, 1, 1, plain)
        .batch());
    assertRefused("conv2d: x: an output of 2147483646×1×1×1 (stride 1, padding 0, dilation 1)"
        + " makes " + TOO_LONG, () -> ConvPlan.sized("conv2d", "x", longest + 1, 1, 1, 1, 1, 1,
            1, plain));
  }

  /**
   * A grouped convolution's columns are one group's: [1, 2, 1, 1] padded by 2503 under an 8×8
   * kernel makes 5000 × 5000 positions, 64 · 25e6 = 1.6e9 columns per group (one channel each),
   * which fit; the same input in one group makes 3.2e9, which do not.
   */
  @Test
  void aGroupedConvolutionIsSizedByOneGroupsColumns() {
    Conv2dOptions grouped = Conv2dOptions.builder().padding(2503).groups(2).build();
    ConvPlan plan = ConvPlan.forward("conv2d", Shape.of(1, 2, 1, 1), Shape.of(2, 1, 8, 8),
        grouped);
    assertEquals(5000, plan.outHeight());
    assertEquals(5000, plan.outWidth());
    Conv2dOptions oneGroup = Conv2dOptions.builder().padding(2503).build();
    assertRefused("conv2d: input [1, 2, 1, 1] and weight [2, 2, 8, 8]: the columns of one image"
        + " (2·8·8 = 128 rows by 5000×5000 positions, stride 1, padding 2503, dilation 1) make"
        + " 3200000000 elements, " + MORE_THAN_AN_ARRAY, () -> ConvPlan.forward("conv2d",
            Shape.of(1, 2, 1, 1), Shape.of(2, 2, 8, 8), oneGroup));
  }

  /** A kernel as long as the padded input along an axis fits once; one longer does not fit. */
  @Test
  void aKernelFitsAnAxisExactlyOrNotAtAll() {
    Tensor x = Tensors.zeros(1, 1, 4, 5);
    assertEquals(Shape.of(1, 1, 1, 1),
        x.conv2d(Tensors.zeros(1, 1, 4, 5), null, Conv2dOptions.defaults()).shape());
    assertRefused("conv2d: input [1, 1, 4, 5] and weight [1, 1, 5, 5]: a 5×5 kernel (stride 1,"
        + " padding 0, dilation 1) does not fit a 4×5 input",
        () -> x.conv2d(Tensors.zeros(1, 1, 5, 5), null, Conv2dOptions.defaults()));
    assertRefused("conv2d: input [1, 1, 4, 5] and weight [1, 1, 4, 6]: a 4×6 kernel (stride 1,"
        + " padding 0, dilation 1) does not fit a 4×5 input",
        () -> x.conv2d(Tensors.zeros(1, 1, 4, 6), null, Conv2dOptions.defaults()));
  }
}
