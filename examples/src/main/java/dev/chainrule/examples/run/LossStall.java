package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.train.History;
import java.util.Map;
import java.util.Optional;

/**
 * The program's words for a run whose training loss did not move ({@link
 * dev.chainrule.optim.report.LossStall} decides): a warning that names the learning rate and the
 * option to change, and the {@code loss_stalled} JSON field.
 */
public final class LossStall {
  private LossStall() {}

  /**
   * The warning for {@code history}, if its training loss stood still over two or more epochs.
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate, named in the warning
   * @return the warning, or empty when the loss moved (or there is nothing to judge)
   */
  public static Optional<String> warning(History history, double learningRate) {
    if (!dev.chainrule.optim.report.LossStall.stalled(history)) {
      return Optional.empty();
    }
    return Optional.of("warning: " + dev.chainrule.optim.report.LossStall.describe(history)
        + ": unless the model was already trained, the learning rate "
        + Console.number(learningRate) + " is far too small (or the gradients vanish: see the"
        + " gradient pictures); try a larger --lr");
  }

  /**
   * Adds {@code loss_stalled} to a run's JSON fields: with {@code --json} nothing but that line is
   * printed, so the warning's text cannot reach a script, and a run left at chance would read as
   * a successful one.
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param history the run's epochs, or null when none ran
   */
  public static void addTo(Map<String, Object> report, History history) {
    report.put("loss_stalled", dev.chainrule.optim.report.LossStall.stalled(history));
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
