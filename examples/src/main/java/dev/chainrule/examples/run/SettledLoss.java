package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.train.History;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a run's training loss got to, for advice: settled (more epochs do not take it anywhere)
 * or still near its start (a learning rate too small for the epochs).
 *
 * <p>Settled is judged against the run's own descent, not the loss's size: over the last tenth
 * of a run of at least {@link #LEAST_EPOCHS} epochs the loss moved by at most {@link #FLAT} of
 * its drop since the first epoch (and of itself). A loss that falls at a steady rate moves by a
 * tenth of its drop in the last tenth, however slowly it falls, while one stopped at a local
 * minimum moves by almost none of it. Relative to the loss alone the two looked alike: xor's
 * 2-2-1 network with {@code --optimizer sgd --lr 0.001} (seed 2) is still at 0.6750 after 1000
 * epochs, near its start (0.6777), moving by 3.9e-4 of itself per tenth, and learns XOR by 60,000
 * epochs, yet a rule of "at most 1e-3 of itself" called it settled, as it did the seeds stuck at
 * ln 2 / 2 = 0.3466 (3e-5 to 5e-5 of themselves). Measured on xor's 1000 epochs, seeds 1 to 12:
 * the stuck runs (default settings, {@code --lr 0.01}, {@code --activation sigmoid}) moved by
 * 3e-5 to 1.8e-3 of their drop, and sample runs of each stayed put for 20,000 epochs; the slow
 * runs ({@code sgd --lr 0.001}, {@code sgd --lr 0.0001}, adam {@code --lr 0.00003}) by 0.098 to
 * 0.0998 of it, as a steady fall does. 1e-2 sits between them, five times above the stuck
 * runs' most and ten times below the slow runs' least.
 * Runs that learned XOR moved by about 0.19 of themselves (their loss halves every few hundred
 * epochs on its way to 0), hence "and of itself": they are still going somewhere.
 *
 * <p>A run continued from a file ({@code --load}) starts at a later epoch, and its descent before
 * is unknown: its loss is judged against itself alone, at most {@link #SETTLED_ALONE} of itself,
 * as before. A slow run continued so for a short while can still be called settled.
 */
public final class SettledLoss {
  /** The most change over the last tenth, as a share of the run's drop and of the loss itself. */
  public static final double FLAT = 1e-2;

  /** The most change over the last tenth, as a share of the loss, when the descent is unknown. */
  public static final double SETTLED_ALONE = 1e-3;

  /**
   * The largest drop, as a share of the first epoch's loss, that leaves a loss still near its
   * start: the slow runs above dropped by 0.04% to 0.5% of it in 1000 epochs, the stuck ones by
   * 30% or more (to ln 2 / 2 from about ln 2).
   */
  public static final double NEAR_START = 0.1;

  /** The fewest epochs a run needs for its last tenth to say anything. */
  public static final int LEAST_EPOCHS = 100;

  private SettledLoss() {}

  /**
   * What settled, for advice: "the training loss settled at 0.3466 (it moved by 0.003% over the
   * last 100 epochs)".
   *
   * @param history the run's epochs, or null when none ran
   * @return the words, or empty when the loss still moves or the run is too short to tell
   */
  public static Optional<String> describe(History history) {
    if (history == null || history.epochs().size() < LEAST_EPOCHS) {
      return Optional.empty();
    }
    List<Double> losses = history.trainLosses();
    int stretch = losses.size() / 10;
    double last = losses.get(losses.size() - 1);
    double change = Math.abs(losses.get(losses.size() - 1 - stretch) - last);
    double drop = losses.get(0) - last;
    boolean settled = fromTheStart(history)
        ? drop > 0 && change <= FLAT * Math.min(drop, Math.abs(last))
        : change <= SETTLED_ALONE * Math.abs(last);
    if (!settled || !Double.isFinite(change / Math.abs(last))) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "the training loss settled at %.4f (it moved by"
        + " %s%% over the last %d epochs)", last,
        Console.number(100 * change / Math.abs(last), 2), stretch));
  }

  /**
   * A loss still near its start, for advice: "the training loss is still near its start (0.6750
   * after 1000 epochs, from 0.6777)"; a run from the first epoch only, whose start is known.
   *
   * @param history the run's epochs, or null when none ran
   * @return the words, or empty when the loss went somewhere, settled, or the run is too short
   */
  public static Optional<String> nearStart(History history) {
    if (history == null || history.epochs().size() < LEAST_EPOCHS || !fromTheStart(history)
        || describe(history).isPresent()) {
      return Optional.empty();
    }
    List<Double> losses = history.trainLosses();
    double first = losses.get(0);
    double last = losses.get(losses.size() - 1);
    if (!(Math.abs(first - last) <= NEAR_START * Math.abs(first))) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "the training loss is still near its start"
        + " (%.4f after %d epochs, from %.4f)", last, losses.size(), first));
  }

  private static boolean fromTheStart(History history) {
    return history.epochs().get(0).epoch() == 0;
  }
}
