package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.train.History;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Notices a run whose training loss did not move. A learning rate far too small ({@code xor --lr
 * 1e-12}) trains every epoch asked for and ends where it began: each line the run prints is true,
 * yet someone who asked to train could take a network left at chance for the best this one can
 * do. Divergence stops a run (a loss that explodes has no meaningful result); a loss that stands
 * still is only suspicious, since a model loaded already trained may rightly barely move, so it
 * is a warning, and the run ends normally.
 */
public final class LossStall {
  /**
   * Relative change of the training loss, first epoch to last, at or under which a run learned
   * nothing. An ordinary run moves its loss by tens of percent; 1e-12 moved XOR's by about 1e-9.
   */
  static final double STILL = 1e-6;

  /** A loss this close to zero has nothing left to learn: no warning, whatever it did. */
  static final double SOLVED = 1e-9;

  private LossStall() {}

  /**
   * The warning for {@code history}, if its training loss stood still over two or more epochs.
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate, named in the warning
   * @return the warning, or empty when the loss moved (or there is nothing to judge)
   */
  public static Optional<String> warning(History history, double learningRate) {
    if (history == null || history.epochs().size() < 2) {
      return Optional.empty();
    }
    double first = history.epochs().get(0).trainLoss();
    double last = history.last().trainLoss();
    if (!Double.isFinite(first) || !Double.isFinite(last) || Math.abs(first) <= SOLVED
        || Math.abs(last - first) > STILL * Math.abs(first)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "warning: the training loss did not"
        + " move in %d epochs (%.6g, then %.6g): unless the model was already trained, the"
        + " learning rate %s is far too small (or the gradients vanish: see the gradient"
        + " pictures); try a larger --lr", history.epochs().size(), first, last,
        Console.number(learningRate)));
  }

  /**
   * Adds {@code loss_stalled} to a run's JSON fields: with {@code --json} nothing but that line is
   * printed, so the warning's text cannot reach a script, and a run left at chance would read as
   * a successful one.
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate
   */
  public static void addTo(Map<String, Object> report, History history, double learningRate) {
    report.put("loss_stalled", warning(history, learningRate).isPresent());
  }

  /**
   * Prints the warning for {@code history} on {@code console}, if there is one.
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate
   * @param console where the run prints
   */
  public static void report(History history, double learningRate, Console console) {
    warning(history, learningRate).ifPresent(console::println);
  }
}
