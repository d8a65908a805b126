package dev.chainrule.autograd.check;

import java.util.Locale;
import java.util.Optional;

/**
 * How many comparisons of one check may still be re-examined along their step ({@link
 * BetweenKinks}), each at up to 370 evaluations of f and its backward: at least {@link #FEWEST},
 * and one in 8 of a check of many comparisons. Past {@link Worst#EXAMINED} failures the verdict is
 * wrong whatever the re-examination finds, and none is re-examined: a full Jacobian of a wide ReLU
 * layer near its kinks took a minute so, and ended wrong anyway.
 */
final class Reexaminations {
  /** The fewest comparisons of one check that may be re-examined. */
  static final int FEWEST = 16;
  private int made;

  /**
   * Why another comparison may not be re-examined, given the check's {@code failures} and
   * {@code comparisons} so far, or empty if it may, which counts it.
   */
  Optional<String> whyNot(int failures, int comparisons) {
    // Worst examines the worst failure and EXAMINED others: past that many, its verdict is wrong.
    int examinable = Worst.EXAMINED + 1;
    if (failures > examinable) {
      return Optional.of(String.format(Locale.ROOT, "not re-examined along the step: with more"
          + " than %d comparisons disagreeing, the verdict is wrong whatever that finds",
          examinable));
    }
    int allowed = Math.max(FEWEST, comparisons / 8);
    if (made == allowed) {
      return Optional.of(String.format(Locale.ROOT, "not re-examined along the step, as the"
          + " check's first %d failures were (each costs hundreds of evaluations)", allowed));
    }
    made++;
    return Optional.empty();
  }
}
