package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.diagnostics.LayerGradients;
import dev.chainrule.optim.train.History;
import java.util.List;
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
    return warning(history, learningRate, null);
  }

  /**
   * The warning for {@code history}, if its training loss stood still over two or more epochs;
   * with the run's gradient flow, one that says so when no gradient reached any weight in the
   * last epoch. A larger rate cannot move weights whose gradients are exactly 0 (a ReLU unit whose
   * input is negative for every sample passes none, and the layers after it get none), and the
   * warning used to suggest one.
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate, named in the warning
   * @param flow the run's gradient flow, or null when it was not watched
   * @return the warning, or empty when the loss moved (or there is nothing to judge)
   */
  public static Optional<String> warning(History history, double learningRate,
      GradientFlow flow) {
    return warning(history, learningRate, flow, false);
  }

  /**
   * As {@link #warning(History, double, GradientFlow)}, for a run that may have gone on from a
   * loaded model, which keeps its seed and hidden layers ({@code --load} refuses others): for
   * dead units the warning then says to train a new model without {@code --load}.
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate, named in the warning
   * @param flow the run's gradient flow, or null when it was not watched
   * @param loaded whether the run went on from a loaded model
   * @return the warning, or empty when the loss moved (or there is nothing to judge)
   */
  public static Optional<String> warning(History history, double learningRate,
      GradientFlow flow, boolean loaded) {
    return warning(history, learningRate, flow, loaded, true);
  }

  /**
   * As {@link #warning(History, double, GradientFlow, boolean)}, for a network that may not take
   * {@code --activation} ({@code --model cnn} refuses it): dead units are then not sent to it.
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate, named in the warning
   * @param flow the run's gradient flow, or null when it was not watched
   * @param loaded whether the run went on from a loaded model
   * @param activation whether the run's network takes {@code --activation}
   * @return the warning, or empty when the loss moved (or there is nothing to judge)
   */
  public static Optional<String> warning(History history, double learningRate,
      GradientFlow flow, boolean loaded, boolean activation) {
    if (!dev.chainrule.optim.report.LossStall.stalled(history)) {
      return Optional.empty();
    }
    String stood = "warning: " + dev.chainrule.optim.report.LossStall.describe(history);
    if (deadUnits(flow)) {
      return Optional.of(stood + ": every weight's gradient was exactly 0 in the last epoch, so"
          + " no learning rate moves them (dead units: a ReLU whose input is negative for every"
          + " sample passes no gradient); try " + deadUnitsRemedy(loaded, activation));
    }
    return Optional.of(stood + ": unless the model was already trained, the learning rate "
        + Console.setting(learningRate) + " is far too small (or the gradients vanish: see the"
        + " gradient pictures); try " + advice(history, flow, loaded).orElseThrow());
  }

  /**
   * What to try after a run whose loss stood still, the same words as its warning's ({@code "a
   * larger --lr"}), or empty when the loss moved. A command's own advice for a run that ended
   * badly (xor's local minima: "more --epochs, another --seed") points away from the cause when
   * the loss never moved, so such a command gives this instead.
   *
   * @param history the run's epochs, or null when none ran
   * @param flow the run's gradient flow, or null when it was not watched
   * @return the advice, without "try"
   */
  public static Optional<String> advice(History history, GradientFlow flow) {
    return advice(history, flow, false);
  }

  /**
   * As {@link #advice(History, GradientFlow)}, for a run that may have gone on from a loaded
   * model: its seed and hidden layers are the file's ({@code --load} refuses others), so for
   * dead units the advice is a new model without {@code --load}.
   *
   * @param history the run's epochs, or null when none ran
   * @param flow the run's gradient flow, or null when it was not watched
   * @param loaded whether the run went on from a loaded model
   * @return the advice, without "try"
   */
  public static Optional<String> advice(History history, GradientFlow flow, boolean loaded) {
    if (!dev.chainrule.optim.report.LossStall.stalled(history)) {
      return Optional.empty();
    }
    return Optional.of(deadUnits(flow) ? deadUnitsRemedy(loaded, true) : "a larger --lr");
  }

  /**
   * What to try for dead units, without "try": another start or network; for a loaded model,
   * whose seed and layers {@code --load} keeps, a new one trained without it. {@code
   * --activation} is named only to a network that takes it: dead units of {@code --model cnn},
   * which refuses it, were advised another.
   *
   * @param loaded whether the run went on from a loaded model
   * @param activation whether the run's network takes {@code --activation}
   * @return the words
   */
  static String deadUnitsRemedy(boolean loaded, boolean activation) {
    // A loaded model's advice is a new one, of the user's choosing: its options are all open.
    String others = loaded || activation
        ? "another --seed, more --hidden units or another --activation"
        : "another --seed or more --hidden units";
    return loaded ? "a new model trained without --load, with " + others : others;
  }

  /** Whether no gradient reached any weight in the run's last epoch (null: not watched). */
  static boolean deadUnits(GradientFlow flow) {
    return flow != null && noGradientReachedAnyWeight(flow);
  }

  private static boolean noGradientReachedAnyWeight(GradientFlow flow) {
    List<LayerGradients> layers = flow.layers();
    return !layers.isEmpty() && layers.stream().allMatch(layer -> {
      List<Double> epochs = layer.meanAbsoluteGradient();
      return !epochs.isEmpty() && epochs.get(epochs.size() - 1) == 0;
    });
  }

  /**
   * Adds {@code loss_stalled} to a run's JSON fields: with {@code --json} nothing but that line is
   * printed, so the warning's text cannot reach a script, and a run left at chance would read as
   * a successful one. The flag is null when fewer than two epochs ran ({@link
   * dev.chainrule.optim.report.LossStall#field}).
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param history the run's epochs, or null when none ran
   */
  public static void addTo(Map<String, Object> report, History history) {
    report.put("loss_stalled", dev.chainrule.optim.report.LossStall.field(history));
  }

  /**
   * Prints the warning for {@code history} on {@code console}, if there is one.
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate
   * @param flow the run's gradient flow, or null when it was not watched
   * @param console where the run prints
   */
  public static void report(History history, double learningRate, GradientFlow flow,
      Console console) {
    report(history, learningRate, flow, false, console);
  }

  /**
   * Prints the warning for {@code history} on {@code console}, if there is one, for a run that
   * may have gone on from a loaded model ({@link #warning(History, double, GradientFlow,
   * boolean)}).
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate
   * @param flow the run's gradient flow, or null when it was not watched
   * @param loaded whether the run went on from a loaded model
   * @param console where the run prints
   */
  public static void report(History history, double learningRate, GradientFlow flow,
      boolean loaded, Console console) {
    report(history, learningRate, flow, loaded, true, console);
  }

  /**
   * As {@link #report(History, double, GradientFlow, boolean, Console)}, for a network that may
   * not take {@code --activation} ({@link #warning(History, double, GradientFlow, boolean,
   * boolean)}).
   *
   * @param history the run's epochs, or null when none ran
   * @param learningRate the run's learning rate
   * @param flow the run's gradient flow, or null when it was not watched
   * @param loaded whether the run went on from a loaded model
   * @param activation whether the run's network takes {@code --activation}
   * @param console where the run prints
   */
  public static void report(History history, double learningRate, GradientFlow flow,
      boolean loaded, boolean activation, Console console) {
    warning(history, learningRate, flow, loaded, activation).ifPresent(console::println);
  }
}
