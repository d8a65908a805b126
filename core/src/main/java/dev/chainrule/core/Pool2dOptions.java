package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The window of a 2-D pooling over an NCHW batch, as PyTorch's {@code max_pool2d} names it: the
 * kernel's height and width, the stride (PyTorch's default is the kernel, so windows do not
 * overlap), the padding on both sides (at most half the kernel, as PyTorch requires; without
 * dilation every window then holds an input element, and a dilated window that holds none is
 * refused by the pooling, where PyTorch gives −∞) and the dilation. {@code ceil_mode} is not
 * supported: outputs are always rounded down.
 *
 * <pre>{@code
 * Pool2dOptions halve = Pool2dOptions.of(2);                          // 2×2, stride 2
 * Pool2dOptions overlapping = Pool2dOptions.builder(3).stride(2).padding(1).build();
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
 */
public record Pool2dOptions(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
    int paddingHeight, int paddingWidth, int dilationHeight, int dilationWidth) {

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
   * A square window with PyTorch's defaults: stride equal to the kernel, no padding, no dilation.
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
   * The output's size along one axis: ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.
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
    return height ? Window.outputSize(in, kernelHeight, strideHeight, paddingHeight,
        dilationHeight)
        : Window.outputSize(in, kernelWidth, strideWidth, paddingWidth, dilationWidth);
  }

  /**
   * The same window as convolution options (one group), for pooling computed as a convolution.
   *
   * @return stride, padding and dilation as a convolution's
   */
  public Conv2dOptions asConvolution() {
    return new Conv2dOptions(strideHeight, strideWidth, paddingHeight, paddingWidth,
        dilationHeight, dilationWidth, 1);
  }

  /** "kernel 2, stride 2", with padding and dilation where they are not 0 and 1. */
  @Override
  public String toString() {
    return "kernel " + Window.pair(kernelHeight, kernelWidth) + ", stride "
        + Window.pair(strideHeight, strideWidth)
        + (paddingHeight == 0 && paddingWidth == 0 ? ""
            : ", padding " + Window.pair(paddingHeight, paddingWidth))
        + (dilationHeight == 1 && dilationWidth == 1 ? ""
            : ", dilation " + Window.pair(dilationHeight, dilationWidth));
  }

  /** Options of a pooling window; stride defaults to the kernel, padding to 0, dilation to 1. */
  public static final class Builder extends WindowOptions<Builder> {
    private final int kernelHeight;
    private final int kernelWidth;

    private Builder(int kernelHeight, int kernelWidth) {
      super(kernelHeight, kernelWidth);
      this.kernelHeight = kernelHeight;
      this.kernelWidth = kernelWidth;
    }

    /**
     * The options, checked.
     *
     * @return the options
     */
    public Pool2dOptions build() {
      return new Pool2dOptions(kernelHeight, kernelWidth, strideHeight, strideWidth,
          paddingHeight, paddingWidth, dilationHeight, dilationWidth);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
