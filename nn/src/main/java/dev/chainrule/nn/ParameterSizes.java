package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.chainrule.core.Tensors.LONGEST_ARRAY;

/**
 * The one check every layer makes of its parameters' size before drawing them: a layer whose
 * weight holds more elements than a Java array was refused by the tensor factory its initialiser
 * called ("uniform: [65536, 65536] has more than ..."), which named neither the layer nor its
 * sizes, or, where two large sizes overflowed an int on the way, by a NaN bound.
 */
final class ParameterSizes {
  private ParameterSizes() {}

  /**
   * Refuses a parameter of more elements than an array holds.
   *
   * @param layer the layer as its toString names it ("Dense(3 -> 2)")
   * @param what the parameter and its dimensions ("a weight of 65536 × 65536")
   * @param elements their product, in a long
   */
  static void checkFits(String layer, String what, long elements) {
    checkArgument(elements <= LONGEST_ARRAY, "%s: %s = %s elements is more than a Java array"
        + " holds (%s)", layer, what, elements == Long.MAX_VALUE ? "over 2^63 - 1" : elements,
        LONGEST_ARRAY);
  }

  /** The product of positive dimensions, Long.MAX_VALUE past a long. */
  static long product(int... dims) {
    long product = 1;
    for (int d : dims) {
      try {
        product = Math.multiplyExact(product, d);
      } catch (ArithmeticException overflow) {
        return Long.MAX_VALUE;
      }
    }
    return product;
  }
}
