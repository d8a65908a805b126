package dev.chainrule.examples.cli;

import dev.chainrule.core.DType;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.model.Validation;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every training command shares. Their defaults are the command's own {@link
 * Defaults}, supplied by a {@link DefaultsProvider} so that {@code --help} shows them.
 */
public final class TrainingOptions {
  @Option(names = "--epochs", paramLabel = "N",
      description = "Passes over the training data; 0 only with --load (default:"
          + " ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Samples per optimizer step (default: ${DEFAULT-VALUE}; with --load, the"
          + " size the file's run trained with, when the file records one).")
  int batchSize;

  @Option(names = "--lr", paramLabel = "RATE",
      description = "Learning rate (default: ${DEFAULT-VALUE}; with --load, the rate the file's"
          + " run had reached, when the run goes on with the file's optimizer: with another"
          + " --optimizer, the default).")
  double learningRate;

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "sgd, momentum (SGD with momentum μ = 0.9), nesterov (Nesterov momentum,"
          + " μ = 0.9), adam, adamw, rmsprop or adagrad; their other settings the library's"
          + " defaults (default: ${DEFAULT-VALUE}; with --load, the file's, when it records one"
          + " of these, its state continued).")
  String optimizer;

  // Spaces around the commas are the shell's quoting ('8, 4'), not part of a width.
  @Option(names = "--hidden", split = "\\s*,\\s*", splitSynopsisLabel = ",", paramLabel = "WIDTHS",
      description = "Hidden layer widths, e.g. 64,32 (default: ${DEFAULT-VALUE}; with --load,"
          + " the file's network's).")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "NAME",
      description = "Hidden activation: relu, tanh, sigmoid, leaky-relu, elu, gelu, gelu-tanh,"
          + " softplus, identity (default: ${DEFAULT-VALUE}; with --load, the file's"
          + " network's).")
  String activation;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of initialisation, split and"
      + " batch order (default: ${DEFAULT-VALUE}; with --load, the file's).")
  long seed;

  @Option(names = "--dtype", paramLabel = "TYPE", description = "Element type of the model and"
      + " its data: float32 (half the memory, faster) or float64 (default: ${DEFAULT-VALUE}; with"
      + " --load, the file's model's).")
  String dtype;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder for plots and graphs, created if needed; a note names the charts"
          + " an earlier run left there that this run does not draw (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Picture format: png, svg or pdf (default: png).")
  ChartFormat format;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Save the trained model and its description (safetensors; default: not"
          + " saved).")
  Path save;

  @Option(names = "--load", paramLabel = "FILE",
      description = "Start from a saved model, rebuilt from the file alone: an option's help"
          + " says after 'with --load' what it takes from the file when left out, and one given"
          + " must agree with what the file fixes (its network and type, seed, data and rows"
          + " held out); with --epochs 0: evaluate it only (default: a new model).")
  Path load;

  @Option(names = "--validation", paramLabel = "FRACTION", description = "Share of the training"
      + " rows held out to choose the epoch on; the curves then show these rows instead of the"
      + " test rows (default: 0, none; with --load, the share the file's run held out, when it"
      + " records one).")
  double validation;

  @Option(names = "--patience", paramLabel = "N", description = "Stop when the validation"
      + " figure of --monitor (the loss) has not improved for N epochs, and keep the best epoch's"
      + " weights; needs --validation, but with --load, without it, watches the rows the file's"
      + " run held out, when it records a share above 0 (default: 0, every epoch, the last one's"
      + " weights).")
  int patience;

  @Option(names = "--monitor", paramLabel = "NAME", description = "The validation figure"
      + " --patience watches and keeps the best epoch by: loss; for a classification also"
      + " accuracy, balanced-accuracy or macro-f1 (the mean of the classes' F1), which on"
      + " imbalanced classes see the rare ones; for a regression also mae (the mean absolute"
      + " error, in the standardised units of the loss) (default: loss; with --load, the one the"
      + " file's run watched, when it records one).")
  String monitor;

  @Option(names = "--json", description = "Print only one line of JSON results (default:"
      + " off).")
  boolean json;

  @Option(names = "--detect-anomaly", description = "Check every value of the forward and"
      + " backward passes and stop at the first NaN or infinity, naming the op (slower; default:"
      + " off).")
  boolean detectAnomaly;

  @Option(names = "--verbose", description = "Say which matrix-product backend runs and which"
      + " native library it found, and show stack traces of errors (default: off).")
  boolean verbose;

  /**
   * Options with no values yet. Public and without arguments because picocli makes the instance
   * for each command's {@code @Mixin} field by reflection, then sets the fields the command line
   * and the command's {@link DefaultsProvider} give.
   */
  public TrainingOptions() {}

  /**
   * The epochs without a better validation loss before the run stops ({@code --patience}).
   *
   * @return the patience, 0 for none
   */
  public int patience() {
    return patience;
  }

  /** Whether {@code --patience} is to hold out the share the file {@code --load} names. */
  private boolean patienceAwaitsFile(Set<String> named) {
    return load != null && patience > 0 && !named.contains("--validation");
  }

  /**
   * Whether {@code --verbose} was given.
   *
   * @return true to say which backend runs and to show stack traces
   */
  public boolean verbose() {
    return verbose;
  }

  /**
   * The settings, checked: values out of range are usage errors of {@code spec}'s command, and the
   * output folder and the file to save are checked (and the folder created) before any work.
   *
   * @param spec the command, for the usage message
   * @return the checked settings
   */
  public Settings resolve(CommandSpec spec) {
    Usage.check(epochs >= 0, spec, "--epochs must not be negative, got %d", epochs);
    // With no epoch a new model keeps its random weights: its scores and its --save would pass
    // for a trained model. Only a loaded one has something worth evaluating.
    Usage.check(epochs > 0 || load != null, spec,
        "--epochs 0 needs --load: it evaluates a saved model, and a new one is untrained");
    // Settings of training given to a run without any: the header would print them as if used,
    // and --detect-anomaly, taken and silent, would pass for a check that found nothing (the
    // evaluation's data and outputs are checked for non-finite values whether or not it is on).
    Set<String> named = given(spec);
    List<String> unused = Stream.of("--lr", "--optimizer", "--batch-size", "--detect-anomaly")
        .filter(named::contains).toList();
    Usage.check(epochs > 0 || unused.isEmpty(), spec, "%s %s training; --epochs 0 trains"
        + " nothing, it evaluates --load's model", String.join(", ", unused),
        unused.size() == 1 ? "sets" : "set");
    Usage.check(batchSize > 0, spec, "--batch-size must be positive, got %d", batchSize);
    Usage.check(learningRate > 0, spec, "--lr must be positive, got %s",
        Console.number(learningRate));
    // Picocli adds a repeated list option's values: "--hidden 4 --hidden 5" would be two layers,
    // where every other option given twice is refused.
    Usage.check(timesGiven(spec, "--hidden") <= 1, spec, "option '--hidden' (WIDTHS) should be"
        + " specified only once: give all the widths in one, e.g. --hidden 64,32");
    // The split drops empty widths at the end: "8," was taken as 8, and "," as no width at all.
    String widths = typedOriginal(spec, "--hidden");
    Usage.check(widths == null || Stream.of(widths.split(",", -1)).noneMatch(String::isBlank),
        spec, "--hidden '%s' has an empty width: give the widths separated by commas, e.g."
            + " 64,32", widths);
    Usage.check(!hidden.isEmpty() && hidden.stream().allMatch(w -> w > 0), spec,
        "--hidden widths must be positive, got %s",
        String.join(",", hidden.stream().map(String::valueOf).toList()));
    OptimizerChoice chosen;
    Activation function;
    DType type;
    Validation heldOut;
    try {
      chosen = OptimizerChoice.named(optimizer);
      function = Activation.named(activation);
      type = dtype(spec, dtype);
      // With --load and no --validation, --patience watches the rows the file's run held out,
      // known once the file is read (SavedModels.patienceOnFileRows).
      heldOut = patienceAwaitsFile(named) ? Validation.NONE : new Validation(validation, patience);
    } catch (IllegalArgumentException e) {
      throw Usage.error(spec, "%s", e.getMessage());
    }
    Usage.check(epochs > 0 || !heldOut.holdsOut() && !patienceAwaitsFile(named), spec,
        "--validation and --patience choose the epoch to keep; --epochs 0 trains none");
    MonitorChoice watched = MonitorChoice.resolve(spec, monitor, patience);
    // Before --out is created: the refusal of --save s4 --out s4 left s4 behind.
    if (save != null) {
      SaveOption.requireDistinct(spec, save, out);
    }
    PathChecks.requireOutputFolder("--out", out);
    ChartFormat pictures = format != null ? format : ChartFormat.PNG;
    // The loss curves are the one chart every run that trains draws, checked before the data
    // are read; the run checks every chart it may draw once it knows the data and the network
    // (RunPictures.charts).
    PathChecks.requireReplaceableCharts("--out", out, pictures,
        epochs > 0 ? List.of("loss") : List.of());
    if (save != null) {
      SaveOption.check(spec, save, typed(spec, "--save"));
    }
    if (load != null) {
      PathChecks.requireReadableFile("--load", load);
    }
    return new Settings(epochs, batchSize, learningRate, chosen, hidden, function, seed, type,
        out, save, load, json, detectAnomaly, named,
        pictures, heldOut, ClassLoss.NONE, watched);
  }

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
   * Leaves {@code options} out of {@code spec}'s help: for a command that refuses them with a
   * reason of its own (xor, whose four points are its test, holds none out), which it could not
   * give if they were removed.
   *
   * @param spec the command
   * @param options the options' long names
   */
  public static void hideFromHelp(CommandSpec spec, String... options) {
    for (String name : options) {
      OptionSpec option = spec.findOption(name);
      spec.remove(option);
      spec.addOption(option.toBuilder().hidden(true).build());
    }
  }

  /**
   * How many times the command line named {@code option}.
   *
   * @param spec the command
   * @param option the option's long name
   * @return the count
   */
  public static long timesGiven(CommandSpec spec, String option) {
    return spec.commandLine().getParseResult().matchedOptions().stream()
        .filter(o -> o.longestName().equals(option)).count();
  }

  /**
   * The text given to {@code option} on the command line, as typed, or null when it was not: a
   * path's trailing separator is gone once it is a Path.
   *
   * @param spec the command
   * @param option the option's long name
   * @return the last value typed for it, or null
   */
  public static String typed(CommandSpec spec, String option) {
    OptionSpec matched = spec.commandLine().getParseResult().matchedOption(option);
    List<String> values = matched == null ? List.of() : matched.stringValues();
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /** The text given to {@code option} as typed, before picocli split it, or null. */
  private static String typedOriginal(CommandSpec spec, String option) {
    OptionSpec matched = spec.commandLine().getParseResult().matchedOption(option);
    List<String> values = matched == null ? List.of() : matched.originalStringValues();
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /**
   * The long names of the options the command line named.
   *
   * @param spec the command, for the usage message
   * @return the long names of the options named
   */
  public static Set<String> given(CommandSpec spec) {
    Set<String> names = new HashSet<>();
    for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
      names.add(option.longestName());
    }
    return names;
  }

  /**
   * {@code --dtype}'s type; a refusal names the option, as the others' do ({@link DType#parse}'s
   * own message names the parameter, "dtype: unknown type ...").
   *
   * @param spec the command, for the usage message
   * @param dtype the option's value
   * @return the type
   */
  public static DType dtype(CommandSpec spec, String dtype) {
    try {
      return DType.parse(dtype);
    } catch (IllegalArgumentException e) {
      throw Usage.error(spec, "--%s", e.getMessage());
    }
  }
}
