package dev.chainrule.examples.cli;

import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A training command's {@link Defaults} as picocli default values, so that {@code --help} shows
 * each one ({@code ${DEFAULT-VALUE}}) and unset options take them. Options of the command's own
 * keep the defaults of their annotations.
 *
 * @param command the command's name, which names its default output folder
 *     ({@code chainrule-out/<command>})
 * @param defaults the training values the command's options take when the command line leaves
 *     them out
 */
public record DefaultsProvider(String command, Defaults defaults)
    implements IDefaultValueProvider {

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    return switch (option.longestName()) {
      case "--epochs" -> Integer.toString(defaults.epochs());
      case "--batch-size" -> Integer.toString(defaults.batchSize());
      case "--lr" -> Console.number(defaults.learningRate());
      case "--optimizer" -> defaults.optimizer();
      case "--hidden" -> defaults.hidden().stream().map(String::valueOf)
          .collect(Collectors.joining(","));
      case "--activation" -> defaults.activation();
      case "--seed" -> Long.toString(defaults.seed());
      case "--dtype" -> defaults.dtype().toString();
      case "--out" -> "chainrule-out/" + command;
      default -> null;
    };
  }
}
