package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.ClassLoss;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.model.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --class-weights} and {@code --label-smoothing} in a run: checked against the data,
 * balanced weights computed on the rows trained on, the loss they make, and their record in the
 * saved file (the weights' numbers, the rule that made them, ε), which a run that continues the
 * file trains on again unless its command line gives others, as it does with {@code --lr}. A
 * file without these entries was trained on the plain softmax cross-entropy (or saved before
 * they were recorded, when there was no other). The entries' keys, balanced weights and the
 * weights' text are optim's {@link ClassWeighting}, which the Spark launcher shares.
 */
public final class ClassWeights {
  /**
   * The saved file's metadata key of the weights, {@link ClassWeighting#WEIGHTS_KEY}: an alias
   * kept where it was public before the key moved to optim, as {@link ClassLoss} keeps {@code
   * BALANCED} and {@code GIVEN}.
   */
  public static final String WEIGHTS_KEY = ClassWeighting.WEIGHTS_KEY;
  /** The key of the rule that made the weights, {@link ClassWeighting#RULE_KEY} (an alias). */
  public static final String RULE_KEY = ClassWeighting.RULE_KEY;
  /** The key of the label smoothing ε, {@link ClassWeighting#SMOOTHING_KEY} (an alias). */
  public static final String SMOOTHING_KEY = ClassWeighting.SMOOTHING_KEY;

  private ClassWeights() {}

  /**
   * The settings of a run that continues a file: its weights and ε where the command line gives
   * none.
   *
   * @param s the settings
   * @param loaded the file's model and metadata
   * @return the settings to run with
   * @throws Failure when the file's entries are not weights or an ε (edited by hand)
   */
  public static Settings continuing(Settings s, ModelCheckpoint.DescribedModel loaded) {
    Map<String, String> metadata = loaded.report().metadata();
    String file = String.valueOf(s.load().getFileName());
    ClassLoss c = s.classLoss();
    String weights = metadata.get(WEIGHTS_KEY);
    if (!s.gave("--class-weights") && weights != null) {
      String rule = metadata.getOrDefault(RULE_KEY, ClassLoss.GIVEN);
      List<Double> numbers;
      try {
        numbers = Arrays.stream(ClassWeighting.recorded(weights)).boxed().toList();
        c = new ClassLoss(rule, numbers, c.labelSmoothing());
      } catch (IllegalArgumentException e) {
        throw new Failure(file + ": its \"" + WEIGHTS_KEY + "\" metadata ("
            + Console.printable(weights) + ") with rule " + Console.printable(rule) + " is not a"
            + " list of class weights; give --class-weights", e);
      }
      if (numbers.stream().anyMatch(w -> !(w > 0 && Double.isFinite(w)))) {
        throw new Failure(file + ": its \"" + WEIGHTS_KEY + "\" metadata ("
            + Console.printable(weights) + ") holds a weight that is not a positive number; give"
            + " --class-weights");
      }
    }
    String smoothing = metadata.get(SMOOTHING_KEY);
    if (!s.gave("--label-smoothing") && smoothing != null) {
      double epsilon = parse(smoothing);
      if (!(epsilon >= 0 && epsilon < 1)) {
        throw new Failure(file + ": its \"" + SMOOTHING_KEY + "\" metadata ("
            + Console.printable(smoothing) + ") is not a label smoothing in [0, 1); give"
            + " --label-smoothing");
      }
      c = new ClassLoss(c.rule(), c.weights(), epsilon);
    }
    return s.withClassLoss(c);
  }

  /**
   * Refuses options that do not fit the problem: weights or smoothing for a regression, which
   * has no classes, and weights of another count than the classes: given ones as a usage error,
   * the file's (whatever their rule: an edited record) as the run's failure naming the file.
   * Weights of any ratio fit: {@code Trainer}'s weighted mean forms each row's share of the
   * batch's weight in float64, so a class weighing 1e-39 of the largest in float32 (or 1e-320 in
   * float64) trains with finite losses, as in PyTorch. (The Spark launcher refuses such weights:
   * its shards' sums hold the share in the model's type.)
   *
   * @param problem the data
   * @param s the settings
   * @param spec the command, for the usage message
   * @param loaded the file {@code --load} read, or null
   * @throws Failure when the weights a continued run took from its file are not one per class
   */
  public static void requireFits(Problem problem, Settings s, CommandSpec spec,
      ModelCheckpoint.DescribedModel loaded) {
    ClassLoss c = s.classLoss();
    if (problem.regression() && !c.isNone()) {
      // Only the options given, as --epochs 0's check names them; else the file's entries.
      boolean weighs = s.gave("--class-weights");
      boolean smooths = s.gave("--label-smoothing");
      if (!weighs && !smooths) {
        boolean weighed = loaded.report().metadata().containsKey(WEIGHTS_KEY);
        boolean smoothed = loaded.report().metadata().containsKey(SMOOTHING_KEY);
        String entries = weighed && smoothed ? "\"" + WEIGHTS_KEY + "\" and \"" + SMOOTHING_KEY
            + "\" metadata weigh and smooth" : weighed ? "\"" + WEIGHTS_KEY + "\" metadata weighs"
            : "\"" + SMOOTHING_KEY + "\" metadata smooths";
        throw new Failure(s.load().getFileName() + ": its " + entries + " classes; a regression"
            + " has none");
      }
      throw Usage.error(spec, "%s; a regression has none", weighs && smooths ? "--class-weights"
          + " and --label-smoothing weigh and smooth classes" : weighs ? "--class-weights weighs"
          + " classes" : "--label-smoothing smooths classes");
    }
    int classes = problem.outputs();
    if (c.weights() == null || c.weights().size() == classes) {
      return;
    }
    String counted = c.weights().size() + " weight" + (c.weights().size() == 1 ? "" : "s")
        + " for " + classes + " classes (" + String.join(", ", problem.classNames()) + ")";
    String recorded = loaded == null || s.gave("--class-weights") ? null
        : loaded.report().metadata().get(WEIGHTS_KEY);
    if (recorded != null) {
      throw new Failure(s.load().getFileName() + ": its \"" + WEIGHTS_KEY + "\" metadata ("
          + Console.printable(recorded) + ") holds " + counted + "; give --class-weights");
    }
    throw Usage.error(spec, "--class-weights gives %s: give one per class, in that order",
        counted);
  }

  /**
   * The options with balanced weights computed on the rows the run trains on: N/(K·n_k), as
   * scikit-learn's {@code compute_class_weight("balanced")}, so that every class weighs as much
   * in the loss as the others together would if all were equally common.
   *
   * @param c the options
   * @param problem the data, for the class names
   * @param trained the rows trained on (validation rows left out)
   * @return the options with weights
   * @throws Failure when a class has no row to train on: its weight would be N/0
   */
  static ClassLoss resolved(ClassLoss c, Problem problem, Dataset trained) {
    if (!ClassLoss.BALANCED.equals(c.rule()) || c.weights() != null) {
      return c;
    }
    double[] weights;
    try {
      weights = ClassWeighting.balanced(trained, problem.classNames());
    } catch (IllegalArgumentException e) {
      throw new Failure("--class-weights balanced: " + e.getMessage() + "; give the weights"
          + " (--class-weights w1,w2,...), or data with rows of every class", e);
    }
    return c.withWeights(Arrays.stream(weights).boxed().toList());
  }

  /**
   * The run's loss: the softmax cross-entropy, with the options' weights and ε.
   *
   * @param c the options, balanced weights computed
   * @return the loss
   */
  static Loss loss(ClassLoss c) {
    if (c.isNone()) {
      return Loss.softmaxCrossEntropy();
    }
    CrossEntropyOptions options = CrossEntropyOptions.none().withLabelSmoothing(c.labelSmoothing());
    return Loss.softmaxCrossEntropy(c.weights() == null ? options
        : options.withClassWeights(numbers(c.weights())));
  }

  /**
   * A line for people saying what the loss weighs and smooths, or null for the plain loss.
   *
   * @param c the options, balanced weights computed
   * @param classNames the classes, in order
   * @return the line, or null
   */
  static String describe(ClassLoss c, List<String> classNames) {
    return ClassWeighting.describe(numbers(c.weights()), c.rule(), c.labelSmoothing(),
        classNames);
  }

  /**
   * The saved file's entries: none for the plain loss.
   *
   * @param c the options, balanced weights computed
   * @return metadata keys and values
   */
  static Map<String, String> metadata(ClassLoss c) {
    return ClassWeighting.metadata(numbers(c.weights()), c.rule(), c.labelSmoothing());
  }

  /**
   * The JSON line's fields of a classification run: the weights used (every digit,
   * comma-separated; null for none), their rule, and ε.
   *
   * @param report the fields, added to
   * @param c the options, balanced weights computed
   */
  static void addTo(Map<String, Object> report, ClassLoss c) {
    report.putAll(ClassWeighting.reportFields(numbers(c.weights()), c.rule(),
        c.labelSmoothing()));
  }

  private static double[] numbers(List<Double> weights) {
    return weights == null ? null : weights.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
