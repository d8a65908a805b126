package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Which of a convolution's or a pooling's arrays passes the VM's longest (2^31 − 3), and how the
 * refusal names it. A scale probe (session 53) found max pooling refused for columns it never
 * builds, convolutions' refusals blaming a 262,144-element output for 2.8e9 columns, the
 * transposed convolution naming as its input the result it makes, and a weight gradient of more
 * than 2^31 elements wrapping into a NegativeArraySizeException. Every operand here is small:
 * the refusals are shape arithmetic, before any large array.
 */
class ConvolutionArraySizesTest {
  private static final String MORE_THAN_AN_ARRAY = "more than a Java array holds (2147483645)";

  private static void assertRefused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /**
   * A 24×24 window of stride 1 over 2048 × 2048 reads the input in place and writes 2025 × 2025
   * values and indices (PyTorch 1.13: [1, 1, 2025, 2025]); sized as a convolution, its 2.4e9
   * columns were refused. Planned only: running it compares 2.4e9 taps.
   */
  @Test
  void maxPoolingIsSizedByItsOutputNotByColumnsItNeverBuilds() {
    Pool2dOptions window = Pool2dOptions.builder(24).stride(1).build();
    ConvPlan plan = ConvPlan.pooling("maxPool2d", "input [1, 1, 2048, 2048]", 1, 1, 2048, 2048,
        window);
    assertEquals(Shape.of(1, 1, 2025, 2025), plan.outputShape());
  }

  /** The output (values and as many indices) takes exactly the longest array; one more not. */
  @Test
  void aPoolingsOutputTakesExactlyTheLongestArray() {
    Pool2dOptions one = Pool2dOptions.of(1);
    int longest = Tensors.LONGEST_ARRAY;
    assertEquals(longest, ConvPlan.pooling("maxPool2d", "x", longest, 1, 1, 1, one).batch());
    assertRefused("maxPool2d: x: an output of 2147483646×1×1×1 (kernel 1, stride 1) makes more"
        + " elements than a Java array holds (2147483645)",
        () -> ConvPlan.pooling("maxPool2d", "x", longest + 1, 1, 1, 1, one));
  }

  /** The probe's case: 64 · 13 · 13 rows by 512 · 512 positions are 2.8e9 columns. */
  @Test
  void overflowingColumnsAreNamedAndSizedNotTheOutput() {
    Conv2dOptions padded = Conv2dOptions.builder().padding(6).build();
    assertRefused("conv2d: input [1, 64, 512, 512] and weight [1, 64, 13, 13]: the columns of"
        + " one image (64·13·13 = 10816 rows by 512×512 positions, stride 1, padding 6,"
        + " dilation 1) make 2835349504 elements, " + MORE_THAN_AN_ARRAY, () -> ConvPlan.forward(
            "conv2d", Shape.of(1, 64, 512, 512), Shape.of(1, 64, 13, 13), padded));
    // Grouped, the columns are one group's: 2 of 4 channels, 3.2e9 elements.
    Conv2dOptions grouped = Conv2dOptions.builder().padding(2503).groups(2).build();
    assertRefused("conv2d: input [1, 4, 1, 1] and weight [2, 2, 8, 8]: the columns of one"
        + " image's group of channels (2·8·8 = 128 rows by 5000×5000 positions, stride 1,"
        + " padding 2503, dilation 1, groups 2) make 3200000000 elements, " + MORE_THAN_AN_ARRAY,
        () -> ConvPlan.forward("conv2d", Shape.of(1, 4, 1, 1), Shape.of(2, 2, 8, 8), grouped));
  }

  /**
   * A 256×256 kernel over 511 × 511 makes 256 × 256 positions of 65,536 taps: 2^32 columns, for
   * the convolution and both adjoints, from operands of 65,536 and 261,121 elements. The
   * transposed convolution names its own input and the convolution it is the adjoint of.
   */
  @Test
  void theAdjointsNameTheirOwnOperandsAndTheColumns() {
    Tensor image = Tensors.zeros(1, 1, 511, 511);
    Tensor kernel = Tensors.zeros(1, 1, 256, 256);
    Tensor gradient = Tensors.zeros(1, 1, 256, 256);
    Conv2dOptions plain = Conv2dOptions.defaults();
    String columns = ": the columns of one image (1·256·256 = 65536 rows by 256×256 positions,"
        + " stride 1, padding 0, dilation 1) make 4294967296 elements, " + MORE_THAN_AN_ARRAY;
    assertRefused("conv2d: input [1, 1, 511, 511] and weight [1, 1, 256, 256]" + columns,
        () -> image.conv2d(kernel, null, plain));
    assertRefused("convTranspose2d: input [1, 1, 256, 256] and weight [1, 1, 256, 256] (the"
        + " adjoint of convolving [1, 1, 511, 511])" + columns,
        () -> gradient.convTranspose2d(kernel, plain, 511, 511));
    assertRefused("conv2dWeightGrad: input [1, 1, 511, 511] and gradient [1, 1, 256, 256]"
        + columns, () -> image.conv2dWeightGrad(gradient, plain, 256, 256));
  }

  /**
   * A weight gradient's result is a weight of the gradient's channels by the kernel asked for:
   * 65536 × 1 × 201 × 201 (a 1×1 input padded by 100, one position) is 2.6e9 elements, which
   * wrapped an int into a NegativeArraySizeException.
   */
  @Test
  void aWeightGradientLongerThanAnArrayIsRefused() {
    Conv2dOptions padded = Conv2dOptions.builder().padding(100).build();
    Tensor gradient = Tensors.zeros(Shape.of(1, 65536, 1, 1), DType.FLOAT32);
    assertRefused("conv2dWeightGrad: input [1, 1, 1, 1] and gradient [1, 65536, 1, 1]: a weight"
        + " of 65536×1×201×201 makes more elements than a Java array holds (2147483645)",
        () -> Tensors.zeros(1, 1, 1, 1).conv2dWeightGrad(gradient, padded, 201, 201));
    // The same with two channels runs: the check is of the weight, not of the kernel.
    Tensor fits = Tensors.zeros(Shape.of(1, 2, 1, 1), DType.FLOAT32);
    assertEquals(Shape.of(2, 1, 201, 201),
        Tensors.zeros(1, 1, 1, 1).conv2dWeightGrad(fits, padded, 201, 201).shape());
  }
}
