package dev.chainrule.examples.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every training command shares. Each is unset unless given, so that a command's own
 * {@link Defaults} fill the rest.
 */
public final class TrainingOptions {
  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data.")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Samples per optimizer step.")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate.")
  Double learningRate;

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "sgd, momentum, nesterov, adam, adamw, rmsprop or adagrad.")
  String optimizer;

  @Option(names = "--hidden", split = ",", paramLabel = "WIDTHS",
      description = "Hidden layer widths, e.g. 64,32.")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "NAME",
      description = "Hidden activation: relu, tanh, sigmoid, leaky-relu, elu, gelu, gelu-tanh,"
          + " softplus, identity.")
  String activation;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of initialisation, split and"
      + " batch order.")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder for plots and graphs (default: chainrule-out/<command>).")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Picture format: png (default), svg or pdf.")
  ChartFormat format;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model"
      + " (safetensors).")
  Path save;

  @Option(names = "--load", paramLabel = "FILE",
      description = "Start from a saved model (with --epochs 0: evaluate it only).")
  Path load;

  @Option(names = "--json", description = "End with one line of JSON results.")
  boolean json;

  @Option(names = "--verbose", description = "Show stack traces of errors.")
  boolean verbose;

  /** Reads --format case-insensitively; a bad name is a usage error naming the choices. */
  static final class FormatConverter implements ITypeConverter<ChartFormat> {
    @Override
    public ChartFormat convert(String value) {
      try {
        return ChartFormat.named(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * The settings, with this command's defaults where an option was not given.
   *
   * @param command the command's name, for the default output folder
   * @param defaults the command's own defaults
   * @return the resolved settings
   * @throws IllegalArgumentException when a value is out of range
   */
  public Settings resolve(String command, Defaults defaults) {
    int e = epochs != null ? epochs : defaults.epochs();
    int b = batchSize != null ? batchSize : defaults.batchSize();
    double lr = learningRate != null ? learningRate : defaults.learningRate();
    checkArgument(e >= 0, "--epochs must not be negative, got %s", e);
    checkArgument(b > 0, "--batch-size must be positive, got %s", b);
    checkArgument(lr > 0 && Double.isFinite(lr), "--lr must be positive, got %s", lr);
    List<Integer> widths = hidden != null ? hidden : defaults.hidden();
    for (int width : widths) {
      checkArgument(width > 0, "--hidden widths must be positive, got %s", widths);
    }
    return new Settings(e, b, lr,
        OptimizerChoice.named(optimizer != null ? optimizer : defaults.optimizer()),
        List.copyOf(widths),
        Activation.named(activation != null ? activation : defaults.activation()),
        seed != null ? seed : defaults.seed(),
        out != null ? out : Path.of("chainrule-out", command), save, load, json,
        format != null ? format : ChartFormat.PNG);
  }
}
