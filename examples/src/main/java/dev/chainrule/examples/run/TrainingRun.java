package dev.chainrule.examples.run;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.ClassLoss;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Summary;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.report.BestWeights;
import dev.chainrule.optim.report.ChanceLevel;
import dev.chainrule.optim.report.JsonLine;
import dev.chainrule.optim.report.RunReport;
import dev.chainrule.optim.train.DivergenceException;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What every training command does once it has its data: build an MLP (or take a loaded one, or
 * the network the command built), print its summary, train with progress output, evaluate on the
 * test data, draw pictures, optionally save, and report (with a JSON line on request).
 */
public final class TrainingRun {
  private TrainingRun() {}

  /**
   * A network a command builds itself instead of an MLP of {@code --hidden} widths.
   *
   * @param model the untrained network, taking the problem's feature rows
   * @param description its layers in a few words, for the header line and the checkpoint
   * @param schedule the learning rate by epoch, or null for the constant rate of {@code --lr}
   */
  public record Network(Sequential model, String description, LearningRateSchedule schedule) {}

  /**
   * The result of a run.
   *
   * @param model the trained network
   * @param history null when no epoch was run (--epochs 0)
   * @param trainLoss the last epoch's training loss; without an epoch, the loaded model's loss on
   *     the rows its run trained on (validation rows left out) with {@code --json}, else NaN (not
   *     computed)
   * @param testMetric accuracy for classification, mean squared error (standardised) for
   *     regression
   * @param confusion null for regression
   * @param testPredictions the model's outputs for the test data
   * @param report the fields of the JSON line
   */
  public record Outcome(Sequential model, History history, double trainLoss, double testMetric,
      ConfusionMatrix confusion, Tensor testPredictions, Map<String, Object> report) {}

  /**
   * Trains, evaluates, draws and reports one problem.
   *
   * @param problem the data
   * @param s the settings
   * @param console where to report
   * @param loaded the model {@code --load} rebuilt, or null for a new one
   * @param network the command's own network, or null for an MLP of {@code --hidden} widths
   * @param advice the options the command takes that a warning of chance may name
   * @param dataReport what the command's reading of the data adds to the JSON line (the rows
   *     {@code --missing drop} left out), in order; empty for none
   * @param dataMetadata what the command's reading of the data adds to the saved file's metadata
   *     (fashion-mnist's images used); empty for none
   * @return what the run achieved
   * @throws IOException when a picture or the checkpoint cannot be written
   */
  public static Outcome run(Problem problem, Settings s, Console console,
      ModelCheckpoint.DescribedModel loaded, Network network, ChanceWarning.Advice advice,
      Map<String, Object> dataReport, Map<String, String> dataMetadata) throws IOException {
    if (loaded == null && network == null) {
      ModelSize.requireFits(ModelSize.widths(problem.inputs(), s.hidden(), problem.outputs()),
          s.batchSize(), problem.train().size(), evaluatedRows(problem), s.optimizer(),
          s.dtype());
    }
    Sequential model = loaded != null ? loaded.model() : network != null ? network.model()
        : Mlp.of(problem.inputs(), s.hidden(), problem.outputs(), s.activation(), s.seed());
    if (loaded == null) {
      model.to(s.dtype());
    }
    String shape;
    if (network != null) {
      shape = network.description() + " network (" + model.dtype() + ")";
    } else {
      var layers = ModelDescription.layersOf(model);
      String activation = Mlp.hiddenActivation(layers);
      shape = Mlp.describe(layers) + " network (" + (activation == null ? "no hidden layer"
          : activation) + ", " + model.dtype() + ")";
    }
    HeldOutRows rows;
    try {
      rows = HeldOutRows.of(problem, s.validation(), s.seed());
    } catch (IllegalArgumentException e) {
      // The data decides it (too few rows for the share): the run's failure, not a usage error.
      throw new Failure(e.getMessage(), e);
    }
    // Balanced weights from the rows trained on, validation rows left out, as a fit's scaling.
    ClassLoss classLoss = ClassWeights.resolved(s.classLoss(), problem, rows.train());
    Loss loss = problem.regression() ? Loss.meanSquaredError() : ClassWeights.loss(classLoss);
    // Made before training, as its start snapshot is; it also tells the activation charts.
    GradientFlow flow = s.epochs() > 0 ? GradientFlow.of(model, rows.train()) : null;
    // Every chart the run may draw, before it prints or trains: one that could not be replaced
    // (a folder under accuracy.png) failed the run after it had trained, printed and saved.
    PathChecks.requireReplaceableCharts("--out", s.out(), s.format(),
        RunPictures.charts(problem, flow));
    console.printf("%s: %s, %,d parameters; %s; %d training%s and %d test samples",
        problem.task(), shape, model.parameterCount(), training(s), rows.train().size(),
        s.validation().holdsOut() ? ", " + rows.watched().size() + " validation" : "",
        problem.test().size());
    // A file the program saved says how many epochs its weights had: the run goes on from the
    // next, with the batch orders an uninterrupted run would have had.
    int first = ContinuedRuns.start(loaded, s, console);
    UnrecordedRun.validationNote(loaded, s).ifPresent(console::println);
    UnrecordedRun.splitNote(loaded, s, problem.preparation().split())
        .ifPresent(console::println);
    rows.untrainedClassWarnings(problem).forEach(line -> console.println("warning: " + line));
    String weighing = ClassWeights.describe(classLoss, problem.classNames());
    if (weighing != null) {
      console.println(weighing);
    }
    Summary summary = model.summary(Shape.of(1, problem.inputs()));
    // --epochs 0 only evaluates: the mode the run uses, not the one a model is built in.
    console.println((s.epochs() > 0 ? summary : new Summary(summary.input(), summary.rows(),
        summary.parameters(), summary.frozen(), summary.buffers(), "evaluation")).toString());
    Optimizer optimizer = s.optimizer().build(model, s.learningRate());
    // Saved again without training, the file keeps its optimizer state as it keeps its epoch.
    if (loaded != null && (s.epochs() > 0 || s.save() != null)) {
      SavedModels.resumeOptimizer(s, loaded.optimizer(), optimizer, console);
    }
    History history = null;
    if (s.epochs() > 0) {
      try (ProgressListener progress = ProgressListener.of(console, first, s.epochs(),
          rows.name())) {
        Trainer.Builder trainer = Trainer.builder(model, loss, optimizer)
            .epochs(first + s.epochs()).batchSize(s.batchSize()).seed(s.seed())
            .listener(progress).listener(flow);
        if (network != null && network.schedule() != null) {
          trainer.schedule(network.schedule());
        }
        WatchedFigure.configure(trainer, s);
        ContinuedRuns.resume(trainer, loaded, first, s, console);
        history = trainer.build().fit(rows.train(), rows.watched());
      } catch (DivergenceException e) {
        throw diverged(e, problem.task(), s, console, flow);
      }
      if (s.validation().stopsEarly()) {
        console.println(BestWeights.describe(history, s.monitor().monitor()));
      }
    }
    // --model cnn refuses --activation: its dead units are not sent to another.
    LossStall.report(history, s.learningRate(), flow, loaded != null, advice.activation(),
        console);
    ChanceWarning.Trained trained = ChanceWarning.Trained.of(history != null, flow);
    Tensor predictions = Evaluation.predict(model, problem.test());
    FiniteOutputs.require(predictions, row -> problem.test().rows(row, row + 1),
        row -> "test row " + (row + 1), problem.columns().features());
    ConfusionMatrix confusion = null;
    double metric;
    Map<String, Object> scores = new LinkedHashMap<>();
    // at_chance, judged with the warning; with every test score, --epochs 0's too: a script
    // reads the two side by side.
    Map<String, Object> chance = new LinkedHashMap<>();
    if (problem.regression()) {
      metric = Metrics.meanSquaredError(predictions, problem.test().labels());
      scores.put("test_mse_standardised", metric);
      scores.putAll(RegressionReport.print(problem, predictions, metric, console));
      // As a classifier at chance is: R² at most 0 is no better than a constant.
      ChanceWarning.regressionWarning((Double) scores.get("test_r2"), trained, advice)
          .ifPresent(console::println);
      ChanceLevel.addTo(chance, (Double) scores.get("test_r2"));
    } else {
      confusion = Metrics.confusion(predictions, problem.test().labels(), problem.outputs());
      metric = confusion.accuracy();
      scores.put("test_accuracy", metric);
      console.printf("test accuracy %.4f (%d of %d)", metric,
          Math.round(metric * problem.test().size()), problem.test().size());
      console.println(ConfusionSummary.of(confusion, problem.classNames(),
          s.out().resolve("confusion." + s.format().extension())));
      // A loaded model only evaluated is as much a result as a trained one: at chance, it says so.
      // Weights trade accuracy for the rare classes' recall: balanced accuracy judges such a run.
      if (classLoss.weights() != null) {
        scores.put("test_balanced_accuracy", confusion.balancedAccuracy());
        ChanceWarning.reportWeighted(confusion, trained, advice, console);
        ChanceLevel.addBalancedTo(chance, confusion);
      } else {
        ChanceWarning.report(confusion, trained, advice, console);
        ChanceLevel.addTo(chance, confusion);
      }
    }
    // Without an epoch, the training rows' loss is a forward pass over all of them, and only the
    // JSON line prints it: it took 0.5 s of the 2.0 that evaluating a Fashion-MNIST model took.
    // The rows trained on, as an epoch's figure is: with the file's validation rows held out,
    // the problem's training part counted them too (0.0608 where the 90 rows gave 0.0571).
    double trainLoss = history != null ? BestWeights.trainLoss(history)
        : s.json() ? Evaluation.score(model, loss, rows.train()).loss() : Double.NaN;
    // The model first: a picture that cannot be written (a full disk) must not lose the run.
    // The epochs the saved weights had: the best epoch's under early stopping.
    // With early stopping's record, which a run loaded from the file goes on from.
    // One set of entries with the Spark launcher's files (SavedRunMetadata), which train --load
    // reads from either; and the seed, which the launcher's files record as their split's.
    Map<String, String> metadata = ContinuedRuns.metadata(s, history, first, loaded);
    metadata.putAll(ClassWeights.metadata(classLoss));
    metadata.putAll(dataMetadata);
    if (network != null) {
      // A description rebuilds MLPs only: this file is a state_dict, loaded in code.
      metadata.put(ModelCheckpoint.NETWORK_KEY, network.description());
      metadata.put("chainrule.task", problem.task());
    }
    SavedModels.saveIfAsked(s, console, network == null
        ? file -> ModelCheckpoint.save(file, model, optimizer, problem.describe(model), metadata)
        : file -> ModelCheckpoint.save(file, model, optimizer, metadata));
    Map<String, Object> report = RunReport.fields(problem.task(), history,
        model.parameterCount(), model.dtype(), trainLoss, scores);
    LossStall.addTo(report, history);
    report.putAll(chance);
    if (!problem.regression()) {
      ClassWeights.addTo(report, classLoss);
    }
    report.putAll(dataReport);
    BestWeights.addTo(report, s.validation(), rows, history);
    WatchedFigure.addTo(report, s, history);
    if (first > 0 && history != null) {
      // As the Spark launcher's: "epochs" counts this run's, epoch numbers the whole run's.
      report.put("first_epoch", first + 1);
    }
    if (s.json()) {
      console.result(JsonLine.of(report));
    }
    // After the results: a picture that cannot be written (a full disk) fails the run, but a
    // script still reads what it trained, and the model is saved.
    RunPictures pictures = new RunPictures(problem.task(), s.out(), s.format(), rows.name());
    pictures.draw(problem, model, history, confusion, flow);
    pictures.report(console);
    return new Outcome(model, history, trainLoss, metric, confusion, predictions, report);
  }

  /**
   * A diverged run as one line for people, after drawing the curves (and the gradient flow) of the
   * epochs that completed.
   *
   * @param e what the trainer reported
   * @param task the command's name
   * @param s the settings
   * @param console where the pictures line goes
   * @param flow the run's gradient statistics
   * @return the failure to throw
   * @throws IOException when a picture cannot be written
   */
  public static Failure diverged(DivergenceException e, String task, Settings s, Console console,
      GradientFlow flow) throws IOException {
    if (!e.history().epochs().isEmpty()) {
      RunPictures pictures = new RunPictures(task, s.out(), s.format(),
          HeldOutRows.name(s.validation()));
      pictures.drawDiverged(e.history(), flow);
      pictures.report(console);
    }
    // The library's advice names its API; the program's user has the option.
    String message = e.getMessage().replace(DivergenceException.ANOMALY_ADVICE,
        "a run with --detect-anomaly names the op whose rule made a gradient not finite");
    return new Failure(e.beforeAnyStep() ? message : message
        + "; try a smaller learning rate than --lr " + Console.setting(s.learningRate()), e);
  }

  /**
   * The training settings as the header shows them; a run of {@code --epochs 0} has none, and
   * showed the file's optimizer, rate and batch size, which such a run refuses as options.
   *
   * @param s the settings
   * @return "adam, lr 0.02, batch 16, 200 epochs", or "evaluation only (--epochs 0)"
   */
  public static String training(Settings s) {
    return s.epochs() == 0 ? "evaluation only (--epochs 0)" : String.format(Locale.ROOT,
        "%s, lr %s, batch %d, %d epoch%s", s.optimizer(), Console.setting(s.learningRate()),
        s.batchSize(), s.epochs(), s.epochs() == 1 ? "" : "s");
  }

  /**
   * The most rows evaluated at once: the test set, the training set or a picture's grid, which
   * {@link Evaluation#predict} takes a chunk at a time.
   */
  private static long evaluatedRows(Problem problem) {
    long rows = Math.max(problem.test().size(), problem.train().size());
    rows = problem.inputs() == 2 ? Math.max(rows, RunPictures.GRID_POINTS) : rows;
    return Math.min(rows, Evaluation.CHUNK_ROWS);
  }
}
