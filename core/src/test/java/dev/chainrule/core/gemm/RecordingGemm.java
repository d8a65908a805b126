package dev.chainrule.core.gemm;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Gemm} that records the size of every product it is given, {@code "m x n x k"} with
 * the dtype, and computes it with the tuned {@link JavaGemm}: the {@code small} backend of a
 * {@link NativeGemm} under test, to see which products the crossover keeps from the library.
 */
final class RecordingGemm implements Gemm {
  final List<String> products = new ArrayList<>();
  private final Gemm java = new JavaGemm();

  @Override
  public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c) {
    products.add("f64 " + c.rows() + " x " + c.cols() + " x " + (transposeA ? a.rows() : a.cols()));
    java.gemm(alpha, a, transposeA, b, transposeB, beta, c);
  }

  @Override
  public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c) {
    products.add("f32 " + c.rows() + " x " + c.cols() + " x " + (transposeA ? a.rows() : a.cols()));
    java.gemm(alpha, a, transposeA, b, transposeB, beta, c);
  }
}
