package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The window of a 2-D pooling over an NCHW batch, as PyTorch's {@code max_pool2d} names it: the
 * kernel's height and width, the stride (PyTorch's default is the kernel, so windows do not
 * overlap), the padding on both sides (at most half the kernel, as PyTorch requires; without
 * dilation every window then holds an input element, and a dilated window that holds none is
 * refused by the pooling, where PyTorch gives −∞) and the dilation; then PyTorch's
 * {@code ceil_mode} and, for average pooling, {@code count_include_pad}.
 *
 * <p>With {@code ceilMode} the output's size is rounded up instead of down (see {@link
 * #outputSize}), so a last window may run past the bottom or right edge of the padded input; it
 * pools the elements it covers, and the average divides by those of its taps that lie inside the
 * input and its padding ({@code count_include_pad}) or inside the input (without it), as PyTorch
 * 1.13 does. {@code countIncludePad} (the default, as PyTorch's) counts the padding's zeros in each
 * window's mean; without it a window's mean is over its input elements only. Max pooling, where
 * padding never wins, ignores it. PyTorch's {@code divisor_override} is not offered.
 *
 * <pre>{@code
 * Pool2dOptions halve = Pool2dOptions.of(2);                          // 2×2, stride 2
 * Pool2dOptions overlapping = Pool2dOptions.builder(3).stride(2).padding(1).build();
 * Pool2dOptions keepEdges = Pool2dOptions.builder(2).ceilMode(true).build(); // 5×5 → 3×3
 * }</pre>
 *
 * @param kernelHeight the window's rows, at least 1
 * @param kernelWidth the window's columns, at least 1
 * @param strideHeight rows between windows, at least 1
 * @param strideWidth columns between windows, at least 1
 * @param paddingHeight rows added above and below, from 0 to half the kernel's height
 * @param paddingWidth columns added left and right, from 0 to half the kernel's width
 * @param dilationHeight rows between the window's taps, at least 1
 * @param dilationWidth columns between the window's taps, at least 1
 * @param ceilMode whether the output's size is rounded up (PyTorch's {@code ceil_mode})
 * @param countIncludePad whether average pooling counts the padding in each window's divisor
 *     (PyTorch's {@code count_include_pad})
 */
public record Pool2dOptions(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
    int paddingHeight, int paddingWidth, int dilationHeight, int dilationWidth, boolean ceilMode,
    boolean countIncludePad) {

  /**
   * Checks the ranges.
   *
   * @param kernelHeight the window's rows, at least 1
   * @param kernelWidth the window's columns, at least 1
   * @param strideHeight rows between windows, at least 1
   * @param strideWidth columns between windows, at least 1
   * @param paddingHeight rows added above and below, from 0 to half the kernel's height
   * @param paddingWidth columns added left and right, from 0 to half the kernel's width
   * @param dilationHeight rows between the window's taps, at least 1
   * @param dilationWidth columns between the window's taps, at least 1
   * @param ceilMode whether the output's size is rounded up
   * @param countIncludePad whether average pooling counts the padding in its divisors
   */
  public Pool2dOptions {
    checkArgument(kernelHeight >= 1 && kernelWidth >= 1,
        "pool2d: kernel must be at least 1, got (%s, %s)", kernelHeight, kernelWidth);
    checkArgument(strideHeight >= 1 && strideWidth >= 1,
        "pool2d: stride must be at least 1, got (%s, %s)", strideHeight, strideWidth);
    checkArgument(dilationHeight >= 1 && dilationWidth >= 1,
        "pool2d: dilation must be at least 1, got (%s, %s)", dilationHeight, dilationWidth);
    checkArgument(paddingHeight >= 0 && paddingWidth >= 0
            && paddingHeight <= kernelHeight / 2 && paddingWidth <= kernelWidth / 2,
        "pool2d: padding (%s, %s) must lie between 0 and half the kernel (%s, %s)",
        paddingHeight, paddingWidth, kernelHeight, kernelWidth);
  }

  /**
   * The window without the rounding and divisor switches, which keep PyTorch's defaults: the
   * output's size rounded down ({@code ceilMode} false) and the padding counted in averages
   * ({@code countIncludePad} true), as {@link #builder(int, int)} leaves them. The constructor
   * these options had before {@code ceilMode} and {@code countIncludePad}, kept so that code
   * calling it compiles and means what it meant.
   *
   * @param kernelHeight the window's rows, at least 1
   * @param kernelWidth the window's columns, at least 1
   * @param strideHeight rows between windows, at least 1
   * @param strideWidth columns between windows, at least 1
   * @param paddingHeight rows added above and below, from 0 to half the kernel's height
   * @param paddingWidth columns added left and right, from 0 to half the kernel's width
   * @param dilationHeight rows between the window's taps, at least 1
   * @param dilationWidth columns between the window's taps, at least 1
   * @throws IllegalArgumentException naming pool2d and the values when one is out of range
   */
  public Pool2dOptions(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
      int paddingHeight, int paddingWidth, int dilationHeight, int dilationWidth) {
    this(kernelHeight, kernelWidth, strideHeight, strideWidth, paddingHeight, paddingWidth,
        dilationHeight, dilationWidth, false, true);
  }

  /**
   * A square window with PyTorch's defaults: stride equal to the kernel, no padding, no dilation,
   * the output's size rounded down, padding counted in averages.
   *
   * @param kernel the window's height and width
   * @return the options
   */
  public static Pool2dOptions of(int kernel) {
    return builder(kernel).build();
  }

  /**
   * A builder for a square window.
   *
   * @param kernel the window's height and width
   * @return the builder, its stride the kernel
   */
  public static Builder builder(int kernel) {
    return builder(kernel, kernel);
  }

  /**
   * A builder for a window of the given height and width.
   *
   * @param height the window's rows
   * @param width the window's columns
   * @return the builder, its stride the kernel
   */
  public static Builder builder(int height, int width) {
    return new Builder(height, width);
  }

  /**
   * The output's size along one axis: ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1,
   * or with {@link #ceilMode} ⌈…⌉ + 1 less one if the last window would then start at or past
   * {@code in + padding} (PyTorch's rule: every window starts inside the input or its left or top
   * padding). Rounding up can fit a window larger than the padded input: a 4-wide window with
   * stride 4 over 1 column gives 1 output, as PyTorch's does.
   *
   * @param in the input's size along the axis
   * @param height whether the axis is the height (else the width)
   * @return the output's size, zero or less when the window does not fit
   * @throws IllegalArgumentException naming outputSize and the size when {@code in} is negative
   */
  public int outputSize(int in, boolean height) {
    // A negative size (a caller's arithmetic gone wrong) answered 0, as if the window just did
    // not fit; Conv2dOptions.outputSize refuses it too.
    checkArgument(in >= 0, "outputSize: input size %s must be at least 0", in);
    return height ? Window.poolOutputSize(in, kernelHeight, strideHeight, paddingHeight,
        dilationHeight, ceilMode)
        : Window.poolOutputSize(in, kernelWidth, strideWidth, paddingWidth, dilationWidth,
            ceilMode);
  }

  /**
   * The same window as convolution options (one group), for pooling computed as a convolution.
   * A convolution's output is rounded down: with {@link #ceilMode} it may have fewer windows.
   *
   * @return stride, padding and dilation as a convolution's
   */
  public Conv2dOptions asConvolution() {
    return new Conv2dOptions(strideHeight, strideWidth, paddingHeight, paddingWidth,
        dilationHeight, dilationWidth, 1);
  }

  /**
   * "kernel 2, stride 2", with padding and dilation where they are not 0 and 1, then "ceil mode"
   * and "padding not counted" where set.
   */
  @Override
  public String toString() {
    return "kernel " + Window.pair(kernelHeight, kernelWidth) + ", stride "
        + Window.pair(strideHeight, strideWidth)
        + (paddingHeight == 0 && paddingWidth == 0 ? ""
            : ", padding " + Window.pair(paddingHeight, paddingWidth))
        + (dilationHeight == 1 && dilationWidth == 1 ? ""
            : ", dilation " + Window.pair(dilationHeight, dilationWidth))
        + (ceilMode ? ", ceil mode" : "") + (countIncludePad ? "" : ", padding not counted");
  }

  /**
   * Options of a pooling window; stride defaults to the kernel, padding to 0, dilation to 1, ceil
   * mode off and padding counted in averages, as PyTorch's defaults.
   */
  public static final class Builder extends WindowOptions<Builder> {
    private final int kernelHeight;
    private final int kernelWidth;
    private boolean ceilMode;
    private boolean countIncludePad = true;

    private Builder(int kernelHeight, int kernelWidth) {
      super(kernelHeight, kernelWidth);
      this.kernelHeight = kernelHeight;
      this.kernelWidth = kernelWidth;
    }

    /**
     * Whether the output's size is rounded up (PyTorch's {@code ceil_mode}), so that the last
     * windows may run past the bottom and right edges of the padded input and pool what they
     * cover; off by default.
     *
     * @param on true to round up
     * @return this builder
     */
    public Builder ceilMode(boolean on) {
      this.ceilMode = on;
      return this;
    }

    /**
     * Whether average pooling counts the padding's zeros in each window's divisor (PyTorch's
     * {@code count_include_pad}); on by default. Off, a window's mean is over the input elements
     * it covers. Max pooling ignores it.
     *
     * @param on false to average over input elements only
     * @return this builder
     */
    public Builder countIncludePad(boolean on) {
      this.countIncludePad = on;
      return this;
    }

    /**
     * The options, checked.
     *
     * @return the options
     */
    public Pool2dOptions build() {
      return new Pool2dOptions(kernelHeight, kernelWidth, strideHeight, strideWidth,
          paddingHeight, paddingWidth, dilationHeight, dilationWidth, ceilMode, countIncludePad);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
