package dev.chainrule.optim.report;

import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.Locale;
import java.util.Map;

/**
 * Notices a classifier no better than always answering the most common class. The loss-stall
 * check ({@link LossStall}) misses such a run when the loss still wiggles (sigmoid layers whose
 * gradients vanish: the README's digits example ends at 0.0998 with a loss moving by ±0.01), and
 * an accuracy of one in ten would otherwise pass for a result. Here, in optim, so that the
 * program's training commands and the Spark launcher, which does not depend on the program,
 * decide it alike and report it under one name; each adds its own advice to {@link #describe}.
 */
public final class ChanceLevel {
  /** The JSON field that says whether the test accuracy was at chance. */
  public static final String FIELD = "at_chance";

  private ChanceLevel() {}

  /**
   * Whether the test accuracy is at most the share of the most common true class: what a
   * classifier that always gives that answer scores, learning nothing from the features.
   *
   * @param confusion the test rows' confusion matrix
   * @return whether the classifier did no better than the majority answer (false for no rows)
   */
  public static boolean atChance(ConfusionMatrix confusion) {
    return confusion.total() > 0 && confusion.accuracy() <= majorityShare(confusion);
  }

  /**
   * What was at chance, for a warning: "test accuracy 0.3333 is no better than always answering
   * the most common class (0.3333 of the test rows): the network learned nothing it can use".
   *
   * @param confusion the test rows' confusion matrix of a classifier {@link #atChance}
   * @return the words, without a prefix or advice
   */
  public static String describe(ConfusionMatrix confusion) {
    return String.format(Locale.ROOT, "test accuracy %.4f is no better than always answering the"
        + " most common class (%.4f of the test rows): the network learned nothing it can use",
        confusion.accuracy(), majorityShare(confusion));
  }

  /**
   * Adds {@link #FIELD} to a run's JSON fields: with {@code --json} the JSON line is all that is
   * printed on standard output, and a run at chance would read as a successful one.
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param confusion the test rows' confusion matrix
   */
  public static void addTo(Map<String, Object> report, ConfusionMatrix confusion) {
    report.put(FIELD, atChance(confusion));
  }

  /**
   * The share of the test rows in the most common true class.
   *
   * @param confusion the test rows' confusion matrix
   * @return a share from 0 to 1; NaN for no rows
   */
  public static double majorityShare(ConfusionMatrix confusion) {
    int largest = confusion.perClass().stream().mapToInt(ConfusionMatrix.ClassScores::support)
        .max().orElse(0);
    return (double) largest / confusion.total();
  }
}
