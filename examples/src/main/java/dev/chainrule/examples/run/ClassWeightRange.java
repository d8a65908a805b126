package dev.chainrule.examples.run;

import dev.chainrule.core.DType;
import dev.chainrule.examples.cli.ClassLoss;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.cli.ClassWeightRefusal;
import dev.chainrule.optim.model.Problem;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Class weights further apart than the run's type carries, refused before training by optim's
 * {@link ClassWeightRefusal}, the rule and words the Spark launcher shares: {@code
 * --class-weights 1e-320,1,1} trained until the loss refused it, and ended with the library's
 * words ("softmaxCrossEntropy: class 0 weighs ...") and exit 1, as if the run had failed rather
 * than the option.
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
    double[] weights = c.weights().stream().mapToDouble(Double::doubleValue).toArray();
    boolean given = loaded == null || s.gave("--class-weights");
    String name = given ? ClassWeightRefusal.given("--class-weights", weights)
        : s.load().getFileName() + ": its \"" + ClassWeights.WEIGHTS_KEY + "\" metadata";
    // A loaded model keeps its file's type, which --dtype cannot change: "a float64 run carries
    // them" would be advice the user cannot take, so it is left out.
    Optional<String> why = ClassWeightRefusal.of(name, weights, dtype, problem.classNames(),
        loaded == null ? " (--dtype float64)" : null);
    if (why.isEmpty()) {
      return;
    }
    if (!given) {
      throw new Failure(why.get());
    }
    throw Usage.error(spec, "%s", why.get());
  }
}
