package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.DType;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Average pooling as convolutions of each channel (the {@code avgPool2d} row of
 * {@link ConvolutionOps}), so that its gradients of every order are the convolution family's.
 * A window of at most {@link #SMALL_WINDOW} taps is one convolution with a constant kh×kw kernel
 * 1 / (kh·kw). A larger one is separable, as a box sum is: a 1×kw convolution of ones (the rows'
 * sums), then a kh×1 convolution with 1 / (kh·kw). A kh·kw kernel, and columns of kh·kw taps per
 * output, made a 20000 × 20000 window (padding 10000 around a 3 × 3 input, which PyTorch answers
 * at once) run out of memory, and one of 65536 × 65536 was refused under the name of the kernel's
 * factory; the two passes hold kw and kh taps per output instead.
 *
 * <p>Where windows divide by different counts (PyTorch's {@code ceil_mode}, whose last windows
 * may run past the padded input, or {@code count_include_pad=False}), the same convolutions sum
 * with kernels of ones and the sums are divided by each window's count, a constant [Ho, Wo]
 * tensor: PyTorch 1.13's {@code pool_size}, the taps before the end of the input's bottom or
 * right padding, or without {@code count_include_pad} the taps on the input. The count is a
 * product of a row's and a column's, as a window is a rectangle. A convolution's output is
 * rounded down, so the planes are first extended with zero rows and columns to cover the last
 * window (zeros add nothing to a sum); the extension's gradient is dropped by the concat's rule.
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
    // The refusals format their messages only when they refuse (lenientFormat is what
    // checkArgument formats with): each argument list cost boxing and an options object per call,
    // a tenth of a 4×4 input's pooling.
    if (outHeight <= 0 || outWidth <= 0) {
      throw new IllegalArgumentException(lenientFormat(
          "avgPool2d: input %s: a %s×%s kernel (%s) does not fit a %s×%s input", s,
          options.kernelHeight(), options.kernelWidth(), options.asConvolution(), height, width));
    }
    int kh = options.kernelHeight();
    int kw = options.kernelWidth();
    Axis rows = Axis.of(options, height, outHeight, true);
    Axis columns = Axis.of(options, width, outWidth, false);
    checkArgument(rows.everyWindowCounts() && columns.everyWindowCounts(), "avgPool2d: input %s:"
        + " some window (%s) covers only padding, which a mean without it cannot divide", s,
        options);
    int extendedHeight = height + rows.extension();
    int extendedWidth = width + columns.extension();
    long taps = (long) kh * kw;
    long planes = (long) s.dim(0) * s.dim(1);
    boolean small = taps <= SMALL_WINDOW;
    // The convolutions' arrays (outputs, and one plane's columns of taps × outputs), checked under
    // this op's name: the convolution's refusal would name itself and the reshaped planes.
    long largest = small ? Math.max(taps * outHeight * outWidth, planes * outHeight * outWidth)
        : max((long) kw * extendedHeight * outWidth, planes * extendedHeight * outWidth,
            (long) kh * outHeight * outWidth, planes * outHeight * outWidth);
    largest = Math.max(largest, planes * extendedHeight * extendedWidth);
    if (largest > Tensors.LONGEST_ARRAY) {
      throw new IllegalArgumentException(lenientFormat("avgPool2d: input %s: a %s×%s kernel (%s)"
          + " pooled as convolutions needs an array of %s elements, more than a Java array holds"
          + " (%s)", s, kh, kw, options.asConvolution(), largest, Tensors.LONGEST_ARRAY));
    }
    Variable plane = extend(x.reshape(s.dim(0) * s.dim(1), 1, height, width), rows.extension(),
        columns.extension());
    boolean uniform = rows.isUniform() && columns.isUniform();
    // Uniform windows (the default options, always) are each scaled by 1 / (kh·kw) in the kernel.
    double scale = uniform ? 1.0 / taps : 1;
    Variable pooled = small
        ? plane.conv2d(Variable.constant(kernel(kh, kw, uniform, x.dtype())), null,
            options.asConvolution())
        : separable(plane, options, scale, x);
    if (!uniform) {
      pooled = pooled.div(Variable.constant(divisors(rows, columns, x)));
    }
    return pooled.reshape(s.dim(0), s.dim(1), outHeight, outWidth);
  }

  /** The rows' sums over 1×kw windows, then their kh×1 windows' sum times the scale. */
  private static Variable separable(Variable plane, Pool2dOptions o, double scale, Variable x) {
    Conv2dOptions rows = Conv2dOptions.builder().stride(1, o.strideWidth())
        .padding(0, o.paddingWidth()).dilation(1, o.dilationWidth()).build();
    Conv2dOptions columns = Conv2dOptions.builder().stride(o.strideHeight(), 1)
        .padding(o.paddingHeight(), 0).dilation(o.dilationHeight(), 1).build();
    return plane.conv2d(constant(1, o.kernelWidth(), 1, x), null, rows)
        .conv2d(constant(o.kernelHeight(), 1, scale, x), null, columns);
  }

  /** The planes [P, 1, H, W] with zero rows below and zero columns to the right. */
  private static Variable extend(Variable plane, int rows, int columns) {
    Shape s = plane.shape();
    Variable extended = plane;
    if (rows > 0) {
      extended = extended.concat(2, Variable.constant(
          Tensors.zeros(Shape.of(s.dim(0), 1, rows, s.dim(3)), plane.dtype())));
    }
    if (columns > 0) {
      extended = extended.concat(3, Variable.constant(Tensors.zeros(
          Shape.of(s.dim(0), 1, s.dim(2) + rows, columns), plane.dtype())));
    }
    return extended;
  }

  /** Each window's count, a row's times a column's, [Ho, Wo] in the input's type. */
  private static Tensor divisors(Axis rows, Axis columns, Variable like) {
    double[] r = Arrays.stream(rows.counts()).asDoubleStream().toArray();
    double[] c = Arrays.stream(columns.counts()).asDoubleStream().toArray();
    // The outer product, by broadcasting a column against a row.
    return Tensor.of(r, r.length, 1).mul(Tensor.of(c, 1, c.length)).to(like.dtype());
  }

  /**
   * One axis of the windows: how many of each window's taps its mean counts, and how many zero
   * rows (or columns) past the input a convolution needs to reach the last window.
   */
  private record Axis(int kernel, int[] counts, int extension) {
    static Axis of(Pool2dOptions o, int size, int out, boolean height) {
      int kernel = height ? o.kernelHeight() : o.kernelWidth();
      int stride = height ? o.strideHeight() : o.strideWidth();
      int padding = height ? o.paddingHeight() : o.paddingWidth();
      int dilation = height ? o.dilationHeight() : o.dilationWidth();
      int[] counts = new int[out];
      for (int i = 0; i < out; i++) {
        // In long: a stride near 2^31 wraps an int.
        long start = (long) i * stride - padding;
        // PyTorch 1.13's pool_size: the taps before the end of the far padding (every window
        // starts at or after the near one); without count_include_pad, the taps on the input.
        long end = o.countIncludePad() ? (long) size + padding : size;
        long first = o.countIncludePad() || start >= 0 ? 0 : (-start - 1) / dilation + 1;
        long last = Math.min(kernel, Math.floorDiv(end - 1 - start, dilation) + 1);
        counts[i] = (int) Math.max(0, last - first);
      }
      // The padded input a convolution of out windows needs, past the one it has.
      long reach = (long) (out - 1) * stride + (long) dilation * (kernel - 1) + 1;
      int extension = (int) Math.max(0, reach - size - 2L * padding);
      return new Axis(kernel, counts, extension);
    }

    // Loops, not IntStream.allMatch: the four streams were a fifth of a 4×4 input's pooling.

    /** Whether each window counts all its taps, as a rounded-down pooling with padding does. */
    boolean isUniform() {
      for (int c : counts) {
        if (c != kernel) {
          return false;
        }
      }
      return true;
    }

    /** Whether no window's count is 0 (a dilated window over padding only, not counted). */
    boolean everyWindowCounts() {
      for (int c : counts) {
        if (c <= 0) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The largest side of a kernel {@link #kernel} keeps: 8 × 8 = 64 taps, under {@link
   * Recycling#MIN_ELEMENTS}, so a kept kernel is born in no recycling scope and no scope's owner
   * can hand its array back for reuse. Building the kernel was 37 ns of a 4×4 input's ~600.
   */
  static final int KEPT_SIDE = 8;
  /** Kept kernels by type, uniform or not (1 / (kh·kw) or 1), kh and kw; null until asked. */
  private static final AtomicReferenceArray<Tensor> KEPT =
      new AtomicReferenceArray<>(DType.values().length * 2 * KEPT_SIDE * KEPT_SIDE);

  /**
   * The 1×1×kh×kw kernel of one pass, 1 / (kh·kw) in each tap for uniform windows, else 1; one
   * tensor for every call when both sides are at most {@link #KEPT_SIDE}. It is shared, and a
   * caller walking the graph ({@link Variable#inputs()}) can reach it and change it in place:
   * a kept kernel whose version moved on is replaced, never used.
   */
  static Tensor kernel(int kh, int kw, boolean uniform, DType dtype) {
    double value = uniform ? 1.0 / ((long) kh * kw) : 1;
    if (kh > KEPT_SIDE || kw > KEPT_SIDE) {
      return Tensors.full(Shape.of(1, 1, kh, kw), value, dtype);
    }
    int slot = ((dtype.ordinal() * 2 + (uniform ? 0 : 1)) * KEPT_SIDE + kh - 1) * KEPT_SIDE
        + kw - 1;
    Tensor kept = KEPT.get(slot);
    if (kept == null || kept.version() != 0) {
      kept = Tensors.full(Shape.of(1, 1, kh, kw), value, dtype);
      KEPT.set(slot, kept);
    }
    return kept;
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
