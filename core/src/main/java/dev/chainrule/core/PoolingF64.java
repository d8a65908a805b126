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
   * {@code return_indices}); the first maximum wins ties and a NaN wins over numbers. The plan
   * guarantees that every window holds an input element.
   */
  static PooledWithIndices maxPool2d(Tensor x, ConvPlan p) {
    double[] in = x.dataF64();
    Conv2dOptions o = p.options();
    int planes = p.batch() * p.channels();
    int positions = p.positions();
    double[] out = new double[planes * positions];
    @Wide double[] where = new @Wide double[out.length];
    for (int plane = 0, at = 0; plane < planes; plane++) {
      int base = plane * p.plane();
      for (int y = 0; y < p.outHeight(); y++) {
        for (int x0 = 0; x0 < p.outWidth(); x0++, at++) {
          double best = Double.NEGATIVE_INFINITY;
          int bestIndex = -1;
          for (int i = 0; i < p.kernelHeight() && !Double.isNaN(best); i++) {
            int row = y * o.strideHeight() - o.paddingHeight() + i * o.dilationHeight();
            if (row < 0 || row >= p.height()) {
              continue;
            }
            for (int j = 0; j < p.kernelWidth(); j++) {
              int column = x0 * o.strideWidth() - o.paddingWidth() + j * o.dilationWidth();
              if (column < 0 || column >= p.width()) {
                continue;
              }
              int index = row * p.width() + column;
              double v = in[base + index];
              if (v > best || bestIndex < 0 || Double.isNaN(v)) {
                best = v;
                bestIndex = index;
                if (Double.isNaN(v)) {
                  break;
                }
              }
            }
          }
          out[at] = best;
          where[at] = bestIndex;
        }
      }
    }
    return new PooledWithIndices(new Tensor(p.outputShape(), out),
        new Tensor(p.outputShape(), where));
  }
}
