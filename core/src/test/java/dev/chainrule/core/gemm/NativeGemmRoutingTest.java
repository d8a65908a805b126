package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which products {@link NativeGemm} hands to the library and which to its {@code small} backend,
 * and how it asks the library for a row-major product, on any machine: the library is a
 * {@link RecordingBlas}, the small backend a {@link RecordingGemm}. Every product is also checked
 * against the naive loop ({@link GemmCase}), whichever way it went.
 */
class NativeGemmRoutingTest {
  private static final BlasLibrary LIBRARY =
      new BlasLibrary(BlasLibrary.Kind.OPENBLAS, Path.of("/opt/stand-in/libopenblas.so.0"));

  private final RecordingBlas library = new RecordingBlas();
  private final RecordingGemm small = new RecordingGemm();

  private NativeGemm withSmallWork(long smallWork) {
    return new NativeGemm(library.blas, LIBRARY, small, smallWork);
  }

  @Test
  void aProductOfExactlySmallWorkMultiplyAddsGoesToTheLibraryAndOneFewerDoesNot() {
    NativeGemm gemm = withSmallWork(24);
    // 2·3·4 = 24 multiply-adds: the crossover itself, so the library's.
    new GemmCase(2, 3, 4, false, false, 1, 0, true, 1, 1).checkF64(gemm);
    new GemmCase(2, 3, 4, true, true, -0.5, 1, false, 2, 2).checkF32(gemm);
    assertEquals(List.of("dgemm", "sgemm"),
        library.gemms().stream().map(RecordingBlas.Call::routine).toList());
    assertEquals(List.of(), small.products);
    // 1·1·23 = 23: one short of it, so Java's.
    new GemmCase(1, 1, 23, false, true, 1, 0.25, false, 1, 3).checkF64(gemm);
    new GemmCase(1, 1, 23, true, false, 2, 0, true, 0, 4).checkF32(gemm);
    assertEquals(List.of("f64 1 x 1 x 23", "f32 1 x 1 x 23"), small.products);
    assertEquals(2, library.gemms().size());
  }

  @Test
  void alphaZeroGoesToJavaHoweverLargeTheProduct() {
    NativeGemm gemm = withSmallWork(0);
    // C ← β·C: nothing for the library to multiply.
    new GemmCase(20, 30, 40, false, false, 0, -1.5, false, 1, 5).checkF64(gemm);
    new GemmCase(20, 30, 40, true, false, 0, 0, true, 1, 6).checkF32(gemm);
    assertEquals(List.of("f64 20 x 30 x 40", "f32 20 x 30 x 40"), small.products);
    assertEquals(List.of(), library.calls);
  }

  @Test
  void emptyProductsGoToJavaEvenWhenEveryOtherProductGoesToTheLibrary() {
    NativeGemm gemm = withSmallWork(0);
    // k = 0 (C ← β·C), and results with no rows or no columns: a BLAS would refuse a leading
    // dimension of 0 for the latter.
    new GemmCase(2, 3, 0, false, false, 1, 0.25, false, 1, 7).checkF64(gemm);
    new GemmCase(0, 3, 4, false, false, 1, 0, false, 1, 8).checkF64(gemm);
    new GemmCase(2, 0, 4, false, true, 1, 0, false, 1, 9).checkF32(gemm);
    new GemmCase(2, 3, 0, true, true, 1, 0, true, 1, 10).checkF32(gemm);
    assertEquals(List.of("f64 2 x 3 x 0", "f64 0 x 3 x 4", "f32 2 x 0 x 4", "f32 2 x 3 x 0"),
        small.products);
    assertEquals(List.of(), library.calls);
    // The smallest product that is not empty goes to the library.
    new GemmCase(1, 1, 1, false, false, 1, 0, false, 1, 11).checkF64(gemm);
    assertEquals(1, library.gemms().size());
  }

  @Test
  void theLibraryIsAskedForCTransposedAsOpBTransposedTimesOpATransposed() {
    NativeGemm gemm = withSmallWork(0);
    // op(A) = Aᵀ with A 4 × 2 at offset 3, op(B) = B 4 × 5 at offset 1, C 2 × 5 at offset 2:
    // column-major, C is 5 × 2 = op(B)ᵀ·op(A)ᵀ, so B comes first, untransposed ("N"), then A
    // transposed ("T"); each leading dimension is its matrix's row length.
    double[] a = new double[3 + 8];
    double[] b = new double[1 + 20];
    double[] c = new double[2 + 10];
    for (int i = 0; i < a.length; i++) {
      a[i] = i - 4;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = 0.5 * i;
    }
    gemm.gemm(2.0, new MatrixBlockF64(a, 3, 4, 2), true, new MatrixBlockF64(b, 1, 4, 5), false,
        0.0, new MatrixBlockF64(c, 2, 2, 5));
    assertEquals(List.of(new RecordingBlas.Call("dgemm",
            List.of("N", "T", 5, 2, 4, 2.0, b, 1, 5, a, 3, 2, 0.0, c, 2, 5))),
        library.calls);
    // C[i, j] = 2 Σp A[p, i]·B[p, j], small integers and halves: exact in any order.
    double[] expected = new double[2 + 10];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 5; j++) {
        double sum = 0;
        for (int p = 0; p < 4; p++) {
          sum += a[3 + p * 2 + i] * b[1 + p * 5 + j];
        }
        expected[2 + i * 5 + j] = 2 * sum;
      }
    }
    assertArrayEquals(expected, c);
  }
}
