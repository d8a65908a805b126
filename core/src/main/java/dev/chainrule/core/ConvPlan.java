package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Strings.lenientFormat;

import java.math.BigInteger;
import java.util.Locale;

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
    return forward(op, Operands.of("input", x, "weight", w), x, w, options);
  }

  /**
   * {@link #forward(String, Shape, Shape, Conv2dOptions)} for an adjoint, which makes x or w
   * itself: its messages name the caller's operands as {@code operands} says, not shapes the
   * caller never passed. {@code operands} is formatted ({@link String#valueOf}) only for a
   * refusal: a string built on every call was a fifth of a tiny convolution's time.
   */
  static ConvPlan forward(String op, Object operands, Shape x, Shape w, Conv2dOptions options) {
    checkArgument(x.rank() == 4 && w.rank() == 4, "%s: %s should be [batch, channels, height,"
        + " width] and [out, in / groups, kh, kw]", op, operands);
    int groups = options.groups();
    int channels = x.dim(1);
    int out = w.dim(0);
    // Here and below, a message's arguments are evaluated (boxed, into an array) only for a
    // refusal; lenientFormat is how checkArgument formats them.
    if (channels % groups != 0 || out % groups != 0) {
      throw new IllegalArgumentException(lenientFormat("%s: %s: %s groups do not divide"
          + " %s input and %s output channels", op, operands, groups, channels, out));
    }
    if (w.dim(1) * groups != channels) {
      throw new IllegalArgumentException(lenientFormat("%s: %s: the weight takes %s channels per"
          + " group, the input has %s in %s group%s", op, operands, w.dim(1), channels, groups,
          groups == 1 ? "" : "s"));
    }
    return sized(op, operands, x.dim(0), channels, x.dim(2), x.dim(3), out, w.dim(2), w.dim(3),
        options);
  }

  /**
   * A plan from its sizes, refusing a kernel that does not fit the padded input, and an output,
   * a weight or one image's columns longer than a Java array.
   */
  static ConvPlan sized(String op, Object operands, int batch, int channels, int height,
      int width, int outChannels, int kernelHeight, int kernelWidth, Conv2dOptions options) {
    checkArgument(kernelHeight > 0 && kernelWidth > 0, "%s: %s: the kernel is empty", op,
        operands);
    int outHeight = options.outputSize(height, kernelHeight, true);
    int outWidth = options.outputSize(width, kernelWidth, false);
    checkFits(op, operands, kernelHeight, kernelWidth, options, height, width, outHeight,
        outWidth);
    checkOutput(op, operands, batch, outChannels, outHeight, outWidth, options);
    int groupChannels = channels / options.groups();
    // The weight is the result of conv2dWeightGrad, which makes its shape from the gradient's
    // channels and the kernel asked for: 65536 × 1 × 201 × 201 wrapped an int into a
    // NegativeArraySizeException.
    if (product(outChannels, groupChannels, kernelHeight, kernelWidth)
        > Tensors.LONGEST_ARRAY) {
      throw new IllegalArgumentException(lenientFormat("%s: %s: a weight of %s×%s×%s×%s makes"
          + " more elements than a Java array holds (%s)", op, operands, outChannels,
          groupChannels, kernelHeight, kernelWidth, Tensors.LONGEST_ARRAY));
    }
    // One image's (one group's) columns (im2col), every product's and adjoint's buffer but a
    // pointwise kernel's, whose columns are the image itself and always fit.
    if (product(groupChannels, kernelHeight, kernelWidth, outHeight, outWidth)
        > Tensors.LONGEST_ARRAY) {
      // Exact in the message only, not on every convolution's way through.
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: %s: the columns of %s (%s·%s·%s ="
              + " %s rows by %s×%s positions, %s) make %s elements, more than a Java array holds"
              + " (%s)", op, operands,
          options.groups() == 1 ? "one image" : "one image's group of channels", groupChannels,
          kernelHeight, kernelWidth, exactProduct(groupChannels, kernelHeight, kernelWidth),
          outHeight, outWidth, options,
          exactProduct(groupChannels, kernelHeight, kernelWidth, outHeight, outWidth),
          Tensors.LONGEST_ARRAY));
    }
    return new ConvPlan(batch, channels, height, width, outChannels, kernelHeight, kernelWidth,
        outHeight, outWidth, options);
  }

  /**
   * The plan of a pooling: one group per channel, its output's size the window's (rounded up in
   * {@link Pool2dOptions#ceilMode}, which a convolution's options cannot say). Pooling reads the
   * input in place, making no columns: only its output (and as many indices) must fit an array.
   * Sizing it as a convolution refused a 24 × 24 window of stride 1 over 2048 × 2048 (2.4e9
   * columns, a 2025 × 2025 output).
   */
  static ConvPlan pooling(String op, Object operands, int batch, int channels, int height,
      int width, Pool2dOptions window) {
    int outHeight = window.outputSize(height, true);
    int outWidth = window.outputSize(width, false);
    Conv2dOptions options = window.asConvolution();
    checkFits(op, operands, window.kernelHeight(), window.kernelWidth(), options, height, width,
        outHeight, outWidth);
    checkOutput(op, operands, batch, channels, outHeight, outWidth, window);
    return new ConvPlan(batch, channels, height, width, channels, window.kernelHeight(),
        window.kernelWidth(), outHeight, outWidth, options);
  }

  private static void checkFits(String op, Object operands, int kernelHeight, int kernelWidth,
      Conv2dOptions options, int height, int width, int outHeight, int outWidth) {
    if (outHeight <= 0 || outWidth <= 0) {
      throw new IllegalArgumentException(lenientFormat("%s: %s: a %s×%s kernel (%s) does not fit"
          + " a %s×%s input", op, operands, kernelHeight, kernelWidth, options, height, width));
    }
  }

  /**
   * Refuses an output longer than the VM's longest array: 2^31 − 2 elements (a padded 1×1 input)
   * passed 2^31 − 1 and ended in an OutOfMemoryError naming nothing.
   */
  private static void checkOutput(String op, Object operands, int batch, int outChannels,
      int outHeight, int outWidth, Object window) {
    if (product(batch, outChannels, outHeight, outWidth) > Tensors.LONGEST_ARRAY) {
      throw new IllegalArgumentException(lenientFormat("%s: %s: an output of %s×%s×%s×%s (%s)"
          + " makes more elements than a Java array holds (%s)", op, operands, batch,
          outChannels, outHeight, outWidth, window, Tensors.LONGEST_ARRAY));
    }
  }

  /** The exact product of non-negative factors, for a message: it may pass 2^63. */
  private static BigInteger exactProduct(int... factors) {
    BigInteger p = BigInteger.ONE;
    for (int f : factors) {
      p = p.multiply(BigInteger.valueOf(f));
    }
    return p;
  }

  /** The product of non-negative factors, held at 2^31 once past it so that it never wraps. */
  private static long product(int... factors) {
    long p = 1;
    for (int f : factors) {
      p = Math.min(p * f, Integer.MAX_VALUE + 1L);
    }
    return p;
  }

  /**
   * The operands a refusal names, as "input [1, 1, 2, 2] and weight [1, 1, 3, 3]": {@link
   * #toString} builds the text, which only a refusal asks for.
   *
   * @param first the first operand's role ("input")
   * @param x the first operand's shape
   * @param second the second operand's role ("weight", "gradient"), or null for none
   * @param w the second operand's shape, or null
   * @param adjointOf for an adjoint, the input of the convolution it is the adjoint of, or null
   */
  record Operands(String first, Shape x, String second, Shape w, Shape adjointOf) {
    static Operands of(String first, Shape x, String second, Shape w) {
      return new Operands(first, x, second, w, null);
    }

    static Operands of(String first, Shape x) {
      return new Operands(first, x, null, null, null);
    }

    /** The operands of an adjoint, which names the convolution of {@code input} it undoes. */
    static Operands adjoint(Shape g, Shape w, Shape input) {
      return new Operands("input", g, "weight", w, input);
    }

    @Override
    public String toString() {
      String named = first + " " + x + (second == null ? "" : " and " + second + " " + w);
      return adjointOf == null ? named : named + " (the adjoint of convolving " + adjointOf + ")";
    }
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
