package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

class MatMulProperties {

  record Case(Tensor a, Tensor b, Transpose mode) {}

  /** Batched products with broadcasting batch axes, sizes 1 to 6 (so 1s are common), any mode. */
  @Provide
  Arbitrary<Case> products() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 6);
    return Combinators.combine(
            TensorArbitraries.broadcastingShapes(2)
                .map(s -> List.of(clip(s.get(0)), clip(s.get(1)))),
            size, size, size, Arbitraries.of(Transpose.values()))
        .flatAs((batches, m, k, n, mode) -> {
          Shape a = withMatrix(batches.get(0), mode.left() ? k : m, mode.left() ? m : k);
          Shape b = withMatrix(batches.get(1), mode.right() ? n : k, mode.right() ? k : n);
          return Combinators.combine(TensorArbitraries.tensors(a), TensorArbitraries.tensors(b))
              .as((x, y) -> new Case(x, y, mode));
        });
  }

  @Provide
  Arbitrary<Case> vectorProducts() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 6);
    return Combinators.combine(size, size, Arbitraries.integers().between(0, 2))
        .flatAs((k, n, kind) -> {
          Shape a = kind == 1 ? Shape.of(n, k) : Shape.of(k);
          Shape b = kind == 0 ? Shape.of(k, n) : Shape.of(k);
          return Combinators.combine(TensorArbitraries.tensors(a), TensorArbitraries.tensors(b))
              .as((x, y) -> new Case(x, y, Transpose.NONE));
        });
  }

  @Property
  @StatisticsReport(StatisticsReportMode.OFF)
  void agreesWithNaiveTripleLoop(@ForAll("products") Case c) {
    Statistics.label("mode").collect(c.mode())
        .coverage(check -> {
          for (Transpose mode : Transpose.values()) {
            check.check(mode).percentage(p -> p > 5);
          }
        });
    Statistics.label("batched").collect(c.a().rank() > 2 || c.b().rank() > 2)
        .coverage(check -> check.check(true).percentage(p -> p > 20));
    Tensor a = c.mode().left() ? c.a().transpose(-1, -2) : c.a();
    Tensor b = c.mode().right() ? c.b().transpose(-1, -2) : c.b();
    Tensor expected = naive(a, b);
    Tensor actual = c.a().matmul(c.b(), c.mode());
    // Same products, another summation order: at most k·u·Σ|a||b| ≈ 6·1.1e-16·600 < 1e-12 apart.
    assertTrue(actual.allClose(expected, 1e-12, 1e-12), () -> actual + " vs " + expected);
  }

  @Property
  void vectorsAreRowsOnTheLeftAndColumnsOnTheRight(@ForAll("vectorProducts") Case c) {
    Tensor a = c.a().rank() == 1 ? c.a().unsqueeze(0) : c.a();
    Tensor b = c.b().rank() == 1 ? c.b().unsqueeze(1) : c.b();
    Tensor product = naive(a, b);
    Tensor rowsDropped = c.a().rank() == 1 ? product.squeeze(-2) : product;
    Tensor expected = c.b().rank() == 1 ? rowsDropped.squeeze(-1) : rowsDropped;
    Tensor actual = c.a().matmul(c.b());
    assertEquals(expected.shape(), actual.shape());
    // Same tolerance argument as the matrix case.
    assertTrue(actual.allClose(expected, 1e-12, 1e-12), () -> actual + " vs " + expected);
  }

  /** Batch shapes of rank at most 2 so products stay small. */
  private static Shape clip(Shape batch) {
    int[] dims = batch.dims();
    return Shape.of(java.util.Arrays.copyOfRange(dims, Math.max(0, dims.length - 2), dims.length));
  }

  private static Shape withMatrix(Shape batch, int rows, int cols) {
    int[] dims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
    dims[batch.rank()] = rows;
    dims[batch.rank() + 1] = cols;
    return Shape.of(dims);
  }

  /** out[..., i, j] = Σ_k a[..., i, k]·b[..., k, j] with broadcast batch axes, by index. */
  private static Tensor naive(Tensor a, Tensor b) {
    int m = a.dim(-2);
    int k = a.dim(-1);
    int n = b.dim(-1);
    Shape aBatch = Shape.of(java.util.Arrays.copyOf(a.shape().dims(), a.rank() - 2));
    Shape bBatch = Shape.of(java.util.Arrays.copyOf(b.shape().dims(), b.rank() - 2));
    Shape batch = Broadcast.shapes("test", aBatch, bBatch);
    Tensor aFull = Naive.expand(a, withMatrix(batch, m, k));
    Tensor bFull = Naive.expand(b, withMatrix(batch, k, n));
    double[] out = new double[batch.size() * m * n];
    for (int p = 0; p < batch.size(); p++) {
      int[] index = Naive.unravel(p, batch.dims());
      int[] ai = java.util.Arrays.copyOf(index, index.length + 2);
      int[] bi = java.util.Arrays.copyOf(index, index.length + 2);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int q = 0; q < k; q++) {
            ai[index.length] = i;
            ai[index.length + 1] = q;
            bi[index.length] = q;
            bi[index.length + 1] = j;
            sum += aFull.get(ai) * bFull.get(bi);
          }
          out[(p * m + i) * n + j] = sum;
        }
      }
    }
    return Tensor.of(out, withMatrix(batch, m, n).dims());
  }
}
