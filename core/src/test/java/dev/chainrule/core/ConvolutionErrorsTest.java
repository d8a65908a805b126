package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What convolution and pooling say about shapes and options that cannot work. */
class ConvolutionErrorsTest {
  private static final Tensor X = Tensors.zeros(2, 3, 8, 8);

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void conv2dShapes() {
    assertMessage("conv2d: input [2, 3, 8, 8] and weight [4, 2, 3, 3]: the weight takes 2 channels"
            + " per group, the input has 3 in 1 group",
        () -> X.conv2d(Tensors.zeros(4, 2, 3, 3), null, Conv2dOptions.defaults()));
    assertMessage("conv2d: input [2, 3, 8, 8] and weight [4, 1, 3, 3]: 2 groups do not divide 3"
            + " input and 4 output channels",
        () -> X.conv2d(Tensors.zeros(4, 1, 3, 3), null,
            Conv2dOptions.builder().groups(2).build()));
    assertMessage("conv2d: input [3, 8, 8] and weight [4, 3, 3, 3] should be [batch, channels,"
            + " height, width] and [out, in / groups, kh, kw]",
        () -> Tensors.zeros(3, 8, 8).conv2d(Tensors.zeros(4, 3, 3, 3), null,
            Conv2dOptions.defaults()));
    assertMessage("conv2d: input [2, 3, 8, 8] and weight [4, 3, 9, 3]: a 9×3 kernel (stride 1,"
            + " padding 0, dilation 1) does not fit a 8×8 input",
        () -> X.conv2d(Tensors.zeros(4, 3, 9, 3), null, Conv2dOptions.defaults()));
    assertMessage("conv2d: bias [3] does not match weight [4, 3, 3, 3] (expected [4], one per"
            + " output channel)",
        () -> X.conv2d(Tensors.zeros(4, 3, 3, 3), Tensors.zeros(3), Conv2dOptions.defaults()));
  }

  @Test
  void adjointShapes() {
    Tensor w = Tensors.zeros(4, 3, 3, 3);
    Conv2dOptions strided = Conv2dOptions.builder().stride(2).build();
    assertMessage("convTranspose2d: input [2, 4, 6, 6] and weight [4, 3, 3, 3]: a 8×8 output"
            + " (stride 2, padding 0, dilation 1) is convolved to [2, 4, 3, 3], not [2, 4, 6, 6]",
        () -> Tensors.zeros(2, 4, 6, 6).convTranspose2d(w, strided, 8, 8));
    assertMessage("conv2dWeightGrad: input [2, 3, 8, 8] and gradient [2, 4, 5, 5]: a 3×3 kernel"
            + " (stride 1, padding 0, dilation 1) gives [2, 4, 6, 6], not [2, 4, 5, 5]",
        () -> X.conv2dWeightGrad(Tensors.zeros(2, 4, 5, 5), Conv2dOptions.defaults(), 3, 3));
  }

  /**
   * Refusals whose messages are formatted only when they refuse (their text was built on every
   * call): each word for word as it was when built up front, and a matching bias still accepted.
   */
  @Test
  void refusalsFormattedOnFailureNameTheirOperands() {
    Tensor w = Tensors.zeros(4, 3, 3, 3);
    Conv2dOptions grouped = Conv2dOptions.builder().groups(2).build();
    String bias = " does not match weight [4, 3, 3, 3] (expected [4], one per output channel)";
    assertMessage("conv2d: bias [4, 1]" + bias,
        () -> X.conv2d(w, Tensors.zeros(4, 1), Conv2dOptions.defaults()));
    assertMessage("conv2d: bias []" + bias,
        () -> X.conv2d(w, Tensors.zeros(Shape.of()), Conv2dOptions.defaults()));
    assertEquals(Shape.of(2, 4, 6, 6),
        X.conv2d(w, Tensors.zeros(4), Conv2dOptions.defaults()).shape());
    assertMessage("conv2dWeightGrad: input [2, 3, 8, 8] and gradient [2, 4, 6, 6]: 2 groups do"
        + " not divide their channels", () -> X.conv2dWeightGrad(Tensors.zeros(2, 4, 6, 6),
            grouped, 3, 3));
    assertMessage("conv2dWeightGrad: input [1, 1, 2, 2] and gradient [1, 1, 1, 1]: a 3×3 kernel"
            + " (stride 1, padding 0, dilation 1) does not fit a 2×2 input",
        () -> Tensors.zeros(1, 1, 2, 2).conv2dWeightGrad(Tensors.zeros(1, 1, 1, 1),
            Conv2dOptions.defaults(), 3, 3));
    assertMessage("maxPool2d: input [1, 1, 2, 2]: a 3×3 kernel (stride 3, padding 0, dilation 1)"
        + " does not fit a 2×2 input", () -> Tensors.zeros(1, 1, 2, 2).maxPool2d(
            Pool2dOptions.of(3)));
    assertMessage("convTranspose2d: input [2, 3, 6, 6] and weight [3, 2, 3, 3] (the adjoint of"
            + " convolving [2, 4, 8, 8]): 2 groups do not divide 4 input and 3 output channels",
        () -> Tensors.zeros(2, 3, 6, 6).convTranspose2d(Tensors.zeros(3, 2, 3, 3), grouped, 8,
            8));
    assertMessage("convTranspose2d: input [1, 1, 1, 1] and weight [1, 1, 9, 9] (the adjoint of"
            + " convolving [1, 1, 2, 2]): a 9×9 kernel (stride 1, padding 0, dilation 1) does"
            + " not fit a 2×2 input", () -> Tensors.zeros(1, 1, 1, 1).convTranspose2d(
                Tensors.zeros(1, 1, 9, 9), Conv2dOptions.defaults(), 2, 2));
    assertMessage("conv2d: input [2, 3, 8, 8] and weight [4, 1, 3, 3]: 3 groups do not divide 3"
        + " input and 4 output channels", () -> X.conv2d(Tensors.zeros(4, 1, 3, 3), null,
            Conv2dOptions.builder().groups(3).build()));
  }

  @Test
  void options() {
    assertMessage("conv2d: stride must be at least 1, got (0, 1)",
        () -> Conv2dOptions.builder().stride(0, 1).build());
    assertMessage("conv2d: groups must be at least 1, got 0",
        () -> Conv2dOptions.builder().groups(0).build());
    assertMessage("pool2d: padding (2, 2) must lie between 0 and half the kernel (3, 3)",
        () -> Pool2dOptions.builder(3).padding(2).build());
    assertMessage("maxPool2d: input [1, 1, 5, 5]: some window (kernel 2, stride 1, padding 1,"
            + " dilation 6) covers only padding",
        () -> Tensors.zeros(1, 1, 5, 5).maxPool2d(
            Pool2dOptions.builder(2).stride(1).padding(1).dilation(6).build()));
    assertMessage("maxPool2d: input [2, 3] should be [batch, channels, height, width]",
        () -> Tensors.zeros(2, 3).maxPool2d(Pool2dOptions.of(2)));
  }

  /** One step either side of each limit (found by mutation testing, issue 15). */
  @Test
  void limitsOfTheAdjoints() {
    Tensor w = Tensors.zeros(4, 3, 3, 3);
    assertMessage("convTranspose2d: input [4, 6, 6] and weight [4, 3, 3, 3] should be [batch, out,"
            + " height, width] and [out, in / groups, kh, kw]",
        () -> Tensors.zeros(4, 6, 6).convTranspose2d(w, Conv2dOptions.defaults(), 8, 8));
    assertMessage("convTranspose2d: output size 0×8 must be positive",
        () -> Tensors.zeros(1, 4, 1, 6).convTranspose2d(w, Conv2dOptions.defaults(), 0, 8));
    assertMessage("convTranspose2d: output size 8×0 must be positive",
        () -> Tensors.zeros(1, 4, 6, 1).convTranspose2d(w, Conv2dOptions.defaults(), 8, 0));
    assertMessage("conv2dWeightGrad: input [3, 8, 8] and gradient [2, 4, 6, 6] should be [batch,"
            + " channels, height, width] and [batch, out, oh, ow]",
        () -> Tensors.zeros(3, 8, 8).conv2dWeightGrad(Tensors.zeros(2, 4, 6, 6),
            Conv2dOptions.defaults(), 3, 3));
    assertMessage("conv2dWeightGrad: input [2, 3, 8, 8] and gradient [2, 4, 6, 6]: 2 groups do not"
            + " divide their channels",
        () -> X.conv2dWeightGrad(Tensors.zeros(2, 4, 6, 6),
            Conv2dOptions.builder().groups(2).build(), 3, 3));
    assertMessage("conv2dWeightGrad: input [2, 4, 8, 8] and gradient [2, 3, 6, 6]: 2 groups do not"
            + " divide their channels",
        () -> Tensors.zeros(2, 4, 8, 8).conv2dWeightGrad(Tensors.zeros(2, 3, 6, 6),
            Conv2dOptions.builder().groups(2).build(), 3, 3));
    assertMessage("conv2d: input [2, 3, 8, 8] and weight [4, 3, 0, 3]: the kernel is empty",
        () -> X.conv2d(Tensors.zeros(4, 3, 0, 3), null, Conv2dOptions.defaults()));
    assertMessage("conv2d: input [2, 3, 8, 8] and weight [4, 3, 3, 0]: the kernel is empty",
        () -> X.conv2d(Tensors.zeros(4, 3, 3, 0), null, Conv2dOptions.defaults()));
    // A kernel exactly as large as the input fits: one output position.
    assertEquals(Tensors.zeros(2, 4, 1, 1),
        X.conv2d(Tensors.zeros(4, 3, 8, 8), null, Conv2dOptions.defaults()));
    assertEquals(Tensors.zeros(2, 3, 8, 8), Tensors.zeros(2, 4, 1, 1)
        .convTranspose2d(Tensors.zeros(4, 3, 8, 8), Conv2dOptions.defaults(), 8, 8));
  }

  /**
   * A 1×1 kernel reads the input directly only at stride 1 without padding; strided or padded,
   * it must still skip or add positions. Exact: one product per output.
   */
  @Test
  void oneByOneKernelsThatStrideOrPad() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    Tensor two = Tensor.of(new double[] {2}, 1, 1, 1, 1);
    assertEquals(Tensor.of(new double[] {2, 6, 14, 18}, 1, 1, 2, 2),
        x.conv2d(two, null, Conv2dOptions.builder().stride(2).build()));
    assertEquals(Tensor.of(new double[] {2, 6, 14, 18}, 1, 1, 2, 2),
        x.conv2d(two, null, Conv2dOptions.builder().stride(2, 2).build()));
    assertEquals(Tensor.of(new double[] {2, 6, 8, 12, 14, 18}, 1, 1, 3, 2),
        x.conv2d(two, null, Conv2dOptions.builder().stride(1, 2).build()));
    assertEquals(Tensor.of(new double[] {2, 4, 6, 14, 16, 18}, 1, 1, 2, 3),
        x.conv2d(two, null, Conv2dOptions.builder().stride(2, 1).build()));
    Tensor padded = x.conv2d(two, null, Conv2dOptions.builder().padding(1, 0).build());
    assertEquals(Tensor.of(new double[] {0, 0, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 0, 0, 0},
        1, 1, 5, 3), padded);
    Tensor paddedWide = x.conv2d(two, null, Conv2dOptions.builder().padding(0, 1).build());
    assertEquals(Tensor.of(new double[] {0, 2, 4, 6, 0, 0, 8, 10, 12, 0, 0, 14, 16, 18, 0},
        1, 1, 3, 5), paddedWide);
  }

  /**
   * A kernel one tap tall or one wide is not 1×1: it still slides along its other axis. Two taps
   * on three rows (or columns), so that it slides: a kernel as long as the axis reads the input
   * as it lies, as a 1×1 would. Exact: sums of two whole numbers.
   */
  @Test
  void kernelsOneTallOrOneWideStillSlideAlongTheirOtherAxis() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    assertEquals(Tensor.of(new double[] {5, 7, 9, 11, 13, 15}, 1, 1, 2, 3),
        x.conv2d(Tensors.ones(1, 1, 2, 1), null, Conv2dOptions.defaults()), "rows added in pairs");
    assertEquals(Tensor.of(new double[] {3, 5, 9, 11, 15, 17}, 1, 1, 3, 2),
        x.conv2d(Tensors.ones(1, 1, 1, 2), null, Conv2dOptions.defaults()),
        "columns added in pairs");
  }

  /**
   * Taps that fall in the padding at every output column read nothing: a 1×2 kernel dilated by 5
   * over a 2×2 input padded by 2 has one output column, and both its taps miss the input (columns
   * −2 and 3), so the convolution is 0 there, as PyTorch gives. Exact.
   */
  @Test
  void tapsThatMissTheInputAtEveryColumnReadOnlyPadding() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
    Conv2dOptions wide = Conv2dOptions.builder().padding(0, 2).dilation(1, 5).build();
    assertEquals(Tensors.zeros(1, 1, 2, 1), x.conv2d(Tensors.ones(1, 1, 1, 2), null, wide));
  }

  @Test
  void anEmptyInputHasAnOutputSizeAndAKernelOfZeroHasNone() {
    Conv2dOptions padded = Conv2dOptions.builder().padding(1).build();
    // (0 + 2·1 − 1)/1 + 1 = 2 windows of one tap, PyTorch's formula; it is the layer that then
    // refuses windows covering only padding.
    assertEquals(2, padded.outputSize(0, 1, true));
    assertEquals(2, padded.outputSize(0, 1, false));
    assertMessage("outputSize: input size 3 and kernel size 0: the input must be at least 0 and"
        + " the kernel positive", () -> padded.outputSize(3, 0, true));
    assertMessage("conv2dWeightGrad: kernel size 0×1 must be positive", () -> X
        .conv2dWeightGrad(Tensors.zeros(2, 4, 8, 8), Conv2dOptions.builder().build(), 0, 1));
    assertMessage("conv2dWeightGrad: kernel size 1×0 must be positive", () -> X
        .conv2dWeightGrad(Tensors.zeros(2, 4, 8, 8), Conv2dOptions.builder().build(), 1, 0));
  }
}
