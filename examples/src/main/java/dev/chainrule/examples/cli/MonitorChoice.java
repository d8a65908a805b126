package dev.chainrule.examples.cli;

import dev.chainrule.optim.data.TypingDistance;
import dev.chainrule.optim.train.EpochMetric;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.Monitor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --monitor}: the validation figure {@code --patience} watches and the kept epoch is
 * chosen by, as the library's {@link Monitor}: the loss and the accuracy are the trainer's own
 * figures, the others metrics declared on it ({@link EpochMetric}) under this option's word, so
 * that the epoch lines, the end's line and a saved file's record name them as the command line
 * does ({@code validation macro-f1 0.8123}). Balanced accuracy and macro F1 are the figures to
 * watch on imbalanced classes, where always answering the common class scores a high accuracy
 * and a low loss; the mean absolute error is a regression's, in the standardised units its loss
 * is in (the targets are standardised by the rows trained on).
 */
public enum MonitorChoice {
  /** The validation loss, lower better: every task's, and the default. */
  LOSS("loss", null, Monitor.VALIDATION_LOSS, null),
  /** The validation accuracy, higher better. */
  ACCURACY("accuracy", false, Monitor.VALIDATION_ACCURACY, null),
  /** The mean recall over the classes, higher better. */
  BALANCED_ACCURACY("balanced-accuracy", false, Monitor.metric("balanced-accuracy",
      Monitor.Mode.MAX), EpochMetric.balancedAccuracy()),
  /** The unweighted mean of the classes' F1, higher better. */
  MACRO_F1("macro-f1", false, Monitor.metric("macro-f1", Monitor.Mode.MAX),
      EpochMetric.macroF1()),
  /** The mean absolute error of a regression, standardised, lower better. */
  MAE("mae", true, Monitor.metric("mae", Monitor.Mode.MIN), EpochMetric.meanAbsoluteError());

  /**
   * Other tools' names for a figure this option has under another word: a regression's loss is
   * its mean squared error, which "mse" would otherwise be offered "mae" for, one letter off.
   */
  private static final Map<String, MonitorChoice> ALSO_CALLED = Map.of("mse", LOSS);

  private final String word;
  /** True for a regression's figure, false for a classification's, null for both. */
  private final Boolean regression;
  private final Monitor monitor;
  private final EpochMetric metric;

  MonitorChoice(String word, Boolean regression, Monitor monitor, EpochMetric metric) {
    this.word = word;
    this.regression = regression;
    this.monitor = monitor;
    this.metric = metric;
  }

  /**
   * The choice {@code --monitor} names, in any case.
   *
   * @param spec the command, for the usage message
   * @param name the option's value
   * @return the choice
   * @throws picocli.CommandLine.ParameterException naming the value, the words close to it and
   *     every choice, when it is none of them
   */
  public static MonitorChoice named(CommandSpec spec, String name) {
    String typed = name.strip().toLowerCase(Locale.ROOT);
    for (MonitorChoice choice : values()) {
      if (choice.word.equals(typed)) {
        return choice;
      }
    }
    List<String> close = close(typed);
    throw Usage.error(spec, "--monitor: unknown figure '%s'%s; choose %s for a classification,"
        + " %s for a regression", Console.printable(name), close.isEmpty() ? ""
            : " (did you mean " + String.join(" or ", close) + "?)", fitting(false),
        fitting(true));
  }

  /**
   * {@code --monitor}'s choice, checked against {@code --patience}: the figure only says what
   * the patience watches, and given alone it would pass for a run that chose its epoch by it.
   *
   * @param spec the command, for the usage message
   * @param name the option's value, or null when it was not given
   * @param patience {@code --patience}, 0 when not given
   * @return the choice, {@link #LOSS} when not given
   */
  public static MonitorChoice resolve(CommandSpec spec, String name, int patience) {
    if (name == null) {
      return LOSS;
    }
    MonitorChoice choice = named(spec, name);
    Usage.check(patience > 0, spec, "--monitor %s needs --patience N: it names the figure the"
        + " patience watches and the kept epoch is chosen by, and without one every epoch is"
        + " trained and the last one's weights kept", choice);
    return choice;
  }

  /**
   * The words a mistyped one may have meant: within two edits (one for a short word), another
   * tool's name for the figure, or a word it holds or is held in (Keras's {@code val_loss} and
   * {@code val_accuracy}, a bare {@code f1}).
   */
  private static List<String> close(String typed) {
    int edits = typed.length() <= 4 ? 1 : 2;
    return Arrays.stream(values()).filter(choice -> ALSO_CALLED.get(typed) == choice
        || TypingDistance.between(typed, choice.word) <= edits
        || typed.length() >= 2 && choice.word.contains(typed) || typed.contains(choice.word))
        .map(MonitorChoice::toString).toList();
  }

  /**
   * The choice that watches what a saved run's record watched.
   *
   * @param watched the monitor of a file's early-stopping record
   * @return the choice, or empty when the program watches no such figure (a library caller's
   *     metric of its own, or the training loss)
   */
  public static Optional<MonitorChoice> watching(Monitor watched) {
    return Arrays.stream(values()).filter(choice -> choice.monitor.equals(watched)).findFirst();
  }

  /**
   * Whether the figure is one of a regression's ({@code true}) or a classification's.
   *
   * @param regressionTask whether the run is a regression
   * @return whether this choice has a figure for that task
   */
  public boolean fits(boolean regressionTask) {
    return regression == null || regression == regressionTask;
  }

  /**
   * The words of the figures a task has, for refusals.
   *
   * @param regressionTask whether the run is a regression
   * @return "loss or mae", or the classification's four
   */
  public static String fitting(boolean regressionTask) {
    List<String> words = Arrays.stream(values()).filter(choice -> choice.fits(regressionTask))
        .map(MonitorChoice::toString).toList();
    return String.join(", ", words.subList(0, words.size() - 1)) + " or "
        + words.get(words.size() - 1);
  }

  /**
   * The library's monitor of the figure.
   *
   * @return the monitor
   */
  public Monitor monitor() {
    return monitor;
  }

  /**
   * The metric the trainer computes for the figure, declared under {@link #toString()}.
   *
   * @return the metric, or empty for the trainer's own loss and accuracy
   */
  public Optional<EpochMetric> metric() {
    return Optional.ofNullable(metric);
  }

  /**
   * The figure of an epoch, as the trainer judged it.
   *
   * @param epoch the epoch's figures
   * @return the value watched; NaN when the epoch has none (figures of an earlier run's record
   *     that did not keep the metric)
   */
  public double of(EpochResult epoch) {
    return switch (this) {
      case LOSS -> epoch.validationLoss();
      case ACCURACY -> epoch.validationAccuracy();
      default -> epoch.metrics().getOrDefault(word, Double.NaN);
    };
  }

  /** The option's word: {@code macro-f1}. */
  @Override
  public String toString() {
    return word;
  }
}
