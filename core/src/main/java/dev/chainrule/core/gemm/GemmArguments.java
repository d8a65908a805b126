package dev.chainrule.core.gemm;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * The checks every backend makes before a product: consistent sizes and an output that shares no
 * array with an operand (a backend would read values it had already overwritten, and return a
 * wrong answer without a word).
 */
final class GemmArguments {
  private GemmArguments() {}

  /**
   * Refuses a missing matrix, naming it.
   *
   * @throws NullPointerException naming gemm and the operand that is null
   */
  static void checkPresent(Object a, Object b, Object c) {
    checkNotNull(a, "gemm: A is null");
    checkNotNull(b, "gemm: B is null");
    checkNotNull(c, "gemm: C is null");
  }

  /**
   * The inner dimension k of {@code op(A)·op(B)} into C, after checking the sizes.
   *
   * @throws IllegalArgumentException naming the shapes when they do not fit together
   */
  static int depth(int aRows, int aCols, boolean transposeA, int bRows, int bCols,
      boolean transposeB, int cRows, int cCols, boolean cSharesAnOperandsArray) {
    int m = transposeA ? aCols : aRows;
    int ka = transposeA ? aRows : aCols;
    int kb = transposeB ? bCols : bRows;
    int n = transposeB ? bRows : bCols;
    if (ka != kb || m != cRows || n != cCols) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "gemm: op(A) %d x %d, op(B) %d x %d, C %d x %d: sizes do not fit C = op(A)·op(B)",
          m, ka, kb, n, cRows, cCols));
    }
    if (cSharesAnOperandsArray && cRows > 0 && cCols > 0) {
      throw new IllegalArgumentException(
          "gemm: C shares its array with an operand; the product needs separate storage");
    }
    return ka;
  }
}
