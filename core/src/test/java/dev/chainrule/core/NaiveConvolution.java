package dev.chainrule.core;

/**
 * Convolution and max pooling written as their definitions, one output element at a time with
 * explicit bounds checks, for checking the im2col kernels against.
 */
final class NaiveConvolution {
  private NaiveConvolution() {}

  /**
   * y[n, o, i, j] = b[o] + Σ_{c in o's group, p, q} x[n, c, i·s − pad + p·d, j·s − pad + q·d]
   *     · w[o, c', p, q].
   */
  static Tensor conv2d(Tensor x, Tensor w, Tensor bias, Conv2dOptions o) {
    int n = x.dim(0);
    int channels = x.dim(1);
    int height = x.dim(2);
    int width = x.dim(3);
    int out = w.dim(0);
    int perGroup = w.dim(1);
    int kh = w.dim(2);
    int kw = w.dim(3);
    int groups = o.groups();
    int outPerGroup = out / groups;
    int oh = o.outputSize(height, kh, true);
    int ow = o.outputSize(width, kw, false);
    double[] y = new double[n * out * oh * ow];
    int at = 0;
    for (int b = 0; b < n; b++) {
      for (int k = 0; k < out; k++) {
        int group = k / outPerGroup;
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double sum = bias == null ? 0 : bias.get(k);
            for (int c = 0; c < perGroup; c++) {
              for (int p = 0; p < kh; p++) {
                for (int q = 0; q < kw; q++) {
                  int r = i * o.strideHeight() - o.paddingHeight() + p * o.dilationHeight();
                  int s = j * o.strideWidth() - o.paddingWidth() + q * o.dilationWidth();
                  if (r >= 0 && r < height && s >= 0 && s < width) {
                    sum += x.get(b, group * perGroup + c, r, s) * w.get(k, c, p, q);
                  }
                }
              }
            }
            y[at++] = sum;
          }
        }
      }
    }
    assert channels == perGroup * groups;
    return Tensor.of(y, n, out, oh, ow);
  }

  /** Each window's maximum and the first index (within the plane) where it occurs. */
  static PooledWithIndices maxPool2d(Tensor x, Pool2dOptions o) {
    int n = x.dim(0);
    int channels = x.dim(1);
    int height = x.dim(2);
    int width = x.dim(3);
    int oh = o.outputSize(height, true);
    int ow = o.outputSize(width, false);
    double[] values = new double[n * channels * oh * ow];
    double[] indices = new double[values.length];
    int at = 0;
    for (int b = 0; b < n; b++) {
      for (int c = 0; c < channels; c++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++, at++) {
            double best = Double.NEGATIVE_INFINITY;
            int where = -1;
            for (int p = 0; p < o.kernelHeight(); p++) {
              for (int q = 0; q < o.kernelWidth(); q++) {
                int r = i * o.strideHeight() - o.paddingHeight() + p * o.dilationHeight();
                int s = j * o.strideWidth() - o.paddingWidth() + q * o.dilationWidth();
                if (r >= 0 && r < height && s >= 0 && s < width
                    && (where < 0 || x.get(b, c, r, s) > best)) {
                  best = x.get(b, c, r, s);
                  where = r * width + s;
                }
              }
            }
            values[at] = best;
            indices[at] = where;
          }
        }
      }
    }
    return new PooledWithIndices(Tensor.of(values, n, channels, oh, ow),
        Tensor.of(indices, n, channels, oh, ow));
  }
}
