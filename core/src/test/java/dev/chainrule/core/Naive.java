package dev.chainrule.core;

/** Index arithmetic written the slow, obvious way, for checking the kernels against. */
final class Naive {
  private Naive() {}

  static int[] unravel(int flat, int[] dims) {
    int[] index = new int[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = flat % dims[axis];
      flat /= dims[axis];
    }
    return index;
  }

  static int ravel(int[] index, int[] dims) {
    int flat = 0;
    for (int axis = 0; axis < dims.length; axis++) {
      flat = flat * dims[axis] + index[axis];
    }
    return flat;
  }

  /** The element of {@code t} that broadcasting places at {@code index} of a larger shape. */
  static double broadcastRead(Tensor t, int[] index) {
    int[] dims = t.shape().dims();
    int[] own = new int[dims.length];
    int shift = index.length - dims.length;
    for (int axis = 0; axis < dims.length; axis++) {
      own[axis] = dims[axis] == 1 ? 0 : index[axis + shift];
    }
    return t.get(own);
  }

  /** Explicitly expands {@code t} to {@code shape} by reading every cell. */
  static Tensor expand(Tensor t, Shape shape) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = broadcastRead(t, unravel(i, shape.dims()));
    }
    return Tensor.of(data, shape.dims());
  }
}
