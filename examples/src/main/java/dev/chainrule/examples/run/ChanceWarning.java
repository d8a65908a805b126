package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.report.ChanceLevel;
import java.util.Optional;

/**
 * The program's words for a classifier no better than always answering the most common class
 * ({@link ChanceLevel} decides, for the Spark launcher too, and adds the {@code at_chance} JSON
 * field): a warning that says what to look at; and, for test rows of one class, whose accuracy
 * cannot tell, a warning that says so instead.
 */
public final class ChanceWarning {
  private ChanceWarning() {}

  /**
   * The options the advice may name, those the running command takes for this run: the advice
   * named --test-fraction to fashion-mnist, which has no such option, and --activation to {@code
   * --model cnn}, which refuses it.
   *
   * @param testFraction whether the command splits its rows by {@code --test-fraction} (train;
   *     the others hold out a fixed share, or read test files of their own)
   * @param activation whether another {@code --activation} would give another network: an MLP
   *     this run builds, or trains anew after evaluating a loaded one; not a CNN, nor a loaded
   *     model trained further, which keeps its own
   */
  public record Advice(boolean testFraction, boolean activation) {
    /** Every option named, as for {@code train} building an MLP. */
    public static final Advice ALL = new Advice(true, true);
  }

  /**
   * The warning for a classifier at chance, naming what to look at; or, for test rows of one
   * class, that their accuracy cannot tell. As {@link #warning(ConfusionMatrix, boolean,
   * Advice)} for a command that takes every option named.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained whether this run trained the network
   * @return the warning, or empty when the classifier beat the majority answer on test rows of
   *     more than one class
   */
  public static Optional<String> warning(ConfusionMatrix confusion, boolean trained) {
    return warning(confusion, trained, Advice.ALL);
  }

  /**
   * The warning for a classifier at chance, naming what to look at; or, for test rows of one
   * class, that their accuracy cannot tell.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained whether this run trained the network; a loaded model only evaluated ({@code
   *     --epochs 0}) has no gradient pictures to look at, and was trained by another run (and its
   *     split's fraction is the model's: another would test on rows it trained on)
   * @param options the options the advice may name
   * @return the warning, or empty when the classifier beat the majority answer on test rows of
   *     more than one class
   */
  public static Optional<String> warning(ConfusionMatrix confusion, boolean trained,
      Advice options) {
    if (ChanceLevel.oneClass(confusion)) {
      // The Spark launcher gives a trained run's advice in the same words.
      return Optional.of("warning: " + ChanceLevel.describeOneClass(confusion) + "; "
          + (!trained ? "score it on rows of more classes, e.g. with predict on new labelled rows"
          : options.testFraction() ? "a larger --test-fraction gives the test rows more classes"
          : "score it on test rows of more classes"));
    }
    return warning(confusion, advice(trained, options));
  }

  /**
   * The warning for a classifier at chance, with a command's own advice.
   *
   * @param confusion the test rows' confusion matrix
   * @param advice what to try, after a semicolon
   * @return the warning, or empty when the classifier beat the majority answer
   */
  public static Optional<String> warning(ConfusionMatrix confusion, String advice) {
    if (!ChanceLevel.atChance(confusion)) {
      return Optional.empty();
    }
    return Optional.of("warning: " + ChanceLevel.describe(confusion) + "; " + advice);
  }

  /**
   * The warning for a regression no better than a constant (test R² at most 0): first that the
   * features may not bear on the target at all, which no --lr or --activation mends (targets
   * drawn apart from the features gave R² −0.036), then the classifier's advice, naming only the
   * options given.
   *
   * @param r2 the test rows' R²
   * @param trained whether this run trained the network
   * @param options the options the advice may name
   * @return the warning, or empty when the regression beat a constant (or R² is undefined)
   */
  public static Optional<String> regressionWarning(double r2, boolean trained, Advice options) {
    if (!ChanceLevel.atChance(r2)) {
      return Optional.empty();
    }
    return Optional.of("warning: " + ChanceLevel.describe(r2) + "; " + ChanceLevel.NO_BEARING
        + advice(trained, options));
  }

  private static String advice(boolean trained, Advice options) {
    String activation = options.activation() ? " or --activation" : "";
    return trained ? "look at the gradient pictures (vanishing gradients?) and try another --lr"
        + activation : "train it anew, with another --lr" + activation;
  }

  /**
   * Prints the warning, if any.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained whether this run trained the network
   * @param options the options the advice may name
   * @param console where the run prints
   */
  public static void report(ConfusionMatrix confusion, boolean trained, Advice options,
      Console console) {
    warning(confusion, trained, options).ifPresent(console::println);
  }

  /**
   * Prints the warning of a classifier trained with class weights, if any: judged by its
   * balanced accuracy ({@link ChanceLevel#atChanceBalanced}), since the weights trade accuracy
   * on the common classes for recall on the rare ones.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained whether this run trained the network
   * @param options the options the advice may name
   * @param console where the run prints
   */
  public static void reportWeighted(ConfusionMatrix confusion, boolean trained, Advice options,
      Console console) {
    if (ChanceLevel.oneClass(confusion)) {
      // accuracy cannot tell, nor can balanced accuracy
      report(confusion, trained, options, console);
    } else if (ChanceLevel.atChanceBalanced(confusion)) {
      // The weights first: over-weighting a class is the likely cause of this run's chance.
      String activation = options.activation() ? " or --activation" : "";
      console.println("warning: " + ChanceLevel.describeBalanced(confusion) + "; " + (trained
          ? "try other --class-weights (a class weighed too heavily takes the others' answers),"
          + " or look at the gradient pictures (vanishing gradients?) and try another --lr"
          + activation : "train it anew, with other --class-weights" + (options.activation()
          ? ", another --lr or --activation" : " or another --lr")));
    }
  }
}
