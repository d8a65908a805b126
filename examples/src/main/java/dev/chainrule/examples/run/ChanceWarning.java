package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.diagnostics.GradientFlow;
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
   * @param loaded whether the run went on from a loaded model ({@code --load}), which keeps its
   *     seed and hidden layers: advice to change them says to train a new model
   */
  public record Advice(boolean testFraction, boolean activation, boolean loaded) {
    /** Every option named, as for {@code train} building an MLP. */
    public static final Advice ALL = new Advice(true, true);

    /**
     * The options of a run that loaded no model.
     *
     * @param testFraction as the record's
     * @param activation as the record's
     */
    public Advice(boolean testFraction, boolean activation) {
      this(testFraction, activation, false);
    }
  }

  /**
   * What a run's training leaves to look at, which the advice names: the gradient pictures only
   * when this run wrote them (a run whose weight gradients were all 0 writes none, and the
   * advice sent the user to stale or missing files), and for dead units no other --lr, which
   * cannot move weights whose gradients are exactly 0 ({@link LossStall}).
   */
  public enum Trained {
    /** Not trained: a loaded model only evaluated ({@code --epochs 0}). */
    EVALUATED,
    /** Trained, and the gradient pictures were written. */
    PICTURED,
    /** Trained without gradient pictures: none watched, or none had a value to draw. */
    UNPICTURED,
    /** Trained, and every weight's gradient was exactly 0 in the last epoch. */
    DEAD_UNITS;

    /**
     * What a run left.
     *
     * @param trained whether any epoch ran
     * @param flow the run's gradient flow, or null when it was not watched
     * @return the value
     */
    public static Trained of(boolean trained, GradientFlow flow) {
      return !trained ? EVALUATED : LossStall.deadUnits(flow) ? DEAD_UNITS
          : flow != null && GradientPictures.drawn(flow) ? PICTURED : UNPICTURED;
    }
  }

  /**
   * The warning for a classifier at chance, naming what to look at; or, for test rows of one
   * class, that their accuracy cannot tell. As {@link #warning(ConfusionMatrix, Trained,
   * Advice)} for a command that takes every option named.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained what this run's training left
   * @return the warning, or empty when the classifier beat the majority answer on test rows of
   *     more than one class
   */
  public static Optional<String> warning(ConfusionMatrix confusion, Trained trained) {
    return warning(confusion, trained, Advice.ALL);
  }

  /**
   * The warning for a classifier at chance, naming what to look at; or, for test rows of one
   * class, that their accuracy cannot tell.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained what this run's training left; a loaded model only evaluated ({@code
   *     --epochs 0}) has no gradient pictures to look at, and was trained by another run (and its
   *     split's fraction is the model's: another would test on rows it trained on)
   * @param options the options the advice may name
   * @return the warning, or empty when the classifier beat the majority answer on test rows of
   *     more than one class
   */
  public static Optional<String> warning(ConfusionMatrix confusion, Trained trained,
      Advice options) {
    if (ChanceLevel.oneClass(confusion)) {
      // The Spark launcher gives a trained run's advice in the same words.
      return Optional.of("warning: " + ChanceLevel.describeOneClass(confusion) + "; "
          + (trained == Trained.EVALUATED
          ? "score it on rows of more classes, e.g. with predict on new labelled rows"
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
   * @param trained what this run's training left
   * @param options the options the advice may name
   * @return the warning, or empty when the regression beat a constant (or R² is undefined)
   */
  public static Optional<String> regressionWarning(double r2, Trained trained, Advice options) {
    if (!ChanceLevel.atChance(r2)) {
      return Optional.empty();
    }
    // NO_BEARING ends "if they should, " before what to do: dead units' advice begins with why
    // no --lr helps, which read "if they should, every weight's gradient was exactly 0".
    return Optional.of("warning: " + ChanceLevel.describe(r2) + "; " + ChanceLevel.NO_BEARING
        + (trained == Trained.DEAD_UNITS ? "try " + LossStall.deadUnitsRemedy(options.loaded(),
            options.activation()) + ", since " + DEAD_WORDS : advice(trained, options)));
  }

  private static String advice(Trained trained, Advice options) {
    String activation = options.activation() ? " or --activation" : "";
    return switch (trained) {
      case EVALUATED -> "train it anew, with another --lr" + activation;
      case PICTURED -> "look at the gradient pictures (vanishing gradients?) and try another --lr"
          + activation;
      case UNPICTURED -> "try another --lr" + activation;
      case DEAD_UNITS -> DEAD_WORDS + "; try " + LossStall.deadUnitsRemedy(options.loaded(),
          options.activation());
    };
  }

  /** Why no --lr helps a run whose weights got no gradient, in the stall warning's words. */
  private static final String DEAD_WORDS = "every weight's gradient was exactly 0 in the last"
      + " epoch, so no learning rate moves them (dead units: a ReLU whose input is negative for"
      + " every sample passes no gradient)";

  /**
   * Prints the warning, if any.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained what this run's training left
   * @param options the options the advice may name
   * @param console where the run prints
   */
  public static void report(ConfusionMatrix confusion, Trained trained, Advice options,
      Console console) {
    warning(confusion, trained, options).ifPresent(console::println);
  }

  /**
   * Prints the warning of a classifier trained with class weights, if any: judged by its
   * balanced accuracy ({@link ChanceLevel#atChanceBalanced}), since the weights trade accuracy
   * on the common classes for recall on the rare ones.
   *
   * @param confusion the test rows' confusion matrix
   * @param trained what this run's training left
   * @param options the options the advice may name
   * @param console where the run prints
   */
  public static void reportWeighted(ConfusionMatrix confusion, Trained trained, Advice options,
      Console console) {
    if (ChanceLevel.oneClass(confusion)) {
      // accuracy cannot tell, nor can balanced accuracy
      report(confusion, trained, options, console);
    } else if (ChanceLevel.atChanceBalanced(confusion)) {
      // The weights first: over-weighting a class is the likely cause of this run's chance; but
      // no weights move units that pass no gradient.
      String activation = options.activation() ? " or --activation" : "";
      String weights = "try other --class-weights (a class weighed too heavily takes the others'"
          + " answers), or ";
      console.println("warning: " + ChanceLevel.describeBalanced(confusion) + "; "
          + switch (trained) {
            case EVALUATED -> "train it anew, with other --class-weights"
                + (options.activation() ? ", another --lr or --activation" : " or another --lr");
            case PICTURED -> weights + "look at the gradient pictures (vanishing gradients?) and"
                + " try another --lr" + activation;
            case UNPICTURED -> weights + "another --lr" + activation;
            case DEAD_UNITS -> advice(trained, options);
          });
    }
  }
}
