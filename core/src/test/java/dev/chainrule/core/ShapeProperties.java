package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ShapeProperties {

  @Provide
  Arbitrary<Tensor> tensors() {
    return TensorArbitraries.tensors(4, 4);
  }

  @Provide
  Arbitrary<Tensor> nonScalars() {
    return TensorArbitraries.shapes(1, 4, 4).flatMap(TensorArbitraries::tensors);
  }

  @Property
  void transposeTwiceIsIdentity(
      @ForAll("nonScalars") Tensor x, @ForAll int seedA, @ForAll int seedB) {
    int a = Math.floorMod(seedA, x.rank());
    int b = Math.floorMod(seedB, x.rank());
    assertEquals(x, x.transpose(a, b).transpose(a, b));
    assertEquals(x, x.transpose(a - x.rank(), b).transpose(b, a - x.rank()));
  }

  @Property
  void transposeMovesEveryElement(@ForAll("nonScalars") Tensor x, @ForAll int seed) {
    int a = 0;
    int b = Math.floorMod(seed, x.rank());
    Tensor t = x.transpose(a, b);
    int[] dims = x.shape().dims();
    for (int i = 0; i < x.size(); i++) {
      int[] index = Naive.unravel(i, dims);
      int[] swapped = index.clone();
      swapped[a] = index[b];
      swapped[b] = index[a];
      assertEquals(x.get(index), t.get(swapped));
    }
  }

  @Property
  void reshapeRoundTrips(@ForAll("tensors") Tensor x) {
    Tensor flat = x.reshape(-1);
    assertArrayEquals(x.toArray(), flat.toArray());
    assertEquals(x, flat.reshape(x.shape().dims()));
    if (x.rank() > 0) {
      int[] withUnknown = x.shape().dims();
      withUnknown[0] = -1;
      assertEquals(x, flat.reshape(withUnknown));
    }
  }

  @Property
  void permuteThenInverseIsIdentity(@ForAll("nonScalars") Tensor x, @ForAll long seed) {
    List<Integer> axes = IntStream.range(0, x.rank()).boxed().collect(Collectors.toList());
    Collections.shuffle(axes, new Random(seed));
    int[] order = axes.stream().mapToInt(Integer::intValue).toArray();
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inverse[order[i]] = i;
    }
    Tensor p = x.permute(order);
    for (int i = 0; i < order.length; i++) {
      assertEquals(x.dim(order[i]), p.dim(i));
    }
    assertEquals(x, p.permute(inverse));
  }

  @Property
  void sliceAgreesWithNaiveLoop(
      @ForAll("nonScalars") Tensor x, @ForAll int axisSeed,
      @ForAll @IntRange(min = -6, max = 6) int start, @ForAll @IntRange(min = -6, max = 6) int end,
      @ForAll @IntRange(min = 1, max = 3) int step) {
    int axis = Math.floorMod(axisSeed, x.rank());
    int length = x.dim(axis);
    int from = Math.min(Math.max(start < 0 ? start + length : start, 0), length);
    int to = Math.min(Math.max(end < 0 ? end + length : end, 0), length);
    Tensor s = x.slice(axis, start, end, step);
    int expectedLength = to > from ? (to - from + step - 1) / step : 0;
    assertEquals(expectedLength, s.dim(axis));
    for (int i = 0; i < s.size(); i++) {
      int[] index = Naive.unravel(i, s.shape().dims());
      int[] source = index.clone();
      source[axis] = from + index[axis] * step;
      assertEquals(x.get(source), s.get(index));
    }
  }

  @Property
  void concatThenSliceGivesThePartsBack(
      @ForAll("nonScalars") Tensor x, @ForAll int axisSeed, @ForAll long seed) {
    int axis = Math.floorMod(axisSeed, x.rank());
    int[] otherDims = x.shape().dims();
    otherDims[axis] = 1 + Math.floorMod(seed, 3);
    Tensor y = Tensors.randn(Shape.of(otherDims), seed);
    Tensor joined = x.concat(axis, y);
    assertEquals(x, joined.slice(axis, 0, x.dim(axis)));
    assertEquals(y, joined.slice(axis, x.dim(axis), joined.dim(axis)));
  }

  @Property
  void stackIsConcatOfUnsqueezed(@ForAll("tensors") Tensor x, @ForAll int axisSeed) {
    int axis = Math.floorMod(axisSeed, x.rank() + 1);
    Tensor y = x.mul(2);
    Tensor stacked = x.stack(axis, y);
    assertEquals(2, stacked.dim(axis));
    assertEquals(x, stacked.slice(axis, 0, 1).squeeze(axis));
    assertEquals(y, stacked.slice(axis, 1, 2).squeeze(axis));
  }

  @Property
  void unsqueezeThenSqueezeIsIdentity(@ForAll("tensors") Tensor x, @ForAll int axisSeed) {
    int axis = Math.floorMod(axisSeed, x.rank() + 1);
    Tensor u = x.unsqueeze(axis);
    assertEquals(x.rank() + 1, u.rank());
    assertEquals(1, u.dim(axis));
    assertEquals(x, u.squeeze(axis));
  }

  @Property
  void gatherAndScatterAddAreAdjoint(
      @ForAll("nonScalars") Tensor x, @ForAll int axisSeed, @ForAll long seed) {
    // <gather(x, i), y> = <x, scatterAdd(0, i, y)>: the identity autograd relies on.
    int axis = Math.floorMod(axisSeed, x.rank());
    int[] indexDims = x.shape().dims();
    indexDims[axis] = 1 + Math.floorMod(seed, 4);
    Shape indexShape = Shape.of(indexDims);
    Tensor index = Tensors.rand(indexShape, seed).mul(x.dim(axis)).map(Math::floor);
    Tensor y = Tensors.randn(indexShape, seed + 1);
    double left = x.gather(axis, index).mul(y).sum().item();
    double right = x.mul(Tensors.zeros(x.shape()).scatterAdd(axis, index, y)).sum().item();
    // Same products summed in a different order: relative rounding of a few ulps per term.
    assertEquals(left, right, 1e-12 * (1 + x.abs().sum().item() * y.abs().sum().item()));
  }

  @Property
  void takeAndIndexAddAreAdjoint(
      @ForAll("nonScalars") Tensor x, @ForAll int axisSeed, @ForAll long seed) {
    int axis = Math.floorMod(axisSeed, x.rank());
    Tensor index = Tensors.rand(Shape.of(1 + Math.floorMod(seed, 5)), seed)
        .mul(x.dim(axis)).map(Math::floor);
    Tensor taken = x.take(axis, index);
    Tensor y = Tensors.randn(taken.shape(), seed + 1);
    double left = taken.mul(y).sum().item();
    double right = x.mul(Tensors.zeros(x.shape()).indexAdd(axis, index, y)).sum().item();
    // Same products summed in a different order: relative rounding of a few ulps per term.
    assertEquals(left, right, 1e-12 * (1 + x.abs().sum().item() * y.abs().sum().item()));
  }
}
