package dev.chainrule.core;

import java.util.Arrays;

/**
 * The copying loops of float64 indexing and strided copies, and the template of their float32
 * twin ({@code IndexingF32}, generated at build time). Indices arrive checked and converted to
 * {@code int}s; every offset is in range.
 */
final class IndexingF64 {
  private IndexingF64() {}

  /** out[i] = x[offsets[i]]: permute, slice and broadcast are this loop with other offsets. */
  static Tensor gatherOffsets(Tensor x, Shape shape, int[] offsets) {
    double[] in = x.dataF64();
    double[] out = new double[offsets.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = in[offsets[i]];
    }
    return new Tensor(shape, out);
  }

  /**
   * x broadcast to {@code shape} laid out {@code [outer, x.size(), inner]}: each element repeated
   * {@code inner} times in place and the whole run {@code outer} times, without offset lists.
   */
  static Tensor repeat(Tensor x, Shape shape, int outer, int inner) {
    double[] in = x.dataF64();
    double[] out = new double[shape.size()];
    int block = in.length * inner;
    if (inner == 1) {
      for (int o = 0; o < outer; o++) {
        System.arraycopy(in, 0, out, o * block, block);
      }
    } else {
      for (int o = 0, at = 0; o < outer; o++) {
        for (int j = 0; j < in.length; j++, at += inner) {
          Arrays.fill(out, at, at + inner, in[j]);
        }
      }
    }
    return new Tensor(shape, out);
  }

  /** out[i] = x[base[i] + stride · index[i]]. */
  static Tensor gather(Tensor x, int[] base, int stride, int[] index, Shape shape) {
    double[] in = x.dataF64();
    double[] out = new double[index.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = in[base[i] + stride * index[i]];
    }
    return new Tensor(shape, out);
  }

  /** A copy of x with source[i] added at base[i] + stride · index[i]. */
  static Tensor scatterAdd(Tensor x, int[] base, int stride, int[] index, Tensor source) {
    double[] out = x.dataF64().clone();
    double[] add = source.dataF64();
    for (int i = 0; i < index.length; i++) {
      out[base[i] + stride * index[i]] += add[i];
    }
    return new Tensor(x.shape(), out);
  }

  /**
   * A copy of x, {@code [outer, length, inner]} around the axis, with slice j of source added at
   * slice index[j].
   */
  static Tensor indexAdd(Tensor x, int outer, int length, int inner, int[] index, Tensor source) {
    double[] out = x.dataF64().clone();
    double[] add = source.dataF64();
    int picks = index.length;
    for (int j = 0; j < picks; j++) {
      for (int o = 0; o < outer; o++) {
        int to = (o * length + index[j]) * inner;
        int from = (o * picks + j) * inner;
        for (int i = 0; i < inner; i++) {
          out[to + i] += add[from + i];
        }
      }
    }
    return new Tensor(x.shape(), out);
  }
}
