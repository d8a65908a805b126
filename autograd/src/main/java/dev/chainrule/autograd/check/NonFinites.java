package dev.chainrule.autograd.check;

import java.util.Arrays;
import java.util.Locale;

/**
 * The comparisons with a non-finite value (the function's, the engine's or the central
 * difference's), which {@link Worst} keeps apart from the finite ones: no tolerance can judge
 * them, and they must not be reported as a finite disagreement. Nor may they excuse the finite
 * ones: a "safe sqrt" whose rule gives 0 at 0 and 0.25/√x elsewhere was NOT_FINITE at [0, 1, 4,
 * 9], and localize passed it after a ReLU with 899 of 900 comparisons finite and wrong.
 */
final class NonFinites {
  /** The first, reported when no finite comparison is wrong; null while there is none. */
  private Worst.Failure first;
  private int count;

  /** Counts {@code f}, and keeps it when it is the first. */
  void offer(Worst.Failure f) {
    count++;
    first = first != null ? first : f;
  }

  /** The first comparison with a non-finite value, or null when every one was finite. */
  Worst.Failure first() {
    return first;
  }

  /** What a wrong verdict adds of the comparisons that were not finite: they excuse nothing. */
  String besides(Probe probe) {
    if (first == null) {
      return "";
    }
    String where = first.index() < 0 ? "a projection of input " + first.input()
        : "input " + first.input() + " at "
            + Arrays.toString(probe.shape(first.input()).unravel(first.index()));
    return count == 1
        ? "; one other comparison, of " + where + ", is not finite, which judges nothing and"
            + " excuses nothing here"
        : String.format(Locale.ROOT,
            "; %d other comparisons are not finite (the first of %s), which judge"
            + " nothing and excuse nothing here", count, where);
  }
}
