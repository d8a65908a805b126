package dev.chainrule.core.gemm;

import java.util.ArrayList;
import java.util.List;
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
 * Every backend against a naive triple loop in both dtypes: all four transpose modes, α and β
 * (β = 0 over a C full of NaN, which must not survive), blocks inside larger arrays as the
 * matrices of a batch are.
 */
class GemmBackendProperties {
  @Provide
  Arbitrary<GemmCase> cases() {
    Arbitrary<Integer> size = Arbitraries.integers().between(0, 23);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    // Values exact in float32, so both dtypes compute with the same α and β.
    Arbitrary<Double> alpha = Arbitraries.of(1.0, 1.0, -0.5, 2.0, 0.0);
    Arbitrary<Double> beta = Arbitraries.of(0.0, 0.0, 1.0, -1.5, 0.25);
    Arbitrary<Layout> layout = Combinators.combine(flag, Arbitraries.integers().between(0, 3),
        Arbitraries.longs()).as(Layout::new);
    return Combinators.combine(size, size, size, flag, flag, alpha, beta, layout)
        .as((m, n, k, ta, tb, a, b, l) -> new GemmCase(m, n, k, ta, tb, a, b, l.nanC(), l.pad(),
            l.seed()));
  }

  /** Whether C starts as NaN, the sentinels around each block, the seed of the values. */
  record Layout(boolean nanC, int pad, long seed) {}

  @Provide
  Arbitrary<Backends.Backend> backends() {
    return Arbitraries.of(Backends.all());
  }

  @Property(tries = 2000)
  @StatisticsReport(StatisticsReportMode.OFF)
  void agreesWithTheNaiveProductInFloat64(@ForAll("backends") Backends.Backend backend,
      @ForAll("cases") GemmCase c) {
    cover(backend, c);
    c.checkF64(backend.gemm());
  }

  @Property(tries = 2000)
  @StatisticsReport(StatisticsReportMode.OFF)
  void agreesWithTheNaiveProductInFloat32(@ForAll("backends") Backends.Backend backend,
      @ForAll("cases") GemmCase c) {
    cover(backend, c);
    c.checkF32(backend.gemm());
  }

  /** Fails the property if the generator stops reaching a backend, a mode or a kind of β. */
  private void cover(Backends.Backend backend, GemmCase c) {
    Statistics.label("backend").collect(backend.name())
        .coverage(check -> Backends.all()
            .forEach(b -> check.check(b.name()).percentage(p -> p > 5)));
    Statistics.label("mode").collect(c.transposeA(), c.transposeB())
        .coverage(check -> {
          for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
              check.check(ta, tb).percentage(p -> p > 15);
            }
          }
        });
    Statistics.label("beta").collect(c.beta() == 0 && c.nanC() ? "0 over NaN"
            : c.beta() == 0 ? "0" : c.beta() == 1 ? "1" : "other")
        .coverage(check -> {
          check.check("0 over NaN").percentage(p -> p > 5);
          check.check("1").percentage(p -> p > 5);
          check.check("other").percentage(p -> p > 5);
        });
  }

  @Example
  void everyBackendAgreesOnProductsLargerThanThePanelsAndTheParallelThreshold() {
    // 130·300·260 ≈ 1e7 multiply-adds: several panels each way, split across threads, and well
    // above the native crossover.
    for (Backends.Backend backend : Backends.all()) {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          new GemmCase(130, 300, 260, ta, tb, 1, 0, true, 1, 7).checkF64(backend.gemm());
          new GemmCase(130, 300, 260, ta, tb, -0.5, 1, false, 3, 7).checkF32(backend.gemm());
          // Turned around (20 columns), with β over an existing C.
          new GemmCase(300, 20, 260, ta, tb, 2, -1.5, false, 2, 8).checkF64(backend.gemm());
          new GemmCase(300, 20, 260, ta, tb, 1, 0, true, 2, 8).checkF32(backend.gemm());
        }
      }
    }
  }

  @Example
  void everyBackendIsSafeToCallFromSeveralThreadsAtOnce() throws Exception {
    List<Gemm> gemms = new ArrayList<>();
    gemms.add(new JavaGemm(new JavaGemm.Blocking(8, 8, 4, 8, 64, 4, 4, 0)));
    Backends.all().forEach(b -> gemms.add(b.gemm()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Gemm gemm : gemms) {
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          long seed = t;
          results.add(pool.submit(() -> {
            for (int i = 0; i < 30; i++) {
              GemmCase c = new GemmCase(5 + i, 17, 9 + i, i % 2 == 0, i % 3 == 0, 1,
                  i % 4 == 0 ? 1 : 0, true, 1, seed * 100 + i);
              c.checkF64(gemm);
              c.checkF32(gemm);
            }
          }));
        }
        for (Future<?> result : results) {
          result.get();
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
