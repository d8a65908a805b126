package dev.chainrule.optim.report;

import dev.chainrule.optim.train.History;
import java.util.Locale;

/**
 * Notices a run whose training loss did not move. A learning rate far too small trains every
 * epoch asked for and ends where it began: each line the run prints is true, yet someone who
 * asked to train could take a network left at chance for the best this one can do. Divergence
 * stops a run (a loss that explodes has no meaningful result); a loss that stands still is only
 * suspicious, since a model loaded already trained may rightly barely move, so programs warn and
 * end normally, and say so in their JSON ({@code loss_stalled}), which is all a script sees.
 */
public final class LossStall {
  /**
   * Relative change of the training loss, first epoch to last, at or under which a run learned
   * nothing. An ordinary run moves its loss by tens of percent; {@code xor --lr 1e-12} moved
   * XOR's by about 1e-9.
   */
  public static final double STILL = 1e-6;

  /** A loss this close to zero has nothing left to learn: no warning, whatever it did. */
  public static final double SOLVED = 1e-9;

  private LossStall() {}

  /**
   * The {@code loss_stalled} field of a run's JSON line: {@link #stalled}, or null when fewer
   * than two epochs ran, with nothing to compare (a run that only evaluated a loaded model said
   * false, that a loss which never trained had moved).
   *
   * @param history the run's epochs, or null when none ran
   * @return whether the loss stalled, or null when it cannot be told
   */
  public static Boolean field(History history) {
    return history != null && history.epochs().size() >= 2 ? stalled(history) : null;
  }

  /**
   * Whether the training loss stood still over two or more epochs.
   *
   * @param history the run's epochs, or null when none ran
   * @return true when the loss moved by at most {@link #STILL} of itself and was not solved
   */
  public static boolean stalled(History history) {
    if (history == null || history.epochs().size() < 2) {
      return false;
    }
    double first = history.epochs().get(0).trainLoss();
    double last = history.last().trainLoss();
    return Double.isFinite(first) && Double.isFinite(last) && Math.abs(first) > SOLVED
        && Math.abs(last - first) <= STILL * Math.abs(first);
  }

  /**
   * What stood still, for a warning: "the training loss did not move in 20 epochs (0.693147,
   * then 0.693147)".
   *
   * @param history a run that {@link #stalled}
   * @return the words
   */
  public static String describe(History history) {
    return String.format(Locale.ROOT, "the training loss did not move in %d epochs (%.6g, then"
        + " %.6g)", history.epochs().size(), history.epochs().get(0).trainLoss(),
        history.last().trainLoss());
  }
}
