package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The native backend on this machine's BLAS. Skipped, with the search's finding as the reason,
 * where no optimized BLAS loads; {@code .ci/run} installs OpenBLAS where it can, so CI runs these.
 */
class NativeGemmTest {
  private NativeGemm gemm;

  @BeforeEach
  void requireNative() {
    assumeTrue(Backends.NATIVE.gemm().isPresent(),
        "no optimized native BLAS on this machine: " + Backends.NATIVE.reason());
    gemm = Backends.NATIVE.gemm().get().withSmallWork(0);
  }

  @Test
  void theLibraryLoadedIsTheOptimizedOneIdentified() {
    assertTrue(gemm.library().kind().isOptimized(), gemm.library().toString());
    assertTrue(gemm.toString().startsWith("native (" + gemm.library().kind() + ", /"),
        gemm.toString());
  }

  @Test
  void theAutomaticChoiceOnThisMachineIsNative() {
    GemmSelection selection = GemmSelection.decide(null, NativeBlasLoader.ofSystem());
    // Native for every product, or for those the Vector API kernels do not take
    // (GemmSelectionTest has when which).
    Gemm chosen = selection.gemm().orElseThrow();
    Gemm library = chosen instanceof VectorFirstGemm shared ? shared.library() : chosen;
    assertTrue(library instanceof NativeGemm, selection.toString());
    assertTrue(selection.toString().startsWith(chosen + ", chosen automatically"),
        selection.toString());
    assertTrue(chosen.toString().startsWith("native (" + gemm.library() + ")"),
        selection.toString());
  }

  @Test
  void everyBatchMemberIsComputedInPlaceAtItsOffset() {
    // Three 4×5·5×6 products in one array each, as MatMul lays out a batch; the second and third
    // are at offsets, which BLAS must honour without copies.
    Random random = new Random(3);
    double[] a = random.doubles(3 * 20, -1, 1).toArray();
    double[] b = random.doubles(3 * 30, -1, 1).toArray();
    double[] c = new double[3 * 24];
    double[] expected = new double[3 * 24];
    Gemm java = new JavaGemm();
    for (int i = 0; i < 3; i++) {
      gemm.gemm(1.0, new MatrixBlockF64(a, 20 * i, 4, 5), false,
          new MatrixBlockF64(b, 30 * i, 5, 6), false, 0.0, new MatrixBlockF64(c, 24 * i, 4, 6));
      java.gemm(1.0, new MatrixBlockF64(a, 20 * i, 4, 5), false,
          new MatrixBlockF64(b, 30 * i, 5, 6), false, 0.0,
          new MatrixBlockF64(expected, 24 * i, 4, 6));
    }
    // k = 5 products of values below 1: the two orders of summation differ by a few ulps.
    assertArrayEquals(expected, c, 1e-14);
  }

  @Test
  void theCrossoverSendsTinyProductsToJava() {
    NativeGemm tuned = Backends.NATIVE.gemm().get();
    // 2·2·4 multiply-adds, far below the crossover: computed by the Java kernel, so bitwise its
    // result (the library's could differ in the last bit through its own order of summation).
    GemmCase small = GemmCase.plain(2, 2, 4, false, true, 11);
    small.checkF64(tuned);
    double[] a = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] b = {0.5, 0.25, 0.125, 1, 2, 4, 8, 16};
    double[] viaNative = new double[4];
    double[] viaJava = new double[4];
    tuned.gemm(1.0, MatrixBlockF64.of(a, 2, 4), false, MatrixBlockF64.of(b, 2, 4), true, 0.0,
        MatrixBlockF64.of(viaNative, 2, 2));
    new JavaGemm().gemm(1.0, MatrixBlockF64.of(a, 2, 4), false, MatrixBlockF64.of(b, 2, 4), true,
        0.0, MatrixBlockF64.of(viaJava, 2, 2));
    assertArrayEquals(viaJava, viaNative);
  }
}
