package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a 2-D convolution slides its kernel over an NCHW batch, as PyTorch's {@code conv2d} names it:
 * the stride, the zero padding added on both sides, the dilation (the spacing of the kernel's
 * taps) along height and width, and the number of groups (the channels split into that many
 * independent convolutions). The kernel's size is the weight's. Built by {@link #defaults()} and
 * {@link #builder()}:
 *
 * <pre>{@code
 * Conv2dOptions same = Conv2dOptions.builder().padding(1).build();     // 3×3 keeps the size
 * Conv2dOptions down = Conv2dOptions.builder().stride(2).padding(1).build();
 * }</pre>
 *
 * @param strideHeight rows between kernel positions, at least 1
 * @param strideWidth columns between kernel positions, at least 1
 * @param paddingHeight zero rows added above and below, at least 0
 * @param paddingWidth zero columns added left and right, at least 0
 * @param dilationHeight rows between the kernel's taps, at least 1 (1 is a dense kernel)
 * @param dilationWidth columns between the kernel's taps, at least 1
 * @param groups channel groups, at least 1; both channel counts must be multiples of it
 */
public record Conv2dOptions(int strideHeight, int strideWidth, int paddingHeight,
    int paddingWidth, int dilationHeight, int dilationWidth, int groups) {
  private static final Conv2dOptions DEFAULTS = new Conv2dOptions(1, 1, 0, 0, 1, 1, 1);

  /**
   * Checks the ranges.
   *
   * @param strideHeight rows between kernel positions, at least 1
   * @param strideWidth columns between kernel positions, at least 1
   * @param paddingHeight zero rows added above and below, at least 0
   * @param paddingWidth zero columns added left and right, at least 0
   * @param dilationHeight rows between the kernel's taps, at least 1
   * @param dilationWidth columns between the kernel's taps, at least 1
   * @param groups channel groups, at least 1
   */
  public Conv2dOptions {
    checkArgument(strideHeight >= 1 && strideWidth >= 1,
        "conv2d: stride must be at least 1, got (%s, %s)", strideHeight, strideWidth);
    checkArgument(paddingHeight >= 0 && paddingWidth >= 0,
        "conv2d: padding must be at least 0, got (%s, %s)", paddingHeight, paddingWidth);
    checkArgument(dilationHeight >= 1 && dilationWidth >= 1,
        "conv2d: dilation must be at least 1, got (%s, %s)", dilationHeight, dilationWidth);
    checkArgument(groups >= 1, "conv2d: groups must be at least 1, got %s", groups);
  }

  /**
   * PyTorch's defaults: stride 1, no padding, no dilation, one group.
   *
   * @return the default options
   */
  public static Conv2dOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The output's size along one axis, PyTorch's formula ⌊(in + 2·padding − dilation·(kernel − 1)
   * − 1) / stride⌋ + 1; zero or less when the kernel does not fit.
   *
   * @param in the input's size along the axis, at least 0
   * @param kernel the kernel's size along it, positive
   * @param height whether the axis is the height (else the width)
   * @return the output's size along the axis
   * @throws IllegalArgumentException naming outputSize when the input is negative or the kernel
   *     not positive (the formula would give a size for no window at all)
   */
  public int outputSize(int in, int kernel, boolean height) {
    checkArgument(in >= 0 && kernel > 0, "outputSize: input size %s and kernel size %s: the"
        + " input must be at least 0 and the kernel positive", in, kernel);
    return height ? Window.outputSize(in, kernel, strideHeight, paddingHeight, dilationHeight)
        : Window.outputSize(in, kernel, strideWidth, paddingWidth, dilationWidth);
  }

  @Override
  public String toString() {
    return "stride " + Window.pair(strideHeight, strideWidth) + ", padding "
        + Window.pair(paddingHeight, paddingWidth) + ", dilation "
        + Window.pair(dilationHeight, dilationWidth) + (groups == 1 ? "" : ", groups " + groups);
  }

  /** Options of a convolution; every value starts at PyTorch's default. */
  public static final class Builder extends WindowOptions<Builder> {
    private int groups = 1;

    private Builder() {
      super(1, 1);
    }

    /**
     * Channel groups: each group of input channels is convolved into its own group of outputs.
     *
     * @param count groups, dividing both channel counts
     * @return this builder
     */
    public Builder groups(int count) {
      this.groups = count;
      return this;
    }

    /**
     * The options, checked.
     *
     * @return the options
     */
    public Conv2dOptions build() {
      return new Conv2dOptions(strideHeight, strideWidth, paddingHeight, paddingWidth,
          dilationHeight, dilationWidth, groups);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
