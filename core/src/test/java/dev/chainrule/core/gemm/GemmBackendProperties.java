package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Every backend against a naive triple loop, on blocks that sit inside larger arrays. The Java
 * backend also runs with tiny panels and thresholds, so that small matrices reach every one of its
 * paths: direct, panelled over several blocks in both directions, turned around, and parallel.
 */
class GemmBackendProperties {
  private static final double SENTINEL = -12345.5;

  /** A product to compute: sizes, flags, where each block starts, and the seed of the values. */
  record Case(int m, int n, int k, boolean transposeA, boolean transposeB, int pad, long seed) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> size = Arbitraries.integers().between(0, 23);
    return Combinators.combine(size, size, size, Arbitraries.of(true, false),
            Arbitraries.of(true, false), Arbitraries.integers().between(0, 3),
            Arbitraries.longs())
        .as(Case::new);
  }

  /** A backend and the configuration it is tested in. */
  record Backend(String name, Gemm gemm) {}

  @Provide
  Arbitrary<Backend> backends() {
    return Arbitraries.of(
        new Backend("EJML", new EjmlGemm()),
        new Backend("Java", new JavaGemm()),
        // Panels of 3×5, turned around below 4 columns, direct below 8, parallel from 1.
        new Backend("Java, tiny panels, parallel", new JavaGemm(3, 5, 4, 8, 1)),
        // Never direct, turned around below 64 columns, never parallel.
        new Backend("Java, panels only", new JavaGemm(4, 4, 64, 0, Long.MAX_VALUE)));
  }

  @Property
  @StatisticsReport(StatisticsReportMode.OFF)
  void agreesWithTheNaiveProduct(@ForAll("backends") Backend backend, @ForAll("cases") Case c) {
    Statistics.label("backend").collect(backend.name())
        .coverage(check -> backends().allValues().orElseThrow()
            .forEach(b -> check.check(b.name()).percentage(p -> p > 10)));
    check(backend.gemm(), c);
  }

  @Example
  void defaultJavaGemmAgreesOnProductsLargerThanItsPanelsAndParallelThreshold() {
    // 130·300·260 ≈ 1e7 multiply-adds: several panels each way, and split across threads.
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        check(new JavaGemm(), new Case(130, 300, 260, ta, tb, 1, 7));
        check(new JavaGemm(), new Case(300, 20, 260, ta, tb, 2, 8));  // turned around
      }
    }
  }

  @Example
  void javaGemmIsSafeToCallFromSeveralThreadsAtOnce() throws Exception {
    Gemm gemm = new JavaGemm(8, 8, 4, 8, 64);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 30; i++) {
            check(gemm, new Case(5 + i, 17, 9 + i, i % 2 == 0, i % 3 == 0, 1, seed * 100 + i));
          }
        }));
      }
      for (Future<?> result : results) {
        result.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Computes the case with {@code gemm} and compares with the naive sum, sentinels untouched. */
  private static void check(Gemm gemm, Case c) {
    Random random = new Random(c.seed());
    int aRows = c.transposeA() ? c.k() : c.m();
    int aCols = c.transposeA() ? c.m() : c.k();
    int bRows = c.transposeB() ? c.n() : c.k();
    int bCols = c.transposeB() ? c.k() : c.n();
    MatrixBlock a = block(random, aRows, aCols, c.pad());
    MatrixBlock b = block(random, bRows, bCols, c.pad());
    MatrixBlock out = block(random, c.m(), c.n(), c.pad());
    gemm.multiply(a, c.transposeA(), b, c.transposeB(), out);
    for (int i = 0; i < c.m(); i++) {
      for (int j = 0; j < c.n(); j++) {
        double expected = 0;
        double magnitude = 0;
        for (int p = 0; p < c.k(); p++) {
          double x = c.transposeA() ? get(a, p, i) : get(a, i, p);
          double y = c.transposeB() ? get(b, j, p) : get(b, p, j);
          expected += x * y;
          magnitude += Math.abs(x * y);
        }
        // Another summation order: at most k·u·Σ|xy| apart (u = 2⁻⁵³), with room to spare.
        double tolerance = 4 * (c.k() + 1) * 0x1p-53 * magnitude;
        double actual = get(out, i, j);
        if (!(Math.abs(actual - expected) <= tolerance)) {
          throw new AssertionError(gemm + " " + c + ": C[" + i + ", " + j + "] = " + actual
              + ", expected " + expected);
        }
      }
    }
    for (int at = 0; at < out.data().length; at++) {
      if (at < out.offset() || at >= out.offset() + c.m() * c.n()) {
        assertEquals(SENTINEL, out.data()[at], gemm + " " + c + ": wrote outside C at " + at);
      }
    }
  }

  /** A rows × cols block of random values at offset {@code pad}, with sentinels around it. */
  private static MatrixBlock block(Random random, int rows, int cols, int pad) {
    double[] data = new double[rows * cols + 2 * pad];
    for (int i = 0; i < data.length; i++) {
      data[i] = i < pad || i >= pad + rows * cols ? SENTINEL : random.nextDouble() * 2 - 1;
    }
    return new MatrixBlock(data, pad, rows, cols);
  }

  private static double get(MatrixBlock block, int row, int col) {
    return block.data()[block.offset() + row * block.cols() + col];
  }
}
