package dev.chainrule.examples.cli;

import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.model.ClassWeighting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --class-weights} and {@code --label-smoothing}, the options of a classification
 * command's softmax cross-entropy (PyTorch's {@code CrossEntropyLoss(weight=, label_smoothing=)}).
 * Their values are checked here; whether they fit the data (one weight per class, a
 * classification task, a training row of every class for balanced weights) once it is read.
 */
public final class ClassLossOptions {
  @Option(names = "--class-weights", paramLabel = "WEIGHTS", description = "Weigh each class's"
      + " share of the loss, for imbalanced classes: balanced (N/(K·n_k) for n_k of the N"
      + " training rows in class k, as scikit-learn's), one positive weight per class in the"
      + " order of the classes (e.g. 1,4.5), or none, every class 1 (default: none; with --load,"
      + " the file's, which none leaves out).")
  String classWeights;

  /** {@code --class-weights none}: every class 1, and a loaded file's weights left out. */
  static final String NONE = ClassWeighting.NONE;

  @Option(names = "--label-smoothing", paramLabel = "EPSILON", description = "Train on targets"
      + " (1 − ε)·one-hot + ε/K, with ε in [0, 1) (default: 0, none; with --load, the file's).")
  Double labelSmoothing;

  /**
   * Options with no values yet (neither given: no class weights, no smoothing, or a loaded
   * file's). Public and without arguments because picocli makes the instance for a command's
   * {@code @Mixin} field by reflection.
   */
  public ClassLossOptions() {}

  /**
   * The options, checked: a value that cannot be a weight or an ε is a usage error, and so are
   * the options given to a run that trains nothing ({@code --epochs 0}).
   *
   * @param spec the command, for the usage message
   * @param epochs the run's epochs
   * @return what the loss weighs and smooths
   */
  public ClassLoss resolve(CommandSpec spec, int epochs) {
    List<String> given = new ArrayList<>();
    if (classWeights != null) {
      given.add("--class-weights");
    }
    if (labelSmoothing != null) {
      given.add("--label-smoothing");
    }
    Usage.check(epochs > 0 || given.isEmpty(), spec, "%s %s the training loss; --epochs 0"
        + " trains nothing, it evaluates --load's model", String.join(", ", given),
        given.size() == 1 ? "sets" : "set");
    double epsilon = labelSmoothing == null ? 0 : labelSmoothing;
    try {
      // As typed, as --class-weights' are: "got 1", not the double's "got 1.0".
      List<String> typed = spec.findOption("--label-smoothing").originalStringValues();
      ClassWeighting.checkSmoothing(epsilon, typed.isEmpty() ? String.valueOf(epsilon)
          : Console.printable(typed.get(typed.size() - 1)));
    } catch (IllegalArgumentException e) {
      throw Usage.error(spec, "--label-smoothing %s", e.getMessage());
    }
    if (classWeights == null) {
      return new ClassLoss(null, null, epsilon);
    }
    String text = CsvCommandLine.word(classWeights.strip(), ClassLoss.BALANCED, NONE);
    if (text.equals(ClassLoss.BALANCED)) {
      return new ClassLoss(ClassLoss.BALANCED, null, epsilon);
    }
    // A run that continues a file trains on its weights: none is the way to leave them out.
    if (text.equals(NONE)) {
      return new ClassLoss(null, null, epsilon);
    }
    List<Double> weights;
    try {
      weights = Arrays.stream(ClassWeighting.parseWeights(text)).boxed().toList();
    } catch (IllegalArgumentException e) {
      throw Usage.error(spec, "--class-weights: %s", e.getMessage());
    }
    return new ClassLoss(ClassLoss.GIVEN, weights, epsilon);
  }
}
