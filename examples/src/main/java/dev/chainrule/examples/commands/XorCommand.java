package dev.chainrule.examples.commands;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.MemoryOptions;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.TrainingOptions;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.run.ChanceWarning;
import dev.chainrule.examples.run.ContinuedRuns;
import dev.chainrule.examples.run.LoadedBatchSize;
import dev.chainrule.examples.run.LossStall;
import dev.chainrule.examples.run.ModelSize;
import dev.chainrule.examples.run.ProgressListener;
import dev.chainrule.examples.run.RunPictures;
import dev.chainrule.examples.run.SavedModels;
import dev.chainrule.examples.run.SettledLoss;
import dev.chainrule.examples.run.TrainingRun;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.report.ChanceLevel;
import dev.chainrule.optim.report.JsonLine;
import dev.chainrule.optim.report.RunReport;
import dev.chainrule.optim.train.DivergenceException;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "xor", mixinStandardHelpOptions = true,
    description = {"A network of 2 inputs, the --hidden layers (by default one of 2 units: 2-2-1)"
        + " and one sigmoid output (binary cross-entropy) learns XOR by backpropagation and"
        + " prints its truth table."})
final class XorCommand implements Callable<Integer>, Defaults.Owner, MemoryOptions {
  static final Tensor INPUTS = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  static final Tensor TARGETS = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});
  static final Defaults DEFAULTS = new Defaults(1000, 4, 0.1, "adam", List.of(2), "tanh", 7L);

  @Mixin
  TrainingOptions options;

  @Spec
  CommandSpec spec;

  /** Correct rows of the truth table after training, for tests. */
  int correct;

  @Override
  public Defaults defaults() {
    return DEFAULTS;
  }

  /** Four points, in batches of at most four: the network is all that grows. */
  @Override
  public String memoryOptions() {
    return "--hidden widths";
  }

  @Override
  public Integer call() throws IOException {
    // Before the options' own checks, whose "--patience needs --validation" would send the
    // user to an option xor refuses too (and its help does not show).
    Set<String> given = TrainingOptions.given(spec);
    Usage.check(!given.contains("--validation") && !given.contains("--patience"), spec,
        "--validation and --patience: xor trains and scores the same four points, and has no"
            + " rows to hold out");
    Usage.check(!given.contains("--monitor"), spec, "--monitor: xor trains and scores the same"
        + " four points, and has no rows to hold out to choose an epoch by");
    Settings resolved = options.resolve(spec);
    ModelCheckpoint.DescribedModel loaded = resolved.load() == null ? null
        : SavedModels.load(resolved, spec, "xor");
    // The file's optimizer, rate, batch size and seed, as every training command takes them.
    Settings s = loaded == null ? resolved
        : LoadedBatchSize.continuing(SavedModels.continuing(resolved, loaded), loaded);
    Console console = new Console(spec.commandLine().getOut(), Terminal.isInteractive())
        .withNotesTo(spec.commandLine().getErr())
        .forJson(s.json());
    TrainingCommand.describeBackend(console, options.verbose());
    Result result;
    try (Autograd.Scope anomaly = s.detectAnomaly() ? Autograd.detectAnomaly() : null) {
      result = solve(s, console, loaded);
    }
    correct = result.correct();
    if (s.json()) {
      // With --epochs 0 no epoch ran: the loaded model's loss on the four points, as the other
      // commands report theirs on the training rows (this was null).
      double trainLoss = result.history() != null ? result.history().last().trainLoss()
          : Evaluation.score(result.model(), Loss.binaryCrossEntropy(),
              new Dataset(INPUTS, TARGETS)).loss();
      Map<String, Object> report = RunReport.fields("xor", result.history(),
          result.parameters(), result.model().dtype(), trainLoss,
          Map.of("test_accuracy", correct / 4.0));
      LossStall.addTo(report, result.history());
      ChanceLevel.addTo(report, result.confusion());
      if (result.first() > 0 && result.history() != null) {
        report.put("first_epoch", result.first() + 1);  // as TrainingRun's: the whole run's
      }
      console.result(JsonLine.of(report));
    }
    result.drawPictures(s, console);
    return 0;
  }

  /**
   * What a run of XOR did: its score (the truth table's correct rows, and their confusion
   * matrix), the model and gradient flow its pictures show, and the epochs the loaded model had
   * trained before (0 for a new one).
   */
  record Result(int correct, ConfusionMatrix confusion, History history, Sequential model,
      GradientFlow flow, int first) {
    long parameters() {
      return model.parameterCount();
    }

    /**
     * The decision boundary, curves and gradient flow; after the results are printed, so that a
     * picture that cannot be written (a full disk) fails the run without losing what it printed.
     */
    void drawPictures(Settings s, Console console) throws IOException {
      RunPictures pictures = new RunPictures("xor", s.out(), s.format());
      pictures.drawBinary(model, history, INPUTS, TARGETS.reshape(4), flow);
      pictures.report(console);
    }
  }

  /** Trains (or loads) the network, prints its truth table and saves it. */
  static Result solve(Settings s, Console console, ModelCheckpoint.DescribedModel loaded)
      throws IOException {
    if (loaded == null) {
      ModelSize.requireFits(ModelSize.widths(2, s.hidden(), 1), s.batchSize(), INPUTS.dim(0),
          Evaluation.CHUNK_ROWS, s.optimizer(), s.dtype());
    }
    Sequential model = loaded != null ? loaded.model() : network(s);
    if (loaded == null) {
      model.to(s.dtype());
    }
    GradientFlow flow = s.epochs() > 0 ? GradientFlow.of(model, INPUTS) : null;
    requireReplaceableCharts(s, flow);
    // The batch size is shown: below 4 the steps are stochastic, and --batch-size changes the
    // result as --seed does.
    Settings shown = s.batchSize() <= INPUTS.dim(0) ? s : s.withBatchSize(INPUTS.dim(0));
    console.printf("xor: %s network (%s hidden, sigmoid output, %s), %d parameters; %s",
        Mlp.describe(ModelDescription.layersOf(model)),
        Mlp.hiddenActivation(ModelDescription.layersOf(model)), model.dtype(),
        model.parameterCount(), TrainingRun.training(shown));
    // Numbered on from the file's epochs, in its batch size and seed: the batch orders of one
    // uninterrupted run (xor restarted at epoch 1, and at batch size 1 ended elsewhere).
    int first = ContinuedRuns.start(loaded, s, console);
    Optimizer optimizer = s.optimizer().build(model, s.learningRate());
    // Saved again without training, the file keeps its optimizer state as it keeps its epoch.
    if (loaded != null && (s.epochs() > 0 || s.save() != null)) {
      SavedModels.resumeOptimizer(s, loaded.optimizer(), optimizer, console);
    }
    History history = null;
    if (s.epochs() > 0) {
      try (ProgressListener progress = ProgressListener.of(console, first, s.epochs(), null)) {
        Trainer.Builder trainer = Trainer.builder(model, Loss.binaryCrossEntropy(), optimizer)
            .epochs(first + s.epochs()).batchSize(s.batchSize()).seed(s.seed())
            .listener(progress).listener(flow);
        ContinuedRuns.resume(trainer, loaded, first, s, console);
        history = trainer.build().fit(new Dataset(INPUTS, TARGETS));
      } catch (DivergenceException e) {
        throw TrainingRun.diverged(e, "xor", s, console, flow);
      }
    }
    LossStall.report(history, s.learningRate(), flow, loaded != null, console);
    Tensor outputs = Evaluation.predict(model, INPUTS);
    console.println(" x1  x2 | target | output | predicted");
    int correct = 0;
    double[] answers = new double[4];
    for (int i = 0; i < 4; i++) {
      int predicted = outputs.get(i, 0) >= 0.5 ? 1 : 0;
      answers[i] = predicted;
      correct += predicted == (int) TARGETS.get(i, 0) ? 1 : 0;
      console.printf("  %d   %d |    %d   | %.4f |     %d", (int) INPUTS.get(i, 0),
          (int) INPUTS.get(i, 1), (int) TARGETS.get(i, 0), outputs.get(i, 0), predicted);
    }
    console.printf("%d of 4 correct", correct);
    // A loss that never moved was the learning rate's doing (or dead units'), which the stall
    // warning above names: advice about local minima would point away from it.
    String shape = Mlp.describe(ModelDescription.layersOf(model));
    // Under --load the file's seed and hidden layers go on (others are refused): advice to
    // change them says to train a new network. A loss that settled leaves no room for epochs.
    // A loss still near its start took steps too small for its epochs: not a local minimum.
    Optional<String> settled = SettledLoss.describe(history);
    Optional<String> slow = SettledLoss.nearStart(history);
    String advice = LossStall.advice(history, flow, loaded != null)
        .orElse(slow.isPresent() ? XorAdvice.NEAR_START
            : XorAdvice.advice(loaded == null ? s.hidden() : SavedModels.hiddenWidths(loaded),
                settled.isPresent(), loaded != null));
    if (correct < 4 && s.epochs() > 0) {
      // A learner's first question: besides a run too short, a small network has local minima
      // (a hidden unit saturated, outputs stuck at one value: 0.5 for two, or 1/3 for three)
      // that some seeds fall into.
      console.printf(LossStall.advice(history, flow).isPresent()
          ? "XOR not learned: the training loss did not move (see the warning above); try %2$s"
          : slow.isPresent() ? "XOR not learned: %4$s, steps too small for this many epochs;"
              + " try %2$s"
          : settled.isPresent() ? "XOR not learned: %3$s, a start that fell into one of the"
              + " %1$s network's local minima (a saturated unit: outputs stuck at one value),"
              + " which more epochs do not leave; try %2$s"
          : "XOR not learned: a run too short, or a start that falls into one of the %1$s"
              + " network's local minima (a saturated unit: outputs stuck at one value), ends"
              + " so; try %2$s", shape, advice, settled.orElse(""), slow.orElse(""));
    }
    // The four points are xor's test as well as its training rows (README: "whose four points are
    // its test"), and half of them are each class: two of four right is what always answering
    // one class scores, a network that learned nothing, as in any classifier's report. The
    // warning reaches standard error under --json, where the lines above do not; its advice is
    // xor's own, as its failures are local minima more than vanishing gradients.
    ConfusionMatrix confusion = ConfusionMatrix.tally(Tensor.vector(answers), TARGETS.reshape(4),
        2);
    (history != null ? ChanceWarning.warning(confusion, "try " + advice)
        : ChanceWarning.warning(confusion, ChanceWarning.Trained.EVALUATED))
        .ifPresent(console::println);
    Map<String, String> metadata = ContinuedRuns.metadata(s, history, first, loaded);
    SavedModels.saveIfAsked(s, console,
        file -> ModelCheckpoint.save(file, model, optimizer, describe(model), metadata));
    return new Result(correct, confusion, history, model, flow, first);
  }

  /**
   * Every chart a run of the XOR network draws must be replaceable where it is, checked before
   * the run: a folder under decision-boundary.png failed the run after it had printed and saved.
   *
   * @param s the settings, whose output folder and format the charts take
   * @param flow the run's gradient statistics, made before training; null when no epoch runs
   */
  static void requireReplaceableCharts(Settings s, GradientFlow flow) {
    PathChecks.requireReplaceableCharts("--out", s.out(), s.format(),
        RunPictures.binaryCharts(flow));
  }

  /**
   * As {@link #requireReplaceableCharts(Settings, GradientFlow)} for a new network of {@code s}
   * that trains: for gates, before its perceptrons.
   *
   * @param s the settings of the network to train
   */
  static void requireReplaceableCharts(Settings s) {
    Sequential model = network(s);
    model.to(s.dtype());
    requireReplaceableCharts(s, GradientFlow.of(model, INPUTS));
  }

  /** The hidden layers as every command builds them, then one sigmoid unit for probabilities. */
  private static Sequential network(Settings s) {
    List<Layer> layers = new ArrayList<>(Mlp.layers(2, s.hidden(), 1, s.activation(), s.seed()));
    layers.add(Activation.sigmoid());
    return Sequential.of(layers.toArray(Layer[]::new));
  }

  private static ModelDescription describe(Sequential model) {
    return ModelDescription.builder(Task.BINARY, ModelDescription.layersOf(model)).name("xor")
        .dtype(model.dtype()).features(List.of("x1", "x2"), null)
        .label("xor", List.of("0", "1")).build();
  }
}
