package dev.chainrule.examples.run;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.ClassLoss;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.nn.loss.CrossEntropies;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.Problem;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Class weights further apart than the run's type carries, refused before training, by the
 * loss's own rule ({@link CrossEntropies#requireWeightRatio}): {@code --class-weights 1e-320,1,1}
 * trained until the loss refused it, and ended with the library's words ("softmaxCrossEntropy:
 * class 0 weighs ...") and exit 1, as if the run had failed rather than the option.
 */
final class ClassWeightRange {
  private ClassWeightRange() {}

  /**
   * Refuses weights whose smallest, as a share of the largest, is below the smallest normal
   * number of the model's type: given ones as a usage error naming {@code --class-weights}, the
   * file's (edited by hand) as the run's failure naming the file.
   *
   * @param problem the data, for the class names
   * @param s the settings, weights one per class
   * @param spec the command, for the usage message
   * @param loaded the file {@code --load} read, or null
   * @throws Failure when the weights a continued run took from its file are so far apart
   */
  static void require(Problem problem, Settings s, CommandSpec spec,
      ModelCheckpoint.DescribedModel loaded) {
    ClassLoss c = s.classLoss();
    if (c.weights() == null) {
      return; // none, or balanced: N/(K·n_k) lie within a factor of N of each other
    }
    DType dtype = loaded != null ? loaded.description().dtype() : s.dtype();
    Tensor weights = Tensor.vector(c.weights().stream().mapToDouble(Double::doubleValue)
        .toArray());
    boolean given = loaded == null || s.gave("--class-weights");
    String name = given ? "--class-weights " + String.join(",", c.weights().stream()
        .map(Console::number).toList())
        : s.load().getFileName() + ": its \"" + ClassWeights.WEIGHTS_KEY + "\" metadata";
    try {
      CrossEntropies.requireWeightRatio(name, weights, dtype);
    } catch (IllegalArgumentException e) {
      String why = e.getMessage() + " (classes " + classes(problem.classNames()) + ")"
          + (dtype == DType.FLOAT32 && carried(weights) ? "; a float64 run carries them"
              + (loaded == null ? " (--dtype float64)" : "") : "");
      if (!given) {
        throw new Failure(why, e);
      }
      throw Usage.error(spec, "%s", why);
    }
  }

  /** Whether float64 carries the weights, by the same rule. */
  private static boolean carried(Tensor weights) {
    try {
      CrossEntropies.requireWeightRatio("", weights, DType.FLOAT64);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code 0 = setosa, 1 = versicolor, ...}: the numbers the library's words name them by. */
  private static String classes(List<String> names) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < names.size(); k++) {
      text.append(k == 0 ? "" : ", ").append(k).append(" = ").append(Console.printable(
          names.get(k)));
    }
    return text.toString();
  }
}
