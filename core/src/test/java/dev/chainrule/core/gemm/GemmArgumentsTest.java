package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every backend refuses before computing, in both dtypes: a missing matrix, named in the
 * message, and a C that shares its array with an operand (the product would read values it had
 * already overwritten) unless C is empty and nothing is written. The backends are those of
 * {@link Backends} and the native one on a {@link RecordingBlas}, so that it is checked on any
 * machine.
 */
class GemmArgumentsTest {
  private static final String SHARED =
      "gemm: C shares its array with an operand; the product needs separate storage";

  private static List<Backends.Backend> backends() {
    List<Backends.Backend> backends = new ArrayList<>(Backends.all());
    backends.add(new Backends.Backend("native on a stand-in, every product",
        new NativeGemm(new RecordingBlas().blas,
            new BlasLibrary(BlasLibrary.Kind.OPENBLAS, Path.of("/stand-in/libopenblas.so.0")),
            new JavaGemm(), 0)));
    return backends;
  }

  private static void assertNamed(String message, Executable call, String backend) {
    assertEquals(message, assertThrows(NullPointerException.class, call, backend).getMessage(),
        backend);
  }

  @Test
  void aMissingMatrixIsNamed() {
    MatrixBlockF64 a = MatrixBlockF64.of(new double[6], 2, 3);
    MatrixBlockF64 b = MatrixBlockF64.of(new double[6], 3, 2);
    MatrixBlockF64 c = MatrixBlockF64.of(new double[4], 2, 2);
    MatrixBlockF32 a32 = MatrixBlockF32.of(new float[6], 2, 3);
    MatrixBlockF32 b32 = MatrixBlockF32.of(new float[6], 3, 2);
    MatrixBlockF32 c32 = MatrixBlockF32.of(new float[4], 2, 2);
    for (Backends.Backend backend : backends()) {
      Gemm gemm = backend.gemm();
      String name = backend.name();
      assertNamed("gemm: A is null", () -> gemm.gemm(1.0, null, false, b, false, 0.0, c), name);
      assertNamed("gemm: B is null", () -> gemm.gemm(1.0, a, false, null, false, 0.0, c), name);
      assertNamed("gemm: C is null", () -> gemm.gemm(1.0, a, false, b, false, 0.0, null), name);
      assertNamed("gemm: A is null",
          () -> gemm.gemm(1f, null, false, b32, false, 0f, c32), name);
      assertNamed("gemm: B is null",
          () -> gemm.gemm(1f, a32, false, null, false, 0f, c32), name);
      assertNamed("gemm: C is null",
          () -> gemm.gemm(1f, a32, false, b32, false, 0f, null), name);
    }
  }

  @Test
  void aResultSharingAnOperandsArrayIsRefused() {
    for (Backends.Backend backend : backends()) {
      Gemm gemm = backend.gemm();
      String name = backend.name();
      // A (2 × 3) and C (2 × 2) in one array, side by side, then B (3 × 2) and C.
      double[] shared = new double[6 + 4];
      float[] shared32 = new float[6 + 9];
      Executable[] calls = {
          () -> gemm.gemm(1.0, new MatrixBlockF64(shared, 0, 2, 3), false,
              MatrixBlockF64.of(new double[6], 3, 2), false, 0.0,
              new MatrixBlockF64(shared, 6, 2, 2)),
          () -> gemm.gemm(1.0, MatrixBlockF64.of(new double[6], 2, 3), false,
              new MatrixBlockF64(shared, 0, 3, 2), false, 1.0,
              new MatrixBlockF64(shared, 6, 2, 2)),
          // Aᵀ (3 × 2) times Bᵀ (2 × 3), C 3 × 3 after A.
          () -> gemm.gemm(1f, new MatrixBlockF32(shared32, 0, 2, 3), true,
              MatrixBlockF32.of(new float[6], 3, 2), true, 0f,
              new MatrixBlockF32(shared32, 6, 3, 3)),
          () -> gemm.gemm(1f, MatrixBlockF32.of(new float[6], 2, 3), false,
              new MatrixBlockF32(shared32, 0, 3, 2), false, 0f,
              new MatrixBlockF32(shared32, 6, 2, 2))};
      for (Executable call : calls) {
        assertEquals(SHARED,
            assertThrows(IllegalArgumentException.class, call, name).getMessage(), name);
      }
    }
  }

  @Test
  void anEmptyResultMayShareAnOperandsArrayAsNothingIsWritten() throws Throwable {
    for (Backends.Backend backend : backends()) {
      Gemm gemm = backend.gemm();
      double[] shared = {1, 2, 3, 4, 5, 6};
      float[] shared32 = {1, 2, 3, 4, 5, 6};
      // 0 × 2 over k = 3, C in A's array; 2 × 0 over k = 3, C in B's array.
      gemm.gemm(1.0, new MatrixBlockF64(shared, 0, 0, 3), false,
          MatrixBlockF64.of(new double[6], 3, 2), false, 0.0, new MatrixBlockF64(shared, 0, 0, 2));
      gemm.gemm(1.0, MatrixBlockF64.of(new double[6], 2, 3), false,
          new MatrixBlockF64(shared, 0, 3, 0), false, 0.0, new MatrixBlockF64(shared, 0, 2, 0));
      gemm.gemm(1f, new MatrixBlockF32(shared32, 0, 0, 3), false,
          MatrixBlockF32.of(new float[6], 3, 2), false, 0f, new MatrixBlockF32(shared32, 0, 0, 2));
      gemm.gemm(1f, MatrixBlockF32.of(new float[6], 2, 3), false,
          new MatrixBlockF32(shared32, 0, 3, 0), false, 0f, new MatrixBlockF32(shared32, 0, 2, 0));
      assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, shared, backend.name());
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, shared32, backend.name());
    }
  }
}
