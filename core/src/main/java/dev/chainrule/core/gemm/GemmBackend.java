package dev.chainrule.core.gemm;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Which {@link Gemm} the tensor core uses: {@link JavaGemm} unless another backend is installed
 * ({@link EjmlGemm} stays available). The choice is process-wide, as a BLAS library would be.
 */
public final class GemmBackend {
  private static volatile Gemm current = new JavaGemm();

  private GemmBackend() {}

  /** The backend in use. */
  public static Gemm get() {
    return current;
  }

  /** Installs a backend for every later matrix product; returns the one it replaces. */
  public static Gemm set(Gemm gemm) {
    Gemm previous = current;
    current = checkNotNull(gemm, "GemmBackend.set: gemm is null");
    return previous;
  }
}
