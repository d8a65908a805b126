package dev.chainrule.core;

/** The arithmetic shared by convolution and pooling windows along one axis. */
final class Window {
  private Window() {}

  /**
   * PyTorch's ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1, or 0 if nothing fits.
   */
  static int outputSize(int in, int kernel, int stride, int padding, int dilation) {
    long span = (long) in + 2L * padding - (long) dilation * (kernel - 1) - 1;
    return span < 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, span / stride + 1);
  }

  /**
   * A pooling's output size along one axis: {@link #outputSize} rounded down, or with {@code ceil}
   * rounded up as PyTorch's {@code ceil_mode} does, less the last window if it would start past
   * the input and its left padding ({@code (out − 1)·stride ≥ in + padding}): PyTorch's
   * {@code pooling_output_shape}, so that every window starts inside the input or its padding.
   */
  static int poolOutputSize(int in, int kernel, int stride, int padding, int dilation,
      boolean ceil) {
    if (!ceil) {
      return outputSize(in, kernel, stride, padding, dilation);
    }
    long span = (long) in + 2L * padding - (long) dilation * (kernel - 1) - 1;
    long out = Math.floorDiv(span + stride - 1, stride) + 1;
    if (out > 0 && (out - 1) * stride >= (long) in + padding) {
      out--;
    }
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, out));
  }

  /** Whether every window along the axis holds at least one element of the input. */
  static boolean everyWindowReachesInput(int in, int out, int kernel, int stride, int padding,
      int dilation) {
    if (dilation <= in) {
      // Taps no further apart than the input is long cannot step over it, so a window misses it
      // only by lying wholly before or wholly after it; windows start further on as o grows, so
      // the first is the one most before it and the last the one most after. Two windows, not
      // one per output: 2^30 of them along an empty batch's long axis took 2.7 s.
      return out <= 0 || reaches(in, 0, kernel, stride, padding, dilation)
          && reaches(in, out - 1, kernel, stride, padding, dilation);
    }
    for (int o = 0; o < out; o++) {
      if (!reaches(in, o, kernel, stride, padding, dilation)) {
        return false;
      }
    }
    return true;
  }

  /** Whether window o holds at least one element of the input. */
  private static boolean reaches(int in, int o, int kernel, int stride, int padding,
      int dilation) {
    for (int k = 0; k < kernel; k++) {
      // In long: a stride or padding near 2^31 wraps an int (PyTorch takes such windows).
      long at = (long) o * stride - padding + (long) k * dilation;
      if (at >= 0 && at < in) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first tap k of a window starting at {@code start} whose start + k·dilation is ≥ 0, held
   * at 2^31 − 1. In long, and ⌈−start / dilation⌉ as (−start − 1) / dilation + 1: the usual
   * (−start + dilation − 1) / dilation wrapped an int once padding and stride passed 2^31, and
   * the kernels then filled a range backwards.
   */
  static int firstInside(long start, int dilation) {
    return start >= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (-start - 1) / dilation + 1);
  }

  /**
   * One past the last tap k < kernel of a window at {@code start} that lies before {@code size}.
   */
  static int endInside(long start, int dilation, int size, int kernel) {
    return (int) Math.max(0, Math.min(kernel, Math.floorDiv(size - 1 - start, dilation) + 1));
  }

  /** "3" for equal values, "(3, 2)" otherwise. */
  static String pair(int height, int width) {
    return height == width ? Integer.toString(height) : "(" + height + ", " + width + ")";
  }
}
