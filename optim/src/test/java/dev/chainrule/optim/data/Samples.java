package dev.chainrule.optim.data;

import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Datasets whose samples know who they are: feature row i is {@code [i, 10·i]}. */
final class Samples {
  private Samples() {}

  static Dataset indexed(int[] classes) {
    int n = classes.length;
    double[] features = new double[2 * n];
    for (int i = 0; i < n; i++) {
      features[2 * i] = i;
      features[2 * i + 1] = 10.0 * i;
    }
    return new Dataset(Tensor.of(features, n, 2),
        Tensor.vector(Arrays.stream(classes).asDoubleStream().toArray()));
  }

  /** The original index of every sample in {@code part}, in order. */
  static int[] ids(Dataset part) {
    return Arrays.stream(part.features().slice(1, 0, 1).toArray()).mapToInt(v -> (int) v)
        .toArray();
  }

  /** Indexed datasets of 0 to {@code maxSize} samples in up to 5 classes, some of them rare. */
  static Arbitrary<Dataset> datasets(int maxSize) {
    return Arbitraries.integers().between(1, 5).flatMap(classes ->
        Arbitraries.integers().between(0, classes - 1).list().ofMaxSize(maxSize)
            .map(Samples::toArray).map(Samples::indexed));
  }

  private static int[] toArray(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
