package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's verdict stays off the clock where HotSpot says it compiles the Vector API: with
 * the compiler threads starved (other threads of a busy program, a busy machine) the kernels were
 * still not compiled when the 30 s patience ran out, and the same seed gave other bits than on a
 * quiet machine. Kernels slower than the reference for the whole patience stand for that here.
 */
class VectorWarmupVerdictTest {
  // Kernels that sleep 5 ms against a reference that does nothing are more than 4 times slower
  // on any machine, however loaded: the verdicts below cannot depend on timing. Kernels that never
  // win wait out the whole patience, so 50 ms (ten slow runs) keeps that test short; kernels that
  // win need three pairs of runs before the deadline, which a loaded machine (load 16 on two
  // cores) stretched past 50 ms, so they get 10 s, of which they use some 15 ms when it is quiet.
  private static final long PATIENCE = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long PATIENCE_TO_WIN = TimeUnit.SECONDS.toNanos(10);
  private static final Runnable SLOW = () -> sleep(5);
  private static final Runnable FAST = () -> { };

  @Test
  void aVerdictKnownBeforehandIsYesWhateverTheClockReads() {
    assertTrue(VectorWarmupF64.within(true, PATIENCE, SLOW, FAST, 0));
  }

  @Test
  void elsewhereKernelsThatNeverKeepWithinAreNotUsed() {
    assertFalse(VectorWarmupF64.within(false, PATIENCE, SLOW, FAST, 0));
    assertTrue(VectorWarmupF64.within(false, PATIENCE_TO_WIN, FAST, SLOW, 0));
  }

  @Test
  void theReferenceRunsAloneFirstThenInTurnWithTheKernelsUntilThreeWinsInARow() {
    // Kernels that do nothing against a reference that sleeps 1 ms win every pair of runs on any
    // machine, so the counts are exact: the reference's runs alone, then three pairs.
    int[] kernelRuns = {0};
    int[] referenceRuns = {0};
    Runnable kernels = () -> kernelRuns[0]++;
    Runnable reference = () -> {
      referenceRuns[0]++;
      sleep(1);
    };
    assertTrue(VectorWarmupF64.within(false, PATIENCE_TO_WIN, kernels, reference, 4));
    assertEquals(3, kernelRuns[0], "runs of the kernels: three wins in a row");
    assertEquals(4 + 3, referenceRuns[0], "four runs alone, then one against each kernels' run");
  }

  @Test
  void hotSpotSaysItCompilesTheVectorApiWhereItsOptimizingCompilerRuns() {
    assumeTrue(VectorApi.readable(), "core's surefire runs with --add-modules " + VectorApi.MODULE);
    // Surefire's JVM is HotSpot with C2 and no JVMCI compiler; the run of VectorApiCompilerTest
    // under -XX:TieredStopAtLevel=1 checks the other answer.
    assertEquals(VectorApi.optimizingCompilerRuns(), VectorApi.compilesToVectors());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
