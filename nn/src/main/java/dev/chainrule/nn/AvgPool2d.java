package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Pool2dOptions;

/**
 * PyTorch's {@code AvgPool2d}: the mean of each window of each channel of an NCHW batch, padding
 * counted as zeros (PyTorch's default {@code count_include_pad}) or, with {@link
 * Pool2dOptions#countIncludePad} off, not counted; {@link Variable#avgPool2d}. {@link
 * Pool2dOptions#ceilMode} is PyTorch's {@code ceil_mode}: a last window past the padded input
 * divides by its taps before the padding's end, as PyTorch 1.13's. Its options are {@link
 * MaxPool2d}'s, dilation included, which PyTorch's average pooling does not take (a dilated window
 * that covers only padding averages to 0, and without {@code count_include_pad} is refused);
 * {@code divisor_override} is not offered.
 */
public final class AvgPool2d extends Module {
  private final Pool2dOptions options;

  private AvgPool2d(Pool2dOptions options) {
    this.options = checkNotNull(options, "AvgPool2d: options are null");
  }

  /**
   * Square windows with stride equal to the kernel (PyTorch's default).
   *
   * @param kernel the window's height and width
   * @return the layer
   */
  public static AvgPool2d of(int kernel) {
    return new AvgPool2d(Pool2dOptions.of(kernel));
  }

  /**
   * Windows as the options say.
   *
   * @param options kernel, stride, padding, dilation, ceil mode and count_include_pad
   * @return the layer
   */
  public static AvgPool2d of(Pool2dOptions options) {
    return new AvgPool2d(options);
  }

  /**
   * The window.
   *
   * @return kernel, stride, padding, dilation, ceil mode and count_include_pad
   */
  public Pool2dOptions options() {
    return options;
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "AvgPool2d: input is null");
    return Images.batchOrOne(this, x, batch -> batch.avgPool2d(options));
  }

  @Override
  protected String describe() {
    return "AvgPool2d(" + options + ")";
  }

  /** True: each image's windows are pooled from that image alone. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
