package dev.chainrule.optim.report;

import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.Locale;
import java.util.Map;

/**
 * Notices a classifier no better than always answering the most common class, and a regression
 * no better than a constant (a test R² of at most 0). The loss-stall
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
   * classifier that always gives that answer scores, learning nothing from the features. Not
   * when the test rows hold {@link #oneClass}: always answering it scores 1, so even a perfect
   * score would be "at chance" (99 rows of two classes at a test fraction of 0.01 hold out one
   * row, and its right answer was called learning nothing); accuracy cannot tell there.
   *
   * @param confusion the test rows' confusion matrix
   * @return whether the classifier did no better than the majority answer (false for no rows,
   *     and for test rows of one class)
   */
  public static boolean atChance(ConfusionMatrix confusion) {
    return confusion.total() > 0 && !oneClass(confusion)
        && confusion.accuracy() <= majorityShare(confusion);
  }

  /**
   * Whether every test row is of one true class: then no accuracy tells learning from always
   * answering that class, and {@link #atChance} makes no claim.
   *
   * @param confusion the test rows' confusion matrix
   * @return whether there are test rows, all of one class
   */
  public static boolean oneClass(ConfusionMatrix confusion) {
    return confusion.total() > 0 && majorityShare(confusion) == 1;
  }

  /**
   * Why the accuracy of test rows of {@link #oneClass} tells nothing: "the test rows hold only
   * one class (all 1 of them), so test accuracy 1.0000 cannot tell a network that learned from
   * one that always answers that class".
   *
   * @param confusion the test rows' confusion matrix, of one class
   * @return the words, without a prefix or advice
   */
  public static String describeOneClass(ConfusionMatrix confusion) {
    return String.format(Locale.ROOT, "the test rows hold only one class (all %d of them), so"
        + " test accuracy %.4f cannot tell a network that learned from one that always answers"
        + " that class", confusion.total(), confusion.accuracy());
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
   * printed on standard output, and a run at chance would read as a successful one. False for
   * test rows of {@link #oneClass}, whose accuracy cannot tell (the warning says so).
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param confusion the test rows' confusion matrix
   */
  public static void addTo(Map<String, Object> report, ConfusionMatrix confusion) {
    report.put(FIELD, atChance(confusion));
  }

  /**
   * The first advice for a regression {@link #atChance(double)}, before a launcher's own (which
   * goes on from "if they should, "): targets the features do not bear on end there whatever
   * the settings.
   */
  public static final String NO_BEARING = "the features may not predict the target at all; if"
      + " they should, ";

  /**
   * Whether a regression's test R² is at most 0: what always predicting one value, the test
   * targets' own mean, scores (and any other constant, such as the training mean, scores less),
   * the regression's chance level. A network of targets its features do not bear on passed
   * silently with R² −0.036, where a classifier at chance is warned about.
   *
   * @param r2 the test rows' coefficient of determination
   * @return whether the regression did no better than a constant (false for an undefined R²,
   *     of constant test targets: there is nothing to compare with)
   */
  public static boolean atChance(double r2) {
    return r2 <= 0;
  }

  /**
   * What was at chance, for a regression's warning: "test R² -0.0360 is no better than 0, the
   * score of always predicting the test targets' mean: the network learned nothing it can use".
   *
   * @param r2 the test R² of a regression {@link #atChance(double)}
   * @return the words, without a prefix or advice
   */
  public static String describe(double r2) {
    return String.format(Locale.ROOT, "test R² %.4f is no better than 0, the score of always"
        + " predicting the test targets' mean: the network learned nothing it can use", r2);
  }

  /**
   * Adds {@link #FIELD} to a regression's JSON fields, under the classifier's name: a script
   * reads one field for either task.
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param r2 the test rows' R²
   */
  public static void addTo(Map<String, Object> report, double r2) {
    report.put(FIELD, atChance(r2));
  }

  /**
   * Whether the balanced accuracy ({@link ConfusionMatrix#balancedAccuracy()}, the mean recall
   * over the classes the test rows hold) is at most 1/C for those C classes: what
   * always answering one class scores. The chance level of a classifier trained with class
   * weights, which trade accuracy on the common classes for recall on the rare ones: its
   * accuracy falls below the majority share by design (a balanced run on 80% of one class scored
   * 0.37 with every class's recall above a third), and {@link #atChance(ConfusionMatrix)} called
   * that learning nothing. Not for test rows of {@link #oneClass}, as there.
   *
   * @param confusion the test rows' confusion matrix
   * @return whether the classifier did no better than one answer for every row, class by class
   */
  public static boolean atChanceBalanced(ConfusionMatrix confusion) {
    return confusion.total() > 0 && !oneClass(confusion)
        && confusion.balancedAccuracy() <= 1.0 / confusion.presentClasses();
  }

  /**
   * What was at chance, for the warning of a run trained with class weights: "balanced accuracy
   * 0.3333 (the mean of the classes' recalls) is no better than always answering one class
   * (1/3): the network learned nothing it can use".
   *
   * @param confusion the test rows' confusion matrix of a classifier {@link #atChanceBalanced}
   * @return the words, without a prefix or advice
   */
  public static String describeBalanced(ConfusionMatrix confusion) {
    return String.format(Locale.ROOT, "balanced accuracy %.4f (the mean of the classes'"
        + " recalls) is no better than always answering one class (1/%d): the network learned"
        + " nothing it can use", confusion.balancedAccuracy(), confusion.presentClasses());
  }

  /**
   * {@link #FIELD} of a run trained with class weights, by {@link #atChanceBalanced}.
   *
   * @param report the run's JSON fields, to which the flag is appended
   * @param confusion the test rows' confusion matrix
   */
  public static void addBalancedTo(Map<String, Object> report, ConfusionMatrix confusion) {
    report.put(FIELD, atChanceBalanced(confusion));
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
