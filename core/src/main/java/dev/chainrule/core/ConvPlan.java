package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One convolution's sizes, checked once: a batch of {@code batch} images of {@code channels} ×
 * {@code height} × {@code width} (NCHW) convolved with {@code outChannels} kernels of
 * {@code kernelHeight} × {@code kernelWidth} over {@code channels / groups} channels each, giving
 * {@code outHeight} × {@code outWidth} per output channel. Pooling uses the same plan with one
 * group per channel.
 */
record ConvPlan(int batch, int channels, int height, int width, int outChannels,
    int kernelHeight, int kernelWidth, int outHeight, int outWidth, Conv2dOptions options) {

  /** The plan of {@code conv2d(x, w)}: x [N, C, H, W], w [O, C / groups, kh, kw]. */
  static ConvPlan forward(String op, Shape x, Shape w, Conv2dOptions options) {
    checkArgument(x.rank() == 4 && w.rank() == 4, "%s: input %s and weight %s should be"
        + " [batch, channels, height, width] and [out, in / groups, kh, kw]", op, x, w);
    int groups = options.groups();
    int channels = x.dim(1);
    int out = w.dim(0);
    checkArgument(channels % groups == 0 && out % groups == 0, "%s: input %s and weight %s:"
        + " %s groups do not divide %s input and %s output channels", op, x, w, groups, channels,
        out);
    checkArgument(w.dim(1) * groups == channels, "%s: input %s and weight %s: the weight takes %s"
        + " channels per group, the input has %s in %s group%s", op, x, w, w.dim(1), channels,
        groups, groups == 1 ? "" : "s");
    return sized(op, "input " + x + " and weight " + w, x.dim(0), channels, x.dim(2), x.dim(3),
        out, w.dim(2), w.dim(3), options);
  }

  /** A plan from its sizes, refusing a kernel that does not fit the padded input. */
  static ConvPlan sized(String op, String operands, int batch, int channels, int height,
      int width, int outChannels, int kernelHeight, int kernelWidth, Conv2dOptions options) {
    checkArgument(kernelHeight > 0 && kernelWidth > 0, "%s: %s: the kernel is empty", op,
        operands);
    return sizedTo(op, operands, batch, channels, height, width, outChannels, kernelHeight,
        kernelWidth, options.outputSize(height, kernelHeight, true),
        options.outputSize(width, kernelWidth, false), options);
  }

  /**
   * The plan of a pooling: one group per channel, its output's size the window's (rounded up in
   * {@link Pool2dOptions#ceilMode}, which a convolution's options cannot say).
   */
  static ConvPlan pooling(String op, String operands, int batch, int channels, int height,
      int width, Pool2dOptions window) {
    return sizedTo(op, operands, batch, channels, height, width, channels, window.kernelHeight(),
        window.kernelWidth(), window.outputSize(height, true), window.outputSize(width, false),
        window.asConvolution());
  }

  private static ConvPlan sizedTo(String op, String operands, int batch, int channels,
      int height, int width, int outChannels, int kernelHeight, int kernelWidth, int outHeight,
      int outWidth, Conv2dOptions options) {
    checkArgument(outHeight > 0 && outWidth > 0, "%s: %s: a %s×%s kernel (%s) does not fit a"
        + " %s×%s input", op, operands, kernelHeight, kernelWidth, options, height, width);
    // The output and one group's columns (im2col) must be arrays the VM can make: 2^31 - 2
    // output elements (a padded 1×1 input) passed 2^31 - 1 and ended in an OutOfMemoryError.
    long columns = product(channels / options.groups(), kernelHeight, kernelWidth, outHeight,
        outWidth);
    long output = product(batch, outChannels, outHeight, outWidth);
    checkArgument(Math.max(columns, output) <= Tensors.LONGEST_ARRAY, "%s: %s: a %s×%s output"
        + " (%s) makes more elements than a Java array holds (%s)", op, operands, outHeight,
        outWidth, options, Tensors.LONGEST_ARRAY);
    return new ConvPlan(batch, channels, height, width, outChannels, kernelHeight, kernelWidth,
        outHeight, outWidth, options);
  }

  /** The product of non-negative factors, held at 2^31 once past it so that it never wraps. */
  private static long product(int... factors) {
    long p = 1;
    for (int f : factors) {
      p = Math.min(p * f, Integer.MAX_VALUE + 1L);
    }
    return p;
  }

  int groups() {
    return options.groups();
  }

  /** Input channels per group. */
  int groupChannels() {
    return channels / options.groups();
  }

  /** Output channels per group. */
  int groupOutChannels() {
    return outChannels / options.groups();
  }

  /** Output positions per channel. */
  int positions() {
    return outHeight * outWidth;
  }

  /** Rows of one group's columns: its input channels times the kernel's taps. */
  int columnRows() {
    return groupChannels() * kernelHeight * kernelWidth;
  }

  /** Input elements per channel. */
  int plane() {
    return height * width;
  }

  Shape inputShape() {
    return Shape.of(batch, channels, height, width);
  }

  Shape weightShape() {
    return Shape.of(outChannels, groupChannels(), kernelHeight, kernelWidth);
  }

  Shape outputShape() {
    return Shape.of(batch, outChannels, outHeight, outWidth);
  }

  /**
   * A 1×1 kernel with stride 1 and no padding: each image's columns are its own channels, so the
   * product reads the input directly and no columns are built.
   */
  boolean isPointwise() {
    Conv2dOptions o = options;
    return kernelHeight == 1 && kernelWidth == 1 && o.strideHeight() == 1
        && o.strideWidth() == 1 && o.paddingHeight() == 0 && o.paddingWidth() == 0;
  }
}
