package dev.chainrule.core;

import dev.chainrule.core.gemm.Gemm;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.MatrixBlockF64;
import java.util.Arrays;

/**
 * Float64 convolutions lowered to the GEMM seam, and the template of their float32 twin
 * ({@code ConvolutionF32}, generated at build time). One image at a time, one group at a time,
 * the kernel's taps over the image are copied into columns (im2col: one row per input channel and
 * tap, one column per output position) so that the convolution is one product per image and
 * group; only one image's columns exist at a time, whatever the batch. The two adjoints use the
 * same columns: the input's gradient is Wᵀ·G folded back onto the image (col2im, adding where
 * windows overlap), the weight's gradient Σₙ G·colsᵀ, accumulated in place by the product
 * (β = 1). A 1×1 kernel with stride 1 and no padding reads the image itself as its columns.
 * {@link Convolution} has checked every shape.
 */
final class ConvolutionF64 {
  private ConvolutionF64() {}

  /** y = conv(x, w) + bias per output channel (bias may be null), [N, O, Ho, Wo]. */
  static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvPlan p) {
    double[] in = x.dataF64();
    double[] weight = w.dataF64();
    int positions = p.positions();
    double[] out = new double[p.batch() * p.outChannels() * positions];
    double beta = 0;
    if (bias != null) {
      double[] b = bias.dataF64();
      for (int plane = 0; plane < p.batch() * p.outChannels(); plane++) {
        Arrays.fill(out, plane * positions, (plane + 1) * positions, b[plane % b.length]);
      }
      beta = 1;
    }
    Gemm gemm = GemmBackend.get();
    int rows = p.columnRows();
    int groupOut = p.groupOutChannels();
    double[] cols = p.isPointwise() ? null : new double[rows * positions];
    for (int n = 0; n < p.batch(); n++) {
      for (int g = 0; g < p.groups(); g++) {
        int image = (n * p.channels() + g * p.groupChannels()) * p.plane();
        MatrixBlockF64 columns = columns(in, image, p, cols);
        gemm.gemm(1, new MatrixBlockF64(weight, g * groupOut * rows, groupOut, rows), false,
            columns, false, beta,
            new MatrixBlockF64(out, (n * p.outChannels() + g * groupOut) * positions, groupOut,
                positions));
      }
    }
    return new Tensor(p.outputShape(), out);
  }

  /** The adjoint of conv2d in its input: Wᵀ·G per image and group, folded back, [N, C, H, W]. */
  static Tensor convTranspose2d(Tensor gradOutput, Tensor w, ConvPlan p) {
    double[] grad = gradOutput.dataF64();
    double[] weight = w.dataF64();
    double[] out = new double[p.batch() * p.channels() * p.plane()];
    Gemm gemm = GemmBackend.get();
    int positions = p.positions();
    int rows = p.columnRows();
    int groupOut = p.groupOutChannels();
    boolean pointwise = p.isPointwise();
    double[] cols = pointwise ? null : new double[rows * positions];
    for (int n = 0; n < p.batch(); n++) {
      for (int g = 0; g < p.groups(); g++) {
        int image = (n * p.channels() + g * p.groupChannels()) * p.plane();
        MatrixBlockF64 columns = pointwise ? new MatrixBlockF64(out, image, rows, positions)
            : MatrixBlockF64.of(cols, rows, positions);
        gemm.gemm(1, new MatrixBlockF64(weight, g * groupOut * rows, groupOut, rows), true,
            new MatrixBlockF64(grad, (n * p.outChannels() + g * groupOut) * positions, groupOut,
                positions), false, 0, columns);
        if (!pointwise) {
          col2im(cols, p, out, image);
        }
      }
    }
    return new Tensor(p.inputShape(), out);
  }

  /** The adjoint of conv2d in its weight: Σₙ G·colsᵀ per group, [O, C / groups, kh, kw]. */
  static Tensor weightGradient(Tensor x, Tensor gradOutput, ConvPlan p) {
    double[] in = x.dataF64();
    double[] grad = gradOutput.dataF64();
    int positions = p.positions();
    int rows = p.columnRows();
    int groupOut = p.groupOutChannels();
    double[] out = new double[p.outChannels() * rows];
    Gemm gemm = GemmBackend.get();
    double[] cols = p.isPointwise() ? null : new double[rows * positions];
    for (int n = 0; n < p.batch(); n++) {
      for (int g = 0; g < p.groups(); g++) {
        int image = (n * p.channels() + g * p.groupChannels()) * p.plane();
        MatrixBlockF64 columns = columns(in, image, p, cols);
        gemm.gemm(1, new MatrixBlockF64(grad, (n * p.outChannels() + g * groupOut) * positions,
                groupOut, positions), false, columns, true, 1,
            new MatrixBlockF64(out, g * groupOut * rows, groupOut, rows));
      }
    }
    return new Tensor(p.weightShape(), out);
  }

  /**
   * The columns of one image's group of channels for a product: the image itself for a
   * pointwise kernel ({@code cols} null), else {@code cols} filled by {@link #im2col}.
   */
  private static MatrixBlockF64 columns(double[] in, int image, ConvPlan p, double[] cols) {
    if (cols == null) {
      return new MatrixBlockF64(in, image, p.columnRows(), p.positions());
    }
    im2col(in, image, p, cols);
    return MatrixBlockF64.of(cols, p.columnRows(), p.positions());
  }

  /**
   * One image's group of channels, starting at {@code image} in {@code in}, as columns
   * [channels·kh·kw, Ho·Wo]: row (c, i, j) holds the input under tap (i, j) of channel c at every
   * output position, zero where the tap falls on the padding.
   */
  static void im2col(double[] in, int image, ConvPlan p, double[] cols) {
    Conv2dOptions o = p.options();
    int outWidth = p.outWidth();
    int row = 0;
    for (int c = 0; c < p.groupChannels(); c++) {
      int plane = image + c * p.plane();
      for (int i = 0; i < p.kernelHeight(); i++) {
        for (int j = 0; j < p.kernelWidth(); j++, row++) {
          // Offsets in long: a padding or stride near 2^31 wraps an int (PyTorch takes such
          // windows); the taps that land inside the image are then columns of it, which fit.
          long shift = (long) j * o.dilationWidth() - o.paddingWidth();
          int from = Math.min(outWidth, Window.firstInside(shift, o.strideWidth()));
          int to = Math.max(from, Window.endInside(shift, o.strideWidth(), p.width(), outWidth));
          int column = to > from ? (int) (shift + (long) from * o.strideWidth()) : 0;
          int at = row * p.positions();
          for (int y = 0; y < p.outHeight(); y++, at += outWidth) {
            long source = (long) y * o.strideHeight() - o.paddingHeight()
                + (long) i * o.dilationHeight();
            if (source < 0 || source >= p.height()) {
              Arrays.fill(cols, at, at + outWidth, 0);
              continue;
            }
            int start = plane + (int) source * p.width() + column;
            Arrays.fill(cols, at, at + from, 0);
            Arrays.fill(cols, at + to, at + outWidth, 0);
            if (o.strideWidth() == 1 && to > from) {
              System.arraycopy(in, start, cols, at + from, to - from);
            } else {
              for (int x = from, index = start; x < to; x++, index += o.strideWidth()) {
                cols[at + x] = in[index];
              }
            }
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #im2col}: each column element added back onto the input element it was
   * copied from, into the image at {@code image} of {@code out}.
   */
  static void col2im(double[] cols, ConvPlan p, double[] out, int image) {
    Conv2dOptions o = p.options();
    int outWidth = p.outWidth();
    int stride = o.strideWidth();
    int row = 0;
    for (int c = 0; c < p.groupChannels(); c++) {
      int plane = image + c * p.plane();
      for (int i = 0; i < p.kernelHeight(); i++) {
        for (int j = 0; j < p.kernelWidth(); j++, row++) {
          // In long, as in im2col.
          long shift = (long) j * o.dilationWidth() - o.paddingWidth();
          int from = Math.min(outWidth, Window.firstInside(shift, stride));
          int to = Window.endInside(shift, stride, p.width(), outWidth);
          int column = to > from ? (int) (shift + (long) from * stride) : 0;
          int at = row * p.positions();
          for (int y = 0; y < p.outHeight(); y++, at += outWidth) {
            long target = (long) y * o.strideHeight() - o.paddingHeight()
                + (long) i * o.dilationHeight();
            if (target < 0 || target >= p.height()) {
              continue;
            }
            int start = plane + (int) target * p.width() + column;
            for (int x = from, index = start; x < to; x++, index += stride) {
              out[index] += cols[at + x];
            }
          }
        }
      }
    }
  }
}
