package dev.chainrule.examples.cli;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.OptimizerChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The resolved settings of a training command: command-line values over the command's defaults.
 *
 * @param dtype the element type of the model and its data
 * @param detectAnomaly whether training and evaluation run under anomaly detection
 * @param given the options the command line named (such as {@code --hidden}), which a saved model
 *     must not contradict
 */
public record Settings(int epochs, int batchSize, double learningRate, OptimizerChoice optimizer,
    List<Integer> hidden, Activation activation, long seed, DType dtype, Path out, Path save,
    Path load, boolean json, boolean detectAnomaly, Set<String> given) {

  public Settings {
    hidden = List.copyOf(hidden);
    given = Set.copyOf(given);
  }

  /** These settings with another seed. */
  public Settings withSeed(long newSeed) {
    return new Settings(epochs, batchSize, learningRate, optimizer, hidden, activation, newSeed,
        dtype, out, save, load, json, detectAnomaly, given);
  }

  /** Whether the command line named this option. */
  public boolean gave(String option) {
    return given.contains(option);
  }
}
