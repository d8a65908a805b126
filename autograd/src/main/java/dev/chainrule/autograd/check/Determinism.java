package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a function gave two different values at the same point: the output element that differs
 * most and its two values. Finite differences assume that f(x) is one number; a function that
 * draws random numbers (Dropout in training mode) or reads state its own evaluations change
 * makes every central difference compare two different functions, and the result says nothing
 * about the rule.
 *
 * <p>The values must agree bitwise (with NaN equal to NaN and 0.0 to −0.0, neither of which
 * moves a central difference). chainrule's float64 kernels give the same bits for the same values
 * (sums in a fixed order, a product's rows split among threads the same way each time), so a
 * function of its inputs alone never differs; and no tolerance would separate rounding from a
 * random layer whose effect is small, while a difference δ moves a central difference by up to
 * δ/h, a million times δ at the default step. PyTorch's gradcheck holds its reentrancy check to
 * the same standard by default ({@code nondet_tol=0}).
 *
 * @param element the flat output element that differs most (NaN against a number counting most)
 * @param first its value in the evaluation the engine differentiated
 * @param second its value evaluated again at the same point
 * @param differing how many output elements differ
 */
record Determinism(int element, double first, double second, int differing) {

  /**
   * Compares the value the engine differentiated with the function evaluated again at the same
   * point.
   *
   * @return where they differ most, or empty when they agree
   * @throws IllegalArgumentException if the two have different shapes
   */
  static Optional<Determinism> compare(Tensor first, Tensor second) {
    checkArgument(first.shape().equals(second.shape()), "gradCheck: the function gives outputs"
        + " of different shapes at the same point (%s, then %s): it is not deterministic, and"
        + " central differences of it mean nothing", first.shape(), second.shape());
    double[] a = first.toArray();
    double[] b = second.toArray();
    int worst = -1;
    double largest = -1;
    int differing = 0;
    for (int j = 0; j < a.length; j++) {
      if (a[j] == b[j] || Double.isNaN(a[j]) && Double.isNaN(b[j])) {
        continue;
      }
      differing++;
      double difference = Math.abs(a[j] - b[j]);
      double rank = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
      if (rank > largest) {
        largest = rank;
        worst = j;
      }
    }
    return worst < 0 ? Optional.empty()
        : Optional.of(new Determinism(worst, a[worst], b[worst], differing));
  }

  /** The diagnosis, in the user's words. */
  String detail() {
    return String.format(Locale.ROOT,
        "the function gives different values at the same point (output element"
        + " %d: %s, then %s%s): it is not deterministic, so finite differences of it say"
        + " nothing about the derivative; put Dropout and other random layers in evaluation mode"
        + " (Module.eval()) or make every evaluation draw the same numbers, and keep state that"
        + " an evaluation changes out of the function (an input changed in place is such state:"
        + " compute on a copy of it)", element, first, second,
        differing > 1 ? String.format(Locale.ROOT, "; %d elements differ", differing) : "");
  }
}
