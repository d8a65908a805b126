package dev.chainrule.examples.commands;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.examples.HeapPolicy;
import dev.chainrule.examples.cli.ClassLossOptions;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.MemoryOptions;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.TrainingOptions;
import dev.chainrule.examples.run.ChanceWarning;
import dev.chainrule.examples.run.ClassWeights;
import dev.chainrule.examples.run.LoadedBatchSize;
import dev.chainrule.examples.run.SavedModels;
import dev.chainrule.examples.run.SplitRemedies;
import dev.chainrule.examples.run.TrainingRun;
import dev.chainrule.examples.run.WatchedFigure;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.UnlearnableDataException;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that trains an MLP (or a network of its own) on one problem: the shared options, the
 * command's defaults, and the shared run. Subclasses say what the problem is.
 */
abstract class TrainingCommand implements Callable<Integer>, Defaults.Owner, MemoryOptions {
  @Mixin
  TrainingOptions options;

  @Mixin
  ClassLossOptions classLoss;

  @Spec
  CommandSpec spec;

  /** The result of the last call, for tests. */
  TrainingRun.Outcome outcome;

  /**
   * The metadata of the file {@code --load} read, empty without one: what a command's data
   * options were in the file's run ({@link #dataMetadata}), read by {@link #problem}.
   */
  Map<String, String> loadedMetadata = Map.of();

  /**
   * The problem to train on.
   *
   * @param loaded the description of the model {@code --load} rebuilt, or null: its feature
   *     scaling replaces the one fitted on the data
   */
  abstract Problem problem(Settings settings, ModelDescription loaded) throws Exception;

  /** Checks the command's own options; a usage error here comes before anything is written. */
  void checkOptions() {}

  /**
   * The settings the run uses: the resolved ones, which a command may adjust to its own options.
   *
   * @param resolved the command line over the command's defaults
   * @return the settings to train with
   */
  Settings adjust(Settings resolved) {
    return resolved;
  }

  /**
   * A network of the command's own, or null to train an MLP of the {@code --hidden} widths.
   *
   * @param problem the data
   * @param settings the run's settings
   * @return the untrained network, or null
   */
  TrainingRun.Network network(Problem problem, Settings settings) {
    return null;
  }

  /**
   * What the command's reading of its data adds to the run's JSON line, in order.
   *
   * @return field names and values; empty by default
   */
  Map<String, Object> dataReport() {
    return Map.of();
  }

  /**
   * What the command's reading of its data adds to the metadata of the file {@code --save}
   * writes, so that a run that loads it reads the same data (fashion-mnist's {@code --limit}).
   *
   * @return metadata keys and values; empty by default
   */
  Map<String, String> dataMetadata() {
    return Map.of();
  }

  /** The MLP's widths and the batch's rows; a command with a data-size option adds it. */
  @Override
  public String memoryOptions() {
    return "--hidden widths or --batch-size";
  }

  Console console() {
    return new Console(spec.commandLine().getOut(), Terminal.isInteractive())
        .withNotesTo(spec.commandLine().getErr());
  }

  /**
   * With {@code --verbose}, the line that says which backend runs the matrix products, which
   * native library it found (or why none) and how it was chosen.
   */
  static void describeBackend(Console console, boolean verbose) {
    if (verbose) {
      console.info("matrix products: " + GemmBackend.describe());
    }
  }

  @Override
  public Integer call() throws Exception {
    checkOptions();
    Settings settings = adjust(options.resolve(spec));
    settings = settings.withClassLoss(classLoss.resolve(spec, settings.epochs()));
    ModelCheckpoint.DescribedModel loaded = null;
    if (settings.load() != null) {
      loaded = SavedModels.load(settings, spec, spec.name());
      settings = SavedModels.continuing(settings, loaded);
      settings = LoadedBatchSize.continuing(settings, loaded);
      settings = ClassWeights.continuing(settings, loaded);
      settings = SavedModels.patienceOnFileRows(settings, loaded, options.patience(), spec);
      settings = WatchedFigure.continuing(settings, loaded, spec);
      loadedMetadata = loaded.report().metadata();
    }
    // --test-fraction is train's alone, and a loaded model keeps its saved fraction (another
    // would test on rows it trained on): the advice of a refusal or a warning names it only then.
    boolean testFraction = loaded == null && spec.optionsMap().containsKey("--test-fraction");
    Problem problem;
    try {
      problem = problem(settings, loaded == null ? null : loaded.description());
    } catch (UnlearnableDataException e) {
      // The library's refusal of a split names no option; the program's names its own.
      throw SplitRemedies.named(e, new ChanceWarning.Advice(testFraction, false));
    }
    ClassWeights.requireFits(problem, settings, spec, loaded);
    WatchedFigure.requireFits(problem, settings, spec);
    HeapPolicy.dataLoaded();
    Console console = console().forJson(settings.json());
    describeBackend(console, options.verbose());
    try (Autograd.Scope anomaly = settings.detectAnomaly() ? Autograd.detectAnomaly() : null) {
      TrainingRun.Network network = loaded == null ? network(problem, settings) : null;
      // Advice names the options this run takes: --test-fraction as above; --activation
      // shapes an MLP built here (--model cnn refuses it), or one trained anew after --epochs 0
      // evaluated a loaded MLP, whose further training keeps its own.
      ChanceWarning.Advice advice = new ChanceWarning.Advice(testFraction,
          loaded == null ? network == null : settings.epochs() == 0, loaded != null);
      outcome = TrainingRun.run(problem, settings, console, loaded, network, advice,
          dataReport(), dataMetadata());
    }
    return 0;
  }
}
