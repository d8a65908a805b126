package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels run only where HotSpot's optimizing compiler does. core/pom.xml runs this
 * class a second time with {@code -XX:TieredStopAtLevel=1} (and {@code chainrule.test.c1Only}
 * set): there the kernels are off from the start, and a product that would take them goes
 * elsewhere at once instead of waiting for a warm-up that cannot succeed.
 */
class VectorApiCompilerTest {
  private static final boolean C1_ONLY = Boolean.getBoolean("chainrule.test.c1Only");

  @Test
  void theOptimizingCompilerIsSeenWhereItRuns() {
    assertEquals(!C1_ONLY, VectorApi.optimizingCompilerRuns(),
        "-XX:TieredStopAtLevel=1 in this run: " + C1_ONLY);
  }

  @Test
  void theOptionsThatStopHotSpotShortOfItsOptimizingCompilerAreSeen() {
    // What -Xint, -XX:CompilationMode=quick-only and -XX:TieredStopAtLevel=1..3 set, against a
    // JVM's defaults and JVMs that lack the options (null) or give a level no number reads.
    assertFalse(runs(Map.of("UseCompiler", "false")), "-Xint");
    assertFalse(runs(Map.of("CompilationMode", "quick-only")), "quick-only");
    assertFalse(runs(Map.of("TieredCompilation", "true", "TieredStopAtLevel", "3")), "level 3");
    assertTrue(runs(Map.of("TieredCompilation", "true", "TieredStopAtLevel", "4")), "level 4");
    // Without tiered compilation the level stops nothing: C2 alone compiles.
    assertTrue(runs(Map.of("TieredCompilation", "false", "TieredStopAtLevel", "1")), "C2 only");
    assertTrue(runs(Map.of("TieredCompilation", "true", "TieredStopAtLevel", "high")), "no level");
    assertTrue(runs(Map.of("TieredCompilation", "true")), "no such level option");
    assertTrue(runs(Map.of()), "a JVM without these options");
  }

  private static boolean runs(Map<String, String> options) {
    return VectorApi.optimizingCompilerRuns(options::get);
  }

  @Test
  void withoutItTheWarmUpsVerdictIsNotKnownBeforehand() {
    assertEquals(!C1_ONLY, VectorApi.compilesToVectors(),
        "-XX:TieredStopAtLevel=1 in this run: " + C1_ONLY);
  }

  @Test
  void theCompilersVectorWidthIsTheOneTheModulePrefers() {
    assumeTrue(VectorApi.readable(), "core's surefire runs with --add-modules " + VectorApi.MODULE);
    // Read without the module (for the selection's hint), it must agree with what the module
    // itself prefers, or the hint would promise vectors the kernels do not get.
    assertEquals(VectorApi.preferredBits(), VectorApi.compilerVectorBits());
  }

  @Test
  void withoutItNoProductWaitsForTheKernels() {
    assumeTrue(C1_ONLY, "the run with -XX:TieredStopAtLevel=1 (core/pom.xml)");
    assumeTrue(VectorApi.readable() && VectorApi.preferredBits() >= 256
        && !VectorApi.turnedOff(), "the kernels would run but for the compiler");
    assertFalse(VectorApi.enabled());
    // Both answer before the warm-ups are reached (VectorApi.enabled() comes first); waiting for
    // a warm-up would take its whole patience, 30 s, and then answer the same.
    OperandF64 x = new OperandF64(MatrixBlockF64.of(new double[150 * 4], 150, 4), false);
    OperandF64 w = new OperandF64(MatrixBlockF64.of(new double[16 * 4], 16, 4), true);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertFalse(JavaGemmF64.takesVectorRows(JavaGemm.tuned(), x, w, 150, 16, 4));
      assertFalse(JavaGemmF64.takesVectorKernels(JavaGemm.tuned(), 128, 256, 784));
    });
    new GemmCase(150, 16, 4, false, true, 1, 0, true, 1, 3).checkF64(new JavaGemm());
  }
}
