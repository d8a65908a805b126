package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The tiled copy of a swap of two blocks of axes ({@link SwapPlan}, {@link SwapAxesF64}) and the
 * row-ordered loops of take, gather, scatterAdd and indexAdd along a later axis must put every
 * element where the element-by-element definitions put it: any rank 0–4, sizes 0–19 (empty axes,
 * axes of 1 that a plan drops, sizes not a multiple of the tile of 8), every permutation, both
 * types. Exact, element for element: the copies only move values, and indexAdd and scatterAdd
 * must add duplicate picks in the order the definition does (index order), to the same bits.
 */
class SwapAndPickProperties {

  @Property(tries = 600)
  void permuteMovesEveryElementAsTheOffsetGatherDoes(@ForAll long seed, @ForAll boolean float32) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = draw(random, float32);
    int rank = x.rank();
    int[] order = new int[rank];
    for (int i = 0; i < rank; i++) {
      order[i] = i;
    }
    for (int i = rank - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] dims = new int[rank];
    int[] strides = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = x.shape().dimsView()[order[i]];
      strides[i] = x.shape().walkStrides()[order[i]];
    }
    Tensor expected =
        ShapeOps.gatherOffsets(x, Shape.of(dims), Broadcast.offsets(dims, strides, 0));
    Tensor permuted = x.permute(order);
    assertEquals(expected.shape(), permuted.shape());
    assertEquals(expected.dtype(), permuted.dtype());
    assertArrayEquals(expected.toArray(), permuted.toArray());
    if (rank >= 2) {
      int a = random.nextInt(rank);
      int b = random.nextInt(rank);
      Tensor swapped = x.transpose(a, b);
      int[] swap = new int[rank];
      for (int i = 0; i < rank; i++) {
        swap[i] = i == a ? b : i == b ? a : i;
      }
      assertArrayEquals(x.permute(swap).toArray(), swapped.toArray());
    }
  }

  @Property(tries = 400)
  void picksAlongAnAxisMatchTheirDefinitions(@ForAll long seed, @ForAll boolean float32) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = draw(random, float32);
    if (x.rank() == 0) {
      return;
    }
    int axis = random.nextInt(x.rank());
    int[] dims = x.shape().dims();
    int length = dims[axis];
    int outer = 1;
    int inner = 1;
    for (int d = 0; d < dims.length; d++) {
      outer *= d < axis ? dims[d] : 1;
      inner *= d > axis ? dims[d] : 1;
    }
    int picks = length == 0 ? 0 : random.nextInt(0, 12);  // repeats when there are many
    double[] index = random.ints(picks, 0, Math.max(1, length)).asDoubleStream().toArray();
    double[] in = x.toArray();

    double[] taken = new double[outer * picks * inner];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < picks; j++) {
        for (int i = 0; i < inner; i++) {
          taken[(o * picks + j) * inner + i] = in[(o * length + (int) index[j]) * inner + i];
        }
      }
    }
    assertArrayEquals(taken, x.take(axis, Tensor.vector(index)).toArray());

    // indexAdd of the taken shape: added in index order, element by element, in the type.
    Tensor source = Tensors.randn(x.take(axis, Tensor.vector(index)).shape(), seed + 1,
        x.dtype());
    double[] add = source.toArray();
    double[] sum = in.clone();
    for (int j = 0; j < picks; j++) {
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int at = (o * length + (int) index[j]) * inner + i;
          double s = sum[at] + add[(o * picks + j) * inner + i];
          sum[at] = float32 ? (float) s : s;
        }
      }
    }
    assertArrayEquals(sum, x.indexAdd(axis, Tensor.vector(index), source).toArray());

    // gather and scatterAdd along the last axis with an index of x's other sizes.
    int last = x.rank() - 1;
    int rows = x.size() / Math.max(1, dims[last]);
    int k = dims[last] == 0 ? 0 : random.nextInt(0, 12);
    int[] indexDims = dims.clone();
    indexDims[last] = k;
    double[] gi = random.ints(rows * k, 0, Math.max(1, dims[last])).asDoubleStream().toArray();
    Tensor gatherIndex = Tensor.of(gi, indexDims);
    double[] gathered = new double[rows * k];
    for (int i = 0; i < gathered.length; i++) {
      gathered[i] = in[(i / k) * dims[last] + (int) gi[i]];
    }
    assertArrayEquals(gathered, x.gather(last, gatherIndex).toArray());
    Tensor values = Tensors.randn(Shape.of(indexDims), seed + 2, x.dtype());
    double[] v = values.toArray();
    double[] scattered = in.clone();
    for (int i = 0; i < gi.length; i++) {
      int at = (i / k) * dims[last] + (int) gi[i];
      double s = scattered[at] + v[i];
      scattered[at] = float32 ? (float) s : s;
    }
    assertArrayEquals(scattered, x.scatterAdd(last, gatherIndex, values).toArray());
  }

  /** A tensor of rank 0–4, sizes 0–19 (mostly 1–19), random values. */
  private static Tensor draw(SplittableRandom random, boolean float32) {
    int rank = random.nextInt(5);
    int[] dims = new int[rank];
    long size = 1;
    for (int i = 0; i < rank; i++) {
      int roll = random.nextInt(10);
      dims[i] = roll == 0 ? 0 : roll == 1 ? 1 : random.nextInt(2, rank <= 2 ? 40 : 20);
      size *= dims[i];
    }
    if (size > 20_000) {
      dims[0] = 1;
    }
    return Tensors.randn(Shape.of(dims), random.nextLong(),
        float32 ? DType.FLOAT32 : DType.FLOAT64);
  }
}
