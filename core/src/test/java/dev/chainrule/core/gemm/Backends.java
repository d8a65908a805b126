package dev.chainrule.core.gemm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The backends under test: EJML, the Java kernel as tuned and with tiny panels and thresholds (so
 * that small matrices reach every path: direct, panelled over several blocks in both directions,
 * turned around, parallel, two output rows at a time, and register blocks), and, where this machine
 * has an optimized BLAS, the native backend with every product sent to the library and as tuned.
 */
final class Backends {
  /** A backend and the configuration it is tested in. */
  record Backend(String name, Gemm gemm) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The native backend of this machine, or why there is none; looked for once per test run. */
  static final NativeOutcome NATIVE = NativeOutcome.probe();

  record NativeOutcome(Optional<NativeGemm> gemm, String reason) {
    static NativeOutcome probe() {
      NativeBlasLoader loader = NativeBlasLoader.ofSystem();
      NativeBlasSource.Search search = loader.search();
      if (search.library().isEmpty()) {
        return new NativeOutcome(Optional.empty(), search.finding());
      }
      if (!search.library().get().kind().isOptimized()) {
        return new NativeOutcome(Optional.empty(), search.finding() + " is not optimized");
      }
      try {
        return new NativeOutcome(
            Optional.of((NativeGemm) loader.load(search.library().get())), search.finding());
      } catch (IllegalStateException e) {
        return new NativeOutcome(Optional.empty(), e.getMessage());
      }
    }
  }

  private Backends() {}

  static List<Backend> all() {
    List<Backend> backends = new ArrayList<>(List.of(
        new Backend("EJML", new EjmlGemm()),
        new Backend("Java", new JavaGemm()),
        // Panels of 3×5, turned around below 4 columns, direct below 8, parallel from 1, rows
        // in pairs where a panel is at least 2×2.
        new Backend("Java, tiny panels, parallel",
            new JavaGemm(new JavaGemm.Blocking(3, 5, 4, 8, 1, 2, 2, 0))),
        // Never direct, turned around below 64 columns, never parallel, never in pairs.
        new Backend("Java, panels only", new JavaGemm(
            new JavaGemm.Blocking(4, 4, 64, 0, Long.MAX_VALUE, Integer.MAX_VALUE, 0, 0))),
        // Panels of 7×9 (a tail of 3 rows below 4), rows in pairs wherever they fit.
        new Backend("Java, pairs everywhere",
            new JavaGemm(new JavaGemm.Blocking(7, 9, 0, 0, Long.MAX_VALUE, 1, 1, 0))),
        // Register blocks for every result: whole 4 × 4 blocks, a column of four, single
        // elements, and results fewer than four rows high turned around.
        new Backend("Java, register blocks everywhere", new JavaGemm(
            new JavaGemm.Blocking(4, 4, 64, 0, Long.MAX_VALUE, 1, 1, Integer.MAX_VALUE)))));
    NATIVE.gemm().ifPresent(gemm -> {
      backends.add(new Backend("native, every product", gemm.withSmallWork(0)));
      backends.add(new Backend("native, tuned crossover", gemm));
    });
    return backends;
  }
}
