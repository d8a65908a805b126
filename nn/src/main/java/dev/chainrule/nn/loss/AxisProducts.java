package dev.chainrule.nn.loss;

import java.math.BigInteger;

/**
 * Products of axis sizes for the layers and losses that merge or split axes ({@link
 * dev.chainrule.nn.Flatten}, {@link dev.chainrule.nn.Unflatten}, a loss's outputs per sample):
 * one rule for the size a product gives and one for the size a message names. Public only
 * because those layers are in another package than the losses.
 */
public final class AxisProducts {
  /** One past the largest axis: a product held here is no axis's size, and stays in a long. */
  private static final long CAP = 1L << 31;

  private AxisProducts() {}

  /**
   * The product of {@code sizes[from]} to {@code sizes[to - 1]}, held at 2^31 once past an int
   * (so a 0 later still gives 0, and no product wraps: in an int, [0, 65536, 65536] merged to
   * 0 elements and [65536, 32768, 0] to -2^31). A −1, a size yet to infer, is left out.
   *
   * @param sizes the sizes, each at least −1
   * @param from the first size multiplied
   * @param to one past the last; at most {@code from} for an empty product, 1
   * @return the product, or 2^31 for any product past 2^31 − 1 (unless a later size is 0)
   */
  public static long capped(int[] sizes, int from, int to) {
    long product = 1;
    for (int i = from; i < to; i++) {
      // Both factors below 2^31: their product fits a long before it is held at the cap.
      product = sizes[i] == -1 ? product : Math.min(product * sizes[i], CAP);
    }
    return product;
  }

  /**
   * The product of {@code sizes[from]} to {@code sizes[to - 1]}, exact, for a message about one
   * no axis (or long) holds. A −1, a size yet to infer, is left out.
   *
   * @param sizes the sizes, each at least −1
   * @param from the first size multiplied
   * @param to one past the last; at most {@code from} for an empty product, 1
   * @return the product
   */
  public static BigInteger exact(int[] sizes, int from, int to) {
    BigInteger product = BigInteger.ONE;
    for (int i = from; i < to; i++) {
      product = sizes[i] == -1 ? product : product.multiply(BigInteger.valueOf(sizes[i]));
    }
    return product;
  }
}
