package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Pool2dOptions;

/**
 * PyTorch's {@code MaxPool2d}: the maximum of each window of each channel of an NCHW batch
 * ({@link Variable#maxPool2d}); the gradient goes to the first maximum of each window, or to its
 * last NaN, as PyTorch's does. {@link Pool2dOptions#ceilMode} is PyTorch's {@code ceil_mode}: the
 * output's size is rounded up and a last window past the bottom or right edge takes the elements
 * it covers; {@link Pool2dOptions#countIncludePad} means nothing here (padding never wins).
 */
public final class MaxPool2d extends Module {
  private final Pool2dOptions options;

  private MaxPool2d(Pool2dOptions options) {
    this.options = checkNotNull(options, "MaxPool2d: options are null");
  }

  /**
   * Square windows with stride equal to the kernel (PyTorch's default), so a kernel of 2 halves
   * height and width.
   *
   * @param kernel the window's height and width
   * @return the layer
   */
  public static MaxPool2d of(int kernel) {
    return new MaxPool2d(Pool2dOptions.of(kernel));
  }

  /**
   * Windows as the options say.
   *
   * @param options kernel, stride, padding, dilation and ceil mode
   * @return the layer
   */
  public static MaxPool2d of(Pool2dOptions options) {
    return new MaxPool2d(options);
  }

  /**
   * The window.
   *
   * @return kernel, stride, padding, dilation and ceil mode
   */
  public Pool2dOptions options() {
    return options;
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "MaxPool2d: input is null");
    return Images.batchOrOne(this, x, batch -> batch.maxPool2d(options));
  }

  /** The window as the options print it, less "padding not counted", which max pooling ignores. */
  @Override
  protected String describe() {
    Pool2dOptions o = options;
    Pool2dOptions asUsed = new Pool2dOptions(o.kernelHeight(), o.kernelWidth(), o.strideHeight(),
        o.strideWidth(), o.paddingHeight(), o.paddingWidth(), o.dilationHeight(),
        o.dilationWidth(), o.ceilMode(), true);
    return "MaxPool2d(" + asUsed + ")";
  }

  /** True: each image's windows are pooled from that image alone. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
