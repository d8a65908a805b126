package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

/**
 * Average pooling as convolutions of each channel (the {@code avgPool2d} row of
 * {@link ConvolutionOps}), so that its gradients of every order are the convolution family's.
 * A window of at most {@link #SMALL_WINDOW} taps is one convolution with a constant kh×kw kernel
 * 1 / (kh·kw). A larger one is separable, as a box sum is: a 1×kw convolution of ones (the rows'
 * sums), then a kh×1 convolution with 1 / (kh·kw). A kh·kw kernel, and columns of kh·kw taps per
 * output, made a 20000 × 20000 window (padding 10000 around a 3 × 3 input, which PyTorch answers
 * at once) run out of memory, and one of 65536 × 65536 was refused under the name of the kernel's
 * factory; the two passes hold kw and kh taps per output instead.
 */
final class AveragePooling {
  private AveragePooling() {}

  /**
   * The most taps pooled by one kh×kw convolution: there, columns of kh·kw taps per output are
   * what PyTorch's loops read too, and one pass beats two (a 2×2 window, nearly every network's,
   * stays on it); past it, the separable passes read fewer.
   */
  static final int SMALL_WINDOW = 256;

  static Variable avgPool2d(Variable x, Pool2dOptions options) {
    checkNotNull(options, "avgPool2d: options are null");
    checkArgument(x.rank() == 4, "avgPool2d: input %s should be [batch, channels, height, width]",
        x.shape());
    Shape s = x.shape();
    int height = s.dim(2);
    int width = s.dim(3);
    int outHeight = options.outputSize(height, true);
    int outWidth = options.outputSize(width, false);
    // Checked here, not by the convolution: its message would show the reshaped planes and a
    // kernel the caller never made.
    checkArgument(outHeight > 0 && outWidth > 0,
        "avgPool2d: input %s: a %s×%s kernel (%s) does not fit a %s×%s input", s,
        options.kernelHeight(), options.kernelWidth(), options.asConvolution(), height, width);
    int kh = options.kernelHeight();
    int kw = options.kernelWidth();
    long taps = (long) kh * kw;
    long planes = (long) s.dim(0) * s.dim(1);
    boolean small = taps <= SMALL_WINDOW;
    // The convolutions' arrays (outputs, and one plane's columns of taps × outputs), checked under
    // this op's name: the convolution's refusal would name itself and the reshaped planes.
    long largest = small ? Math.max(taps * outHeight * outWidth, planes * outHeight * outWidth)
        : max((long) kw * height * outWidth, planes * height * outWidth,
            (long) kh * outHeight * outWidth, planes * outHeight * outWidth);
    checkArgument(largest <= Tensors.LONGEST_ARRAY, "avgPool2d: input %s: a %s×%s kernel (%s)"
        + " pooled as convolutions needs an array of %s elements, more than a Java array holds"
        + " (%s)", s, kh, kw, options.asConvolution(), largest, Tensors.LONGEST_ARRAY);
    Variable plane = x.reshape(s.dim(0) * s.dim(1), 1, height, width);
    Variable pooled = small ? plane.conv2d(constant(kh, kw, 1.0 / taps, x), null,
        options.asConvolution()) : separable(plane, options, taps, x);
    return pooled.reshape(s.dim(0), s.dim(1), outHeight, outWidth);
  }

  /** The rows' sums over 1×kw windows, then their kh×1 windows' sum times 1 / (kh·kw). */
  private static Variable separable(Variable plane, Pool2dOptions o, long taps, Variable x) {
    Conv2dOptions rows = Conv2dOptions.builder().stride(1, o.strideWidth())
        .padding(0, o.paddingWidth()).dilation(1, o.dilationWidth()).build();
    Conv2dOptions columns = Conv2dOptions.builder().stride(o.strideHeight(), 1)
        .padding(o.paddingHeight(), 0).dilation(o.dilationHeight(), 1).build();
    return plane.conv2d(constant(1, o.kernelWidth(), 1, x), null, rows)
        .conv2d(constant(o.kernelHeight(), 1, 1.0 / taps, x), null, columns);
  }

  private static Variable constant(int kh, int kw, double value, Variable like) {
    return Variable.constant(Tensors.full(Shape.of(1, 1, kh, kw), value, like.dtype()));
  }

  private static long max(long... values) {
    long max = 0;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
