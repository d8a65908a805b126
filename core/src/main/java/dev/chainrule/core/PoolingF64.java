package dev.chainrule.core;

/**
 * Float64 max pooling, and the template of its float32 twin ({@code PoolingF32}, generated at
 * build time): one pass over each window, keeping the largest value and where it was. The
 * indices are float64 in both types (a float holds whole numbers exactly only up to 2²⁴).
 */
final class PoolingF64 {
  private PoolingF64() {}

  /**
   * The maximum of every window and its flat index within its channel's plane (PyTorch's
   * {@code return_indices}); the first maximum wins ties, a NaN wins over numbers and the last NaN
   * over the others (PyTorch 1.13's rule, so the gradient goes where its goes). The plan
   * guarantees that every window holds an input element, so each window's rows and columns
   * inside the input (all a window past the bottom or right edge in ceil mode takes) are worked
   * out once and the inner loop has no bounds tests (a loop testing every tap measured 15 ns per
   * input element on Fashion-MNIST's feature maps).
   */
  static PooledWithIndices maxPool2d(Tensor x, ConvPlan p) {
    Conv2dOptions o = p.options();
    if (p.kernelHeight() == 2 && p.kernelWidth() == 2 && o.paddingHeight() == 0
        && o.paddingWidth() == 0 && o.dilationHeight() == 1 && o.dilationWidth() == 1) {
      return maxPool2x2(x, p);
    }
    double[] in = x.dataF64();
    int planes = p.batch() * p.channels();
    int height = p.height();
    int width = p.width();
    int outHeight = p.outHeight();
    int outWidth = p.outWidth();
    int kernelHeight = p.kernelHeight();
    int kernelWidth = p.kernelWidth();
    int dilationHeight = o.dilationHeight();
    int dilationWidth = o.dilationWidth();
    double[] out = new double[planes * outHeight * outWidth];
    @Wide double[] where = new @Wide double[out.length];
    for (int plane = 0, at = 0; plane < planes; plane++) {
      int base = plane * p.plane();
      for (int y = 0; y < outHeight; y++) {
        // Window starts in long: a stride or padding near 2^31 wraps an int. The taps inside
        // the input are then offsets within it, which fit.
        long top = (long) y * o.strideHeight() - o.paddingHeight();
        int firstRow = Window.firstInside(top, dilationHeight);
        int endRow = Window.endInside(top, dilationHeight, height, kernelHeight);
        int firstRowAt = (int) (top + (long) firstRow * dilationHeight);
        for (int x0 = 0; x0 < outWidth; x0++, at++) {
          long left = (long) x0 * o.strideWidth() - o.paddingWidth();
          int firstColumn = Window.firstInside(left, dilationWidth);
          int endColumn = Window.endInside(left, dilationWidth, width, kernelWidth);
          int firstColumnAt = (int) (left + (long) firstColumn * dilationWidth);
          int bestIndex = largestIndex(in, base, width, firstRowAt, endRow - firstRow,
              dilationHeight, firstColumnAt, endColumn - firstColumn, dilationWidth);
          out[at] = in[base + bestIndex];
          where[at] = bestIndex;
        }
      }
    }
    return new PooledWithIndices(new Tensor(p.outputShape(), out),
        new Tensor(p.outputShape(), where));
  }

  /**
   * The index within its plane of the largest of a window's taps inside the input, {@code rows}
   * by {@code columns} of them from ({@code firstRowAt}, {@code firstColumnAt}), by PyTorch's
   * rule: larger (ties keep the first), or NaN, which no number then beats (every comparison with
   * it is false) and a later NaN replaces.
   */
  private static int largestIndex(double[] in, int base, int width, int firstRowAt, int rows,
      int dilationHeight, int firstColumnAt, int columns, int dilationWidth) {
    int bestIndex = firstRowAt * width + firstColumnAt;
    double best = in[base + bestIndex];
    for (int i = 0, rowAt = firstRowAt; i < rows; i++, rowAt += dilationHeight) {
      int index = rowAt * width + firstColumnAt;
      for (int j = 0; j < columns; j++, index += dilationWidth) {
        double v = in[base + index];
        if (v > best || v != v) {
          best = v;
          bestIndex = index;
        }
      }
    }
    return bestIndex;
  }

  /**
   * {@link #maxPool2d} for 2×2 windows inside the input (no padding, no dilation; any stride),
   * the pooling of nearly every network, by the same rule, without branching on which of the
   * four is largest: after a ReLU that is a coin toss per comparison, and the general loop's
   * mispredicted branches took half its time (13 ns per output against 6 written as selects of
   * the index, in a probe over 64 × 16 planes of 28 × 28), the selects now on bits (see the
   * loop). Each later element takes the index only if strictly larger than the maximum so far,
   * so the first of equal values wins, −0 and +0 included; the value is then read at the index,
   * as the general loop keeps it. A window holding a NaN, where the comparisons say nothing,
   * takes the general rule.
   *
   * <p>In ceil mode the last row or column of windows may hang past the bottom or right edge and
   * cover one row or column of the input: those windows take the general rule over what they
   * cover, and the others still the selects: sending the whole pooling to the general loop for
   * them took 6.6 ns per input element against 1.5 (float32, 64 × 32 planes of 27 × 27).
   */
  private static PooledWithIndices maxPool2x2(Tensor x, ConvPlan p) {
    double[] in = x.dataF64();
    int planes = p.batch() * p.channels();
    int height = p.height();
    int width = p.width();
    int outHeight = p.outHeight();
    int outWidth = p.outWidth();
    int strideHeight = p.options().strideHeight();
    int strideWidth = p.options().strideWidth();
    int insideRows = windowsInside(outHeight, strideHeight, height);
    int insideColumns = windowsInside(outWidth, strideWidth, width);
    double[] out = new double[planes * outHeight * outWidth];
    @Wide double[] where = new @Wide double[out.length];
    for (int plane = 0, at = 0; plane < planes; plane++) {
      int base = plane * p.plane();
      for (int y = 0; y < outHeight; y++) {
        int topRow = y * strideHeight;
        int top = topRow * width;
        int x0 = 0;
        for (int end = y < insideRows ? insideColumns : 0; x0 < end; x0++, at++) {
          int first = top + x0 * strideWidth;
          double a = in[base + first];
          double b = in[base + first + 1];
          double c = in[base + first + width];
          double d = in[base + first + width + 1];
          // v > u exactly when u − v < 0 (gradual underflow keeps a difference of unequal
          // numbers from 0, an overflow keeps its sign), and + 0.0 turns the −0.0 of
          // −0.0 − (+0.0), equal numbers, into +0.0: the sign bit is then the mask of v > u, read
          // by MaskPick with no comparison for HotSpot to profile. The int conditional moves this
          // replaces were compiled as branches when the first windows it saw were all equal (a
          // constant or zero map), and random maps then took 1.8–14 ms for 64 × 16 planes of
          // 28 × 28 against 0.9. A NaN difference (a NaN among the four, or ∞ − ∞) sends the
          // window to the general rule.
          double belowB = a - b + 0.0;
          double largest = Math.max(a, b);
          double belowC = largest - c + 0.0;
          largest = Math.max(largest, c);
          double belowD = largest - d + 0.0;
          int index = first + (MaskPick.negative(belowB) & 1);
          index ^= (index ^ (first + width)) & MaskPick.negative(belowC);
          index ^= (index ^ (first + width + 1)) & MaskPick.negative(belowD);
          if (belowB != belowB || belowC != belowC || belowD != belowD) {
            index = indexByGeneralRule(a, b, c, d, first, width);
          }
          out[at] = in[base + index];
          where[at] = index;
        }
        for (; x0 < outWidth; x0++, at++) {
          int left = x0 * strideWidth;
          int index = largestIndex(in, base, width, topRow, Math.min(2, height - topRow), 1,
              left, Math.min(2, width - left), 1);
          out[at] = in[base + index];
          where[at] = index;
        }
      }
    }
    return new PooledWithIndices(new Tensor(p.outputShape(), out),
        new Tensor(p.outputShape(), where));
  }

  /**
   * How many of an axis's {@code out} 2-wide windows lie inside it, {@code size} long: all but
   * a last one that, in ceil mode, starts on its last element.
   */
  private static int windowsInside(int out, int stride, int size) {
    return size < 2 ? 0 : Math.min(out, (size - 2) / stride + 1);
  }

  /** The general loop's rule over one 2×2 window that holds a NaN: the last NaN wins. */
  private static int indexByGeneralRule(double a, double b, double c, double d, int first,
      int width) {
    int index = first;
    double best = a;
    if (b > best || b != b) {
      best = b;
      index = first + 1;
    }
    if (c > best || c != c) {
      best = c;
      index = first + width;
    }
    if (d > best || d != d) {
      index = first + width + 1;
    }
    return index;
  }
}
