package dev.chainrule.core;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of shapes and tensors for the core properties. */
final class TensorArbitraries {
  private TensorArbitraries() {}

  /** Shapes of rank {@code [minRank, maxRank]} with dimensions in {@code [1, maxDim]}. */
  static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxDim) {
    return Arbitraries.integers().between(1, maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
        .map(TensorArbitraries::toShape);
  }

  /**
   * Values in [−10, 10] with six decimals: wide enough that ties and exact zeros are rare (jqwik's
   * default two decimals would make them common), narrow enough that products stay well scaled.
   */
  static Arbitrary<Double> values() {
    return Arbitraries.doubles().between(-10, 10).ofScale(6);
  }

  static Arbitrary<Tensor> tensors(Shape shape) {
    return values().array(double[].class).ofSize(shape.size())
        .map(data -> Tensor.of(data, shape.dims()));
  }

  static Arbitrary<Tensor> tensors(int maxRank, int maxDim) {
    return shapes(0, maxRank, maxDim).flatMap(TensorArbitraries::tensors);
  }

  /** Two shapes that broadcast together: both derived from one shape by dropping and shrinking. */
  static Arbitrary<List<Shape>> broadcastingShapes(int count) {
    return shapes(0, 4, 4).flatMap(out -> derived(out).list().ofSize(count));
  }

  /** {@code out} with some leading axes dropped and some axes shrunk to 1. */
  static Arbitrary<Shape> derived(Shape out) {
    int rank = out.rank();
    return Combinators.combine(
            Arbitraries.integers().between(0, rank),
            Arbitraries.of(true, false, false).list().ofSize(rank))
        .as((drop, ones) -> {
          int[] dims = new int[rank - drop];
          for (int i = 0; i < dims.length; i++) {
            dims[i] = ones.get(i + drop) ? 1 : out.dims()[i + drop];
          }
          return Shape.of(dims);
        });
  }

  private static Shape toShape(List<Integer> dims) {
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }
}
