package dev.chainrule.spark;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.cli.OptionPaths;
import dev.chainrule.optim.cli.PathRefusal;
import dev.chainrule.optim.data.CommandLinePaths;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.model.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options the launcher shares with the program's {@code train} command, with the same names,
 * defaults and checks: the same command line trains the same network on the same split. They are
 * written again rather than shared, as the launcher does not depend on the program;
 * {@code SharedOptionsIT} compares their defaults with the built program's.
 */
final class LaunchOptions {
  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The data.")
  Path csv;

  @Option(names = "--label", required = true, paramLabel = "COLUMN",
      description = "The label column: the column of exactly this header name; only if no"
          + " column has that name, a 0-based index (negative from the end).")
  String label;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "classification",
      description = "classification or regression (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of rows held out for testing, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--features", split = ",", paramLabel = "COLUMNS",
      description = "Only these columns are features, in this order (default: every column but"
          + " the label)" + CsvCommandLine.COLUMN_LIST_HELP)
  List<String> features;

  @Option(names = "--drop", split = ",", paramLabel = "COLUMNS",
      description = "Columns that are not features, such as names or ids (default: none)"
          + CsvCommandLine.COLUMN_LIST_HELP)
  List<String> drop;

  @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
      description = "The character between fields: ',', ';', '|', or tab (default:"
          + " ${DEFAULT-VALUE}).")
  String delimiter;

  @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "reject",
      description = "Rows with an empty, NaN, NA, N/A, null, ?, #N/A (or another marker pandas"
          + " reads as missing; None is a class) or infinite cell: reject or drop"
          + " (default: ${DEFAULT-VALUE}).")
  String missing;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "50",
      description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "Samples per optimizer step, or per local step of a replica with --mode"
          + " average (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.003",
      description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
      description = "sgd, momentum, nesterov, adam, adamw, rmsprop or adagrad"
          + " (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--hidden", split = ",", paramLabel = "WIDTHS", defaultValue = "32",
      description = "Hidden layer widths, e.g. 64,32 (default: ${DEFAULT-VALUE}).")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
      description = "Hidden activation: relu, tanh, sigmoid, leaky-relu, elu, gelu, gelu-tanh,"
          + " softplus, identity (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of initialisation, split and batch order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float64",
      description = "Element type of the model and its data: float32 (half the memory and the"
          + " bytes each step moves, faster) or float64 (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Option(names = "--validation", paramLabel = "FRACTION", description = "Share of the training"
      + " rows held out to choose the epoch on; the epoch lines then show these rows instead of"
      + " the test rows (default: 0, none).")
  double validation;

  @Option(names = "--patience", paramLabel = "N", description = "Stop when the validation loss"
      + " has not improved for N epochs, and keep the best epoch's weights; needs --validation"
      + " (default: 0, every epoch, the last one's weights).")
  int patience;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Save the trained model and its description (safetensors; default: not"
          + " saved).")
  Path save;

  @Option(names = "--json", description = "Print one line of JSON results and nothing else"
      + " (default: off).")
  boolean json;

  @Option(names = "--detect-anomaly", description = "Check every value of the forward and"
      + " backward passes, on the executors and the driver, and stop at the first NaN or"
      + " infinity, naming the op (slower; default: off).")
  boolean detectAnomaly;

  /** Values out of range and contradicting options are usage errors, before any work. */
  void check(CommandSpec spec) {
    // Word-valued options in any case, as the program reads them.
    task = CsvCommandLine.word(task, "classification", "regression");
    missing = CsvCommandLine.word(missing, "reject", "drop");
    require(spec, List.of("classification", "regression").contains(task),
        "--task must be classification or regression, got '%s'", task);
    require(spec, testFraction > 0 && testFraction < 1,
        "--test-fraction must lie between 0 and 1 (exclusive), got %s", testFraction);
    require(spec, features == null || drop == null,
        "--features and --drop cannot be used together");
    require(spec, !label.isBlank(),
        "--label must name a column (or give its position), got an empty name");
    for (String option : List.of("--features", "--drop")) {
      String repeated = CsvCommandLine.repeatedName(option.equals("--features") ? features : drop)
          .orElse(null);
      require(spec, repeated == null, "%s names the column \"%s\" twice", option, repeated);
    }
    try {
      CsvCommandLine.delimiter(delimiter);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--delimiter: " + e.getMessage());
    }
    require(spec, List.of("reject", "drop").contains(missing),
        "--missing must be reject or drop, got '%s'", missing);
    require(spec, epochs > 0, "--epochs must be positive, got %d", epochs);
    require(spec, batchSize > 0, "--batch-size must be positive, got %d", batchSize);
    require(spec, learningRate > 0 && Double.isFinite(learningRate),
        "--lr must be positive, got %s", learningRate);
    // Picocli adds a repeated list option's values: "--hidden 4 --hidden 5" would be two layers.
    require(spec, spec.commandLine().getParseResult().matchedOptions().stream()
        .filter(o -> o.longestName().equals("--hidden")).count() <= 1, "option '--hidden'"
        + " (WIDTHS) should be specified only once: give all the widths in one, e.g. --hidden"
        + " 64,32");
    require(spec, !hidden.isEmpty() && hidden.stream().allMatch(w -> w != null && w > 0),
        "--hidden widths must be positive, got %s", hidden);
    try {
      OptimizerChoice.named(optimizer);
      Activation.named(activation);
      // train's checks, in train's words: --patience without --validation is refused.
      heldOut();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      DType.parse(dtype);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }

  /** {@code --validation} and {@code --patience}, checked as train checks them. */
  Validation heldOut() {
    return new Validation(validation, patience);
  }

  /**
   * A file to be read must exist and be a readable file: train's check, words and exit codes
   * (optim's {@link OptionPaths}): a folder or an empty path is a usage error, a missing or
   * unreadable file the run's failure.
   *
   * @param spec the command, for a usage error
   * @param option the option's long name
   * @param file the file
   */
  static void requireReadable(CommandSpec spec, String option, Path file) {
    OptionPaths.readableFile(option, file).ifPresent(refusal -> raise(spec, refusal));
  }

  /**
   * A file to be written (replaced if it exists) needs a writable folder and must not be a
   * folder or a device: train's check, words and exit codes ({@link OptionPaths}).
   *
   * @param spec the command, for a usage error
   * @param option the option's long name
   * @param file the file
   * @param exampleName a file name the refusal of a folder suggests in it
   */
  static void requireWritable(CommandSpec spec, String option, Path file, String exampleName) {
    OptionPaths.writableFile(option, file, exampleName).ifPresent(refusal -> raise(spec,
        refusal));
  }

  /**
   * A file's name as typed must not end in a separator, which names a folder: a Path drops it, so
   * {@code --save m.safetensors/} wrote the file {@code m.safetensors} (train's rule and words,
   * {@link CommandLinePaths#folderSpelling}, and, a path of the wrong kind, its usage error).
   *
   * @param option the option's long name
   * @param spec the command, whose parse result holds the text as typed
   */
  static void requireFileName(String option, CommandSpec spec) {
    var matched = spec.commandLine().getParseResult().matchedOption(option);
    List<String> values = matched == null ? List.of() : matched.stringValues();
    String typed = values.isEmpty() ? null : values.get(values.size() - 1);
    CommandLinePaths.folderSpelling(option, typed).ifPresent(why -> {
      throw usage(spec, "%s", why);
    });
  }

  /**
   * Refuses an output that is the input file (the same file by any path), before any work, as
   * the program's {@code train} does, as a usage error: the run would end by replacing the
   * user's data with a model.
   *
   * @param spec the command, for a usage error
   */
  static void requireNotTheInput(CommandSpec spec, String outputOption, Path output,
      String inputOption, Path input) {
    OptionPaths.notTheInput(outputOption, output, inputOption, input)
        .ifPresent(refusal -> raise(spec, refusal));
  }

  /**
   * A path's refusal as the launcher reports it, by train's rule: a path of the wrong kind for
   * its option is a usage error (exit 2), one the file system refuses the run's failure (exit 1).
   * The launcher's own checks made them all failures, where train's had made the first kind
   * usage errors.
   */
  private static void raise(CommandSpec spec, PathRefusal refusal) {
    if (refusal.usage()) {
      throw usage(spec, "%s", refusal.message());
    }
    throw new LaunchFailure(refusal.message(), refusal.cause());
  }

  /** Whether two paths name one file: by any path once both exist, else as spelled, normalized. */
  static boolean samePath(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
          : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    } catch (IOException unreadable) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /**
   * A file that could not be written after the work, in the program's words: the option, the
   * file, why ({@link OptionPaths#reason}, train's), and that the previous file survives (optim's
   * writes are atomic).
   */
  static LaunchFailure writeFailed(String option, Path file, IOException e) {
    return new LaunchFailure(option + " " + file + ": cannot write the file ("
        + OptionPaths.reason(e) + "); any previous file there is left as it was", e);
  }

  private static void require(CommandSpec spec, boolean ok, String format, Object... args) {
    if (!ok) {
      throw usage(spec, format, args);
    }
  }

  /**
   * A usage error of the launcher's command line, which picocli prints with the usage: the one
   * way the launcher's option mixins and the command refuse what they were given.
   */
  static ParameterException usage(CommandSpec spec, String format, Object... args) {
    return new ParameterException(spec.commandLine(), String.format(Locale.ROOT, format, args));
  }
}
