package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.Map;
import java.util.Optional;

/**
 * The program's words for a classifier no better than always answering the most common class
 * ({@link dev.chainrule.optim.report.ChanceLevel} decides, for the Spark launcher too): a warning
 * that says what to look at, and the {@code at_chance} JSON field.
 */
public final class ChanceLevel {
  private ChanceLevel() {}

  /**
   * Whether the test accuracy is at most the share of the most common true class.
   *
   * @param confusion the test rows' confusion matrix
   * @return whether the classifier did no better than the majority answer
   */
  public static boolean atChance(ConfusionMatrix confusion) {
    return dev.chainrule.optim.report.ChanceLevel.atChance(confusion);
  }

  /**
   * The warning for a classifier at chance, naming what to look at.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained whether this run trained the network; a loaded model only evaluated ({@code
   *     --epochs 0}) has no gradient pictures to look at, and was trained by another run
   * @return the warning, or empty when the classifier beat the majority answer
   */
  public static Optional<String> warning(ConfusionMatrix confusion, boolean trained) {
    return warning(confusion, trained ? "look at the gradient pictures (vanishing gradients?) and"
        + " try another --lr or --activation" : "train it anew, with another --lr or --activation");
  }

  /**
   * The warning for a classifier at chance, with a command's own advice.
   *
   * @param confusion the test rows' confusion matrix
   * @param advice what to try, after a semicolon
   * @return the warning, or empty when the classifier beat the majority answer
   */
  public static Optional<String> warning(ConfusionMatrix confusion, String advice) {
    if (!atChance(confusion)) {
      return Optional.empty();
    }
    return Optional.of("warning: " + dev.chainrule.optim.report.ChanceLevel.describe(confusion)
        + "; " + advice);
  }

  /**
   * Prints the warning, if any.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained whether this run trained the network
   * @param console where the run prints
   */
  public static void report(ConfusionMatrix confusion, boolean trained, Console console) {
    warning(confusion, trained).ifPresent(console::println);
  }

  /**
   * Adds {@code at_chance} to a run's JSON fields, whenever a classification's test accuracy is
   * reported: the field says what the accuracy beside it means, for a model this run trained or
   * one it loaded and only evaluated.
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param confusion the test rows' confusion matrix
   */
  public static void addTo(Map<String, Object> report, ConfusionMatrix confusion) {
    dev.chainrule.optim.report.ChanceLevel.addTo(report, confusion);
  }
}
