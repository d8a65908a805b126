package dev.chainrule.core.gemm;

/**
 * The one seam through which every matrix product in chainrule flows:
 * {@code C ← α·op(A)·op(B) + β·C}, where {@code op} transposes its operand when the flag says so,
 * in float64 and in float32. Backward passes need {@code Aᵀ·B} and {@code A·Bᵀ}; the flags let a
 * backend do them without materializing a transpose, and β = 1 accumulates a gradient into an
 * existing buffer in the same pass.
 *
 * <p>Callers guarantee consistent sizes: {@code c} is {@code m × n}, {@code op(a)} is
 * {@code m × k} and {@code op(b)} is {@code k × n}, and {@code c} shares no storage with the
 * operands. As in BLAS, with β = 0 C's prior contents are never read (a NaN there does not
 * survive), and with α = 0 or k = 0 the result is β·C and the operands are not read. An
 * implementation writes nothing outside {@code c}'s window and must be safe to call from several
 * threads at once. Install one with {@link GemmBackend#set(Gemm)}.
 */
public interface Gemm {
  /**
   * C ← α·op(A)·op(B) + β·C, float64. With β = 0, C's prior contents are ignored (NaN included),
   * as in BLAS.
   *
   * @param alpha α, the factor of the product
   * @param a the left operand A, {@code m × k} (or {@code k × m} when {@code transposeA})
   * @param transposeA whether op(A) is Aᵀ rather than A
   * @param b the right operand B, {@code k × n} (or {@code n × k} when {@code transposeB})
   * @param transposeB whether op(B) is Bᵀ rather than B
   * @param beta β, the factor of C's prior contents: 0 overwrites C, 1 accumulates into it
   * @param c the result C, {@code m × n}, overwritten in its window; shares no storage with
   *     {@code a} or {@code b}
   */
  void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c);

  /**
   * C ← α·op(A)·op(B) + β·C, float32, with the contract of the float64 method.
   *
   * @param alpha α, the factor of the product
   * @param a the left operand A, {@code m × k} (or {@code k × m} when {@code transposeA})
   * @param transposeA whether op(A) is Aᵀ rather than A
   * @param b the right operand B, {@code k × n} (or {@code n × k} when {@code transposeB})
   * @param transposeB whether op(B) is Bᵀ rather than B
   * @param beta β, the factor of C's prior contents: 0 overwrites C, 1 accumulates into it
   * @param c the result C, {@code m × n}, overwritten in its window; shares no storage with
   *     {@code a} or {@code b}
   */
  void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c);
}
