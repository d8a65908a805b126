package dev.chainrule.core.gemm;

/**
 * The one seam through which every matrix product in chainrule flows: {@code C = op(A)·op(B)},
 * where {@code op} transposes its operand when the flag says so. Backward passes need
 * {@code Aᵀ·B} and {@code A·Bᵀ}; the flags let a backend do them without materializing a
 * transpose.
 *
 * <p>Callers guarantee consistent sizes: {@code c} is {@code m × n}, {@code op(a)} is
 * {@code m × k} and {@code op(b)} is {@code k × n}, and {@code c} shares no storage with the
 * operands. An implementation overwrites {@code c} (with zeros when {@code k = 0}) and must be
 * safe to call from several threads at once. Install one with {@link GemmBackend#set(Gemm)}.
 */
@FunctionalInterface
public interface Gemm {
  /** Writes {@code op(a)·op(b)} into {@code c}. */
  void multiply(MatrixBlock a, boolean transposeA, MatrixBlock b, boolean transposeB,
      MatrixBlock c);
}
