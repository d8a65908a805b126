package dev.chainrule.spark;

import static dev.chainrule.spark.LaunchOptions.usage;

import dev.chainrule.core.DType;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.model.Problem;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --class-weights} and {@code --label-smoothing}, the program's {@code train} options of a
 * classification's softmax cross-entropy, with its names, meaning, checks and words: the
 * options are declared again, as {@link LaunchOptions} are, while the parsing of weights, the
 * check of ε and their messages, balanced weights, the file's entries and the JSON fields are
 * optim's {@link ClassWeighting}, which both use; this class keeps its usage errors. Unlike
 * {@code train --load}, a resume takes no weights from its file: the run's options must be the
 * file's, or the resume is refused.
 */
final class LaunchClassLoss {
  @Option(names = "--class-weights", paramLabel = "WEIGHTS", description = "Weigh each class's"
      + " share of the loss, for imbalanced classes: balanced (N/(K·n_k) for n_k of the N"
      + " training rows in class k, as scikit-learn's), one positive weight per class in the"
      + " order of the classes (e.g. 1,4.5), or none, every class 1 (default: none).")
  String classWeights;

  @Option(names = "--label-smoothing", paramLabel = "EPSILON", description = "Train on targets"
      + " (1 − ε)·one-hot + ε/K, with ε in [0, 1) (default: 0, none).")
  Double labelSmoothing;

  /**
   * The options as given: a rule ({@code null} for none, balanced or given), the given weights,
   * ε; balanced weights are known once the training rows are ({@link #resolve}).
   */
  record Choice(String rule, double[] weights, double labelSmoothing) {
    /** Neither weights nor smoothing: the plain softmax cross-entropy. */
    boolean isNone() {
      return rule == null && labelSmoothing == 0;
    }
  }

  /**
   * The options, checked as train checks them: an ε outside [0, 1), a weight that is not a
   * positive number, and either option for a regression, which has no classes, are usage errors.
   *
   * @param regression whether {@code --task} is regression
   */
  Choice check(CommandSpec spec, boolean regression) {
    double epsilon = labelSmoothing == null ? 0 : labelSmoothing;
    try {
      List<String> typed = spec.findOption("--label-smoothing").originalStringValues();
      ClassWeighting.checkSmoothing(epsilon, typed.isEmpty() ? String.valueOf(epsilon)
          : typed.get(typed.size() - 1));
    } catch (IllegalArgumentException e) {
      throw usage(spec, "--label-smoothing %s", e.getMessage());
    }
    Choice choice = new Choice(null, null, epsilon);
    String text = classWeights == null ? ClassWeighting.NONE : CsvCommandLine.word(
        classWeights.strip(), ClassWeighting.BALANCED, ClassWeighting.NONE);
    if (text.equals(ClassWeighting.BALANCED)) {
      choice = new Choice(ClassWeighting.BALANCED, null, epsilon);
    } else if (!text.equals(ClassWeighting.NONE)) {
      try {
        choice = new Choice(ClassWeighting.GIVEN, ClassWeighting.parseWeights(text), epsilon);
      } catch (IllegalArgumentException e) {
        throw usage(spec, "--class-weights: %s", e.getMessage());
      }
    }
    if (regression && !choice.isNone()) {
      boolean weighs = choice.rule() != null;
      boolean smooths = epsilon > 0;
      throw usage(spec, "%s; a regression has none", weighs && smooths ? "--class-weights and"
          + " --label-smoothing weigh and smooth classes" : weighs ? "--class-weights weighs"
          + " classes" : "--label-smoothing smooths classes");
    }
    return choice;
  }

  /**
   * The loss's options once the data is read: balanced weights computed on the rows trained on,
   * given ones checked against the classes and against the model's type (usage errors, in
   * train's words), before Spark starts.
   *
   * @param trained the rows the run trains on (validation rows left out)
   * @param dtype the model's type, {@code --dtype}
   * @param resumed whether the run resumes a checkpoint, whose type --dtype must match: the
   *     refusal then does not suggest another
   * @throws LaunchFailure when a class has no training row for balanced weights, its N/0
   */
  static Resolved resolve(Choice choice, Problem problem, Dataset trained, DType dtype,
      boolean resumed, CommandSpec spec) {
    double[] weights = choice.weights();
    if (ClassWeighting.BALANCED.equals(choice.rule())) {
      try {
        weights = ClassWeighting.balanced(trained, problem.classNames());
      } catch (IllegalArgumentException e) {
        throw new LaunchFailure("--class-weights balanced: " + e.getMessage() + "; give the"
            + " weights (--class-weights w1,w2,...), or data with rows of every class", e);
      }
    }
    int classes = problem.outputs();
    if (weights != null && weights.length != classes) {
      throw usage(spec, "--class-weights gives %d weight%s for %d classes (%s): give one per"
          + " class, in that order", weights.length, weights.length == 1 ? "" : "s", classes,
          String.join(", ", problem.classNames()));
    }
    if (ClassWeighting.GIVEN.equals(choice.rule())) {
      // Balanced weights lie within a factor of N of each other; given ones may not, and the
      // shards' weighted sums hold a share below the type's smallest normal number wrongly: the
      // trainer refused them once Spark had started, as the run's failure (exit 1). (train's
      // Trainer takes such weights: its weighted mean forms the shares in float64.)
      // A resumed run's type is its checkpoint's: "--dtype float64" would be refused as
      // contradicting the file, so no float64 is suggested.
      ClassWeightRefusal.of(ClassWeightRefusal.given("--class-weights", weights), weights, dtype,
          problem.classNames(), resumed ? null : " (--dtype float64)").ifPresent(why -> {
            throw usage(spec, "%s", why);
          });
    }
    return new Resolved(choice.rule(), weights, choice.labelSmoothing());
  }

  /** The options with the weights known. */
  record Resolved(String rule, double[] weights, double labelSmoothing) {
    /** Sets the trainer's loss; nothing for the plain loss. */
    void applyTo(SparkTrainer.Builder builder) {
      if (weights != null || labelSmoothing > 0) {
        CrossEntropyOptions options = CrossEntropyOptions.none()
            .withLabelSmoothing(labelSmoothing);
        builder.crossEntropy(weights == null ? options : options.withClassWeights(weights),
            weights == null ? ClassWeighting.GIVEN : rule);
      }
    }

    /** train's line saying what the loss weighs and smooths, or null for the plain loss. */
    String describe(List<String> classNames) {
      return ClassWeighting.describe(weights, rule, labelSmoothing, classNames);
    }


    /** The saved file's entries, as train's {@code --save} writes them. */
    Map<String, String> metadata() {
      return ClassWeighting.metadata(weights, rule, labelSmoothing);
    }

    /** train's JSON fields of a classification run: the weights, their rule, ε. */
    void addTo(Map<String, Object> report) {
      report.putAll(ClassWeighting.reportFields(weights, rule, labelSmoothing));
    }
  }
}
