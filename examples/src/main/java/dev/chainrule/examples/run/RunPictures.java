package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.plot.ChartFiles;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.examples.plot.ConfusionMatrixChart;
import dev.chainrule.examples.plot.CurveChart;
import dev.chainrule.examples.plot.DecisionBoundaryChart;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.optim.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The pictures of a run, under its output folder: loss and accuracy curves, the confusion matrix,
 * for problems in the plane the decision boundary, and the gradient-flow pictures.
 */
public final class RunPictures {
  /** Points a decision-boundary picture asks the model about at once (its grid). */
  public static final long GRID_POINTS =
      (long) DecisionBoundaryChart.GRID_RESOLUTION * DecisionBoundaryChart.GRID_RESOLUTION;

  private final String task;
  private final Path out;
  private final ChartFormat format;
  /** The rows whose curves are drawn beside the training rows': "test" or "validation". */
  private final String heldOut;
  private final List<Path> written = new ArrayList<>();
  /** Pictures not drawn, and why. */
  private final List<String> notes = new ArrayList<>();

  /**
   * Pictures of one run.
   *
   * @param task the command's name, which starts every title
   * @param out the folder to write into
   * @param format the file format of every picture
   */
  public RunPictures(String task, Path out, ChartFormat format) {
    this(task, out, format, "test");
  }

  /**
   * Pictures of one run whose curves show held-out rows other than the test rows.
   *
   * @param task the command's name, which starts every title
   * @param out the folder to write into
   * @param format the file format of every picture
   * @param heldOut the rows whose curves are drawn beside the training rows' ("validation")
   */
  RunPictures(String task, Path out, ChartFormat format, String heldOut) {
    this.task = task;
    this.out = out;
    this.format = format;
    this.heldOut = heldOut;
  }

  /**
   * The charts {@link #draw} may write for a run of {@code problem}, to check before the run
   * that each one already in the output folder can be replaced ({@link
   * PathChecks#requireReplaceableCharts}): a chart that could not be was found after training,
   * with the results printed and the model saved, and the charts after it not drawn. The charts
   * of training come with a gradient flow, and are checked whether or not training gives them
   * something to show (gradients all 0 draw no gradient chart).
   *
   * @param problem the data
   * @param flow the run's gradient statistics, made before training (its hidden layers'
   *     snapshots are the activation charts); null when no epoch runs
   * @return the charts' names, as {@link ChartFiles#write} takes them
   */
  static List<String> charts(Problem problem, GradientFlow flow) {
    List<String> names = new ArrayList<>();
    if (flow != null) {
      names.add("loss");
      if (!problem.regression()) {
        names.add("accuracy");
      }
    }
    if (!problem.regression()) {
      names.add("confusion");
    }
    if (drawsBoundary(problem)) {
      names.add("decision-boundary");
    }
    names.addAll(trainingCharts(flow));
    return names;
  }

  /**
   * The charts {@link #drawBinary} may write, as {@link #charts} says of {@link #draw}'s.
   *
   * @param flow the run's gradient statistics, made before training; null when no epoch runs
   * @return the charts' names, as {@link ChartFiles#write} takes them
   */
  public static List<String> binaryCharts(GradientFlow flow) {
    List<String> names = new ArrayList<>();
    if (flow != null) {
      names.addAll(List.of("loss", "accuracy"));
    }
    names.add("decision-boundary");
    names.addAll(trainingCharts(flow));
    return names;
  }

  /** The gradient-flow charts ({@link GradientPictures}) of a run that trains with {@code flow}. */
  private static List<String> trainingCharts(GradientFlow flow) {
    List<String> names = new ArrayList<>();
    if (flow != null) {
      names.addAll(List.of("gradients", "gradient-ratio"));
      for (int i = 1; i <= flow.activationsAtStart().size(); i++) {
        names.add("activations-hidden-" + i);
      }
    }
    return names;
  }

  /** Whether a decision boundary is drawn: a classifier in the plane, of few enough classes. */
  private static boolean drawsBoundary(Problem problem) {
    return !problem.regression() && problem.inputs() == 2
        && problem.classNames().size() <= DecisionBoundaryChart.MAX_CLASSES;
  }

  /** The pictures of a classification or regression run. */
  void draw(Problem problem, Module model, History history, ConfusionMatrix confusion,
      GradientFlow flow) throws IOException {
    curves(history);
    if (confusion != null) {
      written.add(ChartFiles.write(ConfusionMatrixChart.of(task + ": confusion matrix (test)",
          confusion, problem.classNames()), out, "confusion", format));
    }
    int classes = problem.classNames().size();
    if (!problem.regression() && problem.inputs() == 2 && !drawsBoundary(problem)) {
      // A chart's colours must not fail a run that trained and scored fine.
      notes.add(String.format(Locale.ROOT,
          "no decision boundary picture: %d classes, more than the %d"
          + " colours it tells apart", classes, DecisionBoundaryChart.MAX_CLASSES));
    } else if (drawsBoundary(problem)) {
      // The model's inputs, standardised where the data were: the axes say so, or a learner
      // looks for blobs' centres at (−2, −2) and finds them near (−1, −0.6).
      String units = problem.preparation().features() == null ? "" : " (standardised)";
      List<String> axes = problem.columns().features().stream().map(name -> name + units)
          .toList();
      written.add(ChartFiles.write(DecisionBoundaryChart.of(
          task + ": decision boundary (test points)",
          points -> Evaluation.predict(model, points).argmax(1, false),
          problem.test().features(), problem.test().labels(), problem.classNames(), 0.5, axes),
          out, "decision-boundary", format));
    }
    gradients(flow, history);
    noteLeftOver(history);
  }

  /**
   * The pictures of a one-output binary classifier in the plane (XOR).
   *
   * @param model the trained model, with a probability as its one output
   * @param history null when no epoch ran
   * @param points [N, 2] the data
   * @param labels [N] 0 or 1
   * @param flow the run's gradient statistics, or null when no epoch ran
   * @throws IOException when a picture cannot be written
   */
  public void drawBinary(Module model, History history, Tensor points, Tensor labels,
      GradientFlow flow) throws IOException {
    curves(history);
    written.add(ChartFiles.write(DecisionBoundaryChart.of(task + ": decision boundary",
        grid -> Evaluation.predict(model, grid).ge(0.5).reshape(grid.dim(0)), points, labels,
        List.of("0", "1"), 0.5, List.of("x1", "x2")), out, "decision-boundary", format));
    gradients(flow, history);
    noteLeftOver(history);
  }

  /**
   * The pictures of a run that diverged: the curves and the gradient flow of the epochs that
   * completed.
   *
   * @param history the completed epochs
   * @param flow the run's gradient statistics, or null
   * @throws IOException when a picture cannot be written
   */
  void drawDiverged(History history, GradientFlow flow) throws IOException {
    curves(history);
    gradients(flow, history);
    noteLeftOver(history);
  }

  /**
   * Names the charts an earlier run left in the output folder that this run did not draw
   * ({@link ChartFiles#leftOver}): beside this run's they would read as its own. Named, not
   * removed: the folder may hold the charts of the training run whose model an {@code --epochs 0}
   * run evaluates, or a user's files under the program's names, which no name can tell from an
   * earlier run's. Not said when no epoch ran: an evaluation draws no curves, and the curves
   * beside it are, as a rule, those of the run that trained its model.
   */
  private void noteLeftOver(History history) {
    if (history == null || history.epochs().isEmpty()) {
      return;
    }
    try {
      List<Path> left = ChartFiles.leftOver(out, format, written);
      if (!left.isEmpty()) {
        notes.add("note: " + out + " also holds charts this run did not draw (from an earlier"
            + " run?): " + left.stream().map(file -> file.getFileName().toString())
                .collect(Collectors.joining(", ")));
      }
    } catch (IOException e) {
      // Only the note is lost: this run's own charts are written.
    }
  }

  /**
   * Prints the pictures not drawn and why, then where the others went, on one line.
   *
   * @param console where to print
   */
  public void report(Console console) {
    notes.forEach(console::println);
    if (!written.isEmpty()) {
      console.info("pictures: " + String.join(", ", written.stream().map(Path::toString)
          .toList()));
    }
  }

  private void curves(History history) throws IOException {
    if (history == null) {
      return;
    }
    Map<String, List<Double>> losses = new LinkedHashMap<>();
    losses.put("training loss", values(history, EpochResult::trainLoss));
    losses.put(heldOut + " loss", values(history, EpochResult::validationLoss));
    written.add(ChartFiles.write(CurveChart.of(task + ": loss", "epoch", "loss", losses,
        CurveChart.Scale.LINEAR, first(history)), out, "loss", format));
    List<Double> trainAccuracy = values(history, EpochResult::trainAccuracy);
    if (trainAccuracy.stream().anyMatch(v -> !v.isNaN())) {
      Map<String, List<Double>> accuracies = new LinkedHashMap<>();
      accuracies.put("training accuracy", trainAccuracy);
      accuracies.put(heldOut + " accuracy",
          values(history, EpochResult::validationAccuracy));
      written.add(ChartFiles.write(CurveChart.of(task + ": accuracy", "epoch", "accuracy",
          accuracies, CurveChart.Scale.LINEAR, first(history)), out, "accuracy", format));
    }
  }

  private void gradients(GradientFlow flow, History history) throws IOException {
    if (flow != null) {
      written.addAll(GradientPictures.write(task, flow, out, format, first(history)));
    }
  }

  /**
   * The number of the run's first epoch, from 1, as its log numbers it: a resumed run's epochs
   * go on from the loaded file's ({@link EpochResult#epoch} counts from 0 over the whole run).
   */
  static int first(History history) {
    return history == null || history.epochs().isEmpty() ? 1
        : history.epochs().get(0).epoch() + 1;
  }

  private static List<Double> values(History history, ToDoubleFunction<EpochResult> field) {
    return history.epochs().stream().map(field::applyAsDouble).toList();
  }
}
