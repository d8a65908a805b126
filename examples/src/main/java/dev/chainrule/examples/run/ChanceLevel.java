package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.Locale;
import java.util.Optional;

/**
 * The program's words for a trained classifier no better than always answering the most common
 * class. The loss-stall warning misses such a run when the loss still wiggles (sigmoid layers
 * whose gradients vanish: the README's digits example ends at 0.0998 with a loss moving by
 * ±0.01), and an accuracy of one in ten would otherwise pass for a result.
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
    return confusion.total() > 0 && confusion.accuracy() <= majorityShare(confusion);
  }

  /**
   * The warning for a trained classifier at chance, naming what to look at.
   *
   * @param confusion the test rows' confusion matrix
   * @return the warning, or empty when the classifier beat the majority answer
   */
  public static Optional<String> warning(ConfusionMatrix confusion) {
    if (!atChance(confusion)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "warning: test accuracy %.4f is no better than"
        + " always answering the most common class (%.4f of the test rows): the network learned"
        + " nothing it can use; look at the gradient pictures (vanishing gradients?) and try"
        + " another --lr or --activation", confusion.accuracy(), majorityShare(confusion)));
  }

  /**
   * Prints the warning, if any.
   *
   * @param confusion the test rows' confusion matrix
   * @param console where the run prints
   */
  public static void report(ConfusionMatrix confusion, Console console) {
    warning(confusion).ifPresent(console::println);
  }

  private static double majorityShare(ConfusionMatrix confusion) {
    int largest = confusion.perClass().stream().mapToInt(ConfusionMatrix.ClassScores::support)
        .max().orElse(0);
    return (double) largest / confusion.total();
  }
}
