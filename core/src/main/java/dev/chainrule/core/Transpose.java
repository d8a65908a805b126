package dev.chainrule.core;

/**
 * Which operands of a matrix product are transposed (on their last two axes) before multiplying.
 * Backward passes use {@code LEFT} (Aᵀ·B) and {@code RIGHT} (A·Bᵀ) so that no transpose is ever
 * materialized just to multiply.
 */
public enum Transpose {
  /** A·B. */
  NONE(false, false),
  /** Aᵀ·B. */
  LEFT(true, false),
  /** A·Bᵀ. */
  RIGHT(false, true),
  /** Aᵀ·Bᵀ. */
  BOTH(true, true);

  private final boolean left;
  private final boolean right;

  Transpose(boolean left, boolean right) {
    this.left = left;
    this.right = right;
  }

  /**
   * Whether the left operand is transposed.
   *
   * @return true for LEFT and BOTH
   */
  public boolean left() {
    return left;
  }

  /**
   * Whether the right operand is transposed.
   *
   * @return true for RIGHT and BOTH
   */
  public boolean right() {
    return right;
  }

  /**
   * The mode with the given flags, for code that holds the two separately (as BLAS's
   * {@code transa} and {@code transb}).
   *
   * @param left whether the left operand is transposed
   * @param right whether the right operand is transposed
   * @return NONE, LEFT, RIGHT or BOTH
   */
  public static Transpose of(boolean left, boolean right) {
    return left ? (right ? BOTH : LEFT) : (right ? RIGHT : NONE);
  }
}
