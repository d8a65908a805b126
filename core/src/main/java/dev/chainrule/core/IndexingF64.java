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

  /**
   * Index values as {@code int}s into an axis of {@code size}, a negative one counting from the
   * end; the position of the first that is no whole number in [−size, size), or −1 when every one
   * is. Read through the type's array, not {@code Storage.get} element by element: gather's index
   * has one value per element of the result, and converting it was most of gather's time. Compared
   * as float64 in both types ({@code @Wide}), as {@code Indexing.toIndex} compares: a float32
   * {@code size} would round above 2^24.
   */
  static int indices(double[] values, int size, int[] picks) {
    for (int i = 0; i < picks.length; i++) {
      @Wide double value = values[i];
      if (!(value >= -size && value < size && value == Math.rint(value))) {
        return i;
      }
      int pick = (int) value;
      picks[i] = pick < 0 ? pick + size : pick;
    }
    return -1;
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

  /**
   * take's copy into {@code out} (every element written), x laid out {@code [outer, length,
   * inner]}: block o's slices picks[0], picks[1], ... in turn, so the result is written in order.
   * The loops ran the other way round, one arraycopy per element when {@code inner} is 1: a take
   * along the last axis of 65536 × 8 took 2.69 ns per element (float32) against PyTorch's 0.165.
   */
  static void take(Tensor x, int outer, int length, int inner, int[] picks, Storage out) {
    double[] in = x.dataF64();
    double[] to = ((Storage.F64) out).values();
    int n = picks.length;
    if (inner == 1) {
      for (int o = 0, at = 0; o < outer; o++) {
        int row = o * length;
        for (int j = 0; j < n; j++) {
          to[at++] = in[row + picks[j]];
        }
      }
      return;
    }
    for (int o = 0, at = 0; o < outer; o++) {
      for (int j = 0; j < n; j++, at += inner) {
        System.arraycopy(in, (o * length + picks[j]) * inner, to, at, inner);
      }
    }
  }

  /**
   * gather along the last axis with an index of x's shape but for that axis: out[r·k + j] =
   * x[r·length + index[r·k + j]], k the index's last size. The general gather builds every
   * position's base offset first (gather along axis 1 of 65536 × 8 float64: 1.99 ns per element
   * against PyTorch's 0.25).
   */
  static Tensor gatherLast(Tensor x, int length, int k, int[] index, Shape shape) {
    double[] in = x.dataF64();
    double[] out = new double[index.length];
    for (int i = 0, row = 0; i < out.length; row += length) {
      for (int end = i + k; i < end; i++) {
        out[i] = in[row + index[i]];
      }
    }
    return new Tensor(shape, out);
  }

  /** scatterAdd's twin of {@link #gatherLast}, adding in the general loop's order (i upwards). */
  static Tensor scatterAddLast(Tensor x, int length, int k, int[] index, Tensor source) {
    double[] out = x.dataF64().clone();
    double[] add = source.dataF64();
    for (int i = 0, row = 0; i < index.length; row += length) {
      for (int end = i + k; i < end; i++) {
        out[row + index[i]] += add[i];
      }
    }
    return new Tensor(x.shape(), out);
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
    // Blocks outer, picks inner: source is read in order. The other way round walked the result
    // by columns (4.5–7.7 ns per element in slice's backward against PyTorch's 0.3–0.6). Each
    // element of the result still receives its picks in the order j = 0, 1, ..., as before, so
    // duplicate indices sum in the same order and to the same bits.
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < picks; j++) {
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
