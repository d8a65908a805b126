package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.plot.Plots;
import dev.chainrule.nn.Module;
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
import java.util.Map;

/**
 * The pictures of a run, under its output folder: loss and accuracy curves, the confusion matrix,
 * and for problems in the plane the decision boundary.
 */
public final class RunPictures {
  /** Points a decision-boundary picture asks the model about at once (a 200×200 grid). */
  static final long GRID_POINTS = 200 * 200;

  private RunPictures() {}

  /** The pictures of a classification or regression run. */
  static void draw(Problem problem, Settings s, Module model, History history,
      ConfusionMatrix confusion, Console console) throws IOException {
    List<Path> written = new ArrayList<>(curves(problem.task(), s.out(), history));
    if (confusion != null) {
      written.add(Plots.confusionMatrix(s.out().resolve("confusion.png"), confusion,
          problem.classNames()));
    }
    if (!problem.regression() && problem.inputs() == 2) {
      written.add(Plots.decisionBoundary(s.out().resolve("decision-boundary.png"),
          problem.task() + ": decision boundary (test points)",
          points -> Evaluation.predict(model, points).argmax(1, false),
          problem.test().features(), problem.test().labels(), problem.outputs(), 0.5));
    }
    report(written, console);
  }

  /** The pictures of a one-output binary classifier in the plane (XOR). */
  public static void drawBinary(String task, Path out, Module model, History history,
      Tensor points, Tensor labels, Console console) throws IOException {
    List<Path> written = new ArrayList<>(curves(task, out, history));
    written.add(Plots.decisionBoundary(out.resolve("decision-boundary.png"),
        task + ": decision boundary",
        grid -> Evaluation.predict(model, grid).ge(0.5).reshape(grid.dim(0)), points, labels, 2,
        0.5));
    report(written, console);
  }

  /** The loss and accuracy curves alone, such as those of a run that diverged. */
  static void drawCurves(String task, Path out, History history, Console console)
      throws IOException {
    report(curves(task, out, history), console);
  }

  private static List<Path> curves(String task, Path out, History history)
      throws IOException {
    if (history == null) {
      return List.of();
    }
    List<Path> written = new ArrayList<>();
    Map<String, List<Double>> losses = new LinkedHashMap<>();
    losses.put("training loss", values(history, EpochResult::trainLoss));
    losses.put("test loss", values(history, EpochResult::validationLoss));
    written.add(Plots.curves(out.resolve("loss.png"), task + ": loss", "epoch", "loss", losses));
    List<Double> trainAccuracy = values(history, EpochResult::trainAccuracy);
    if (trainAccuracy.stream().anyMatch(v -> !v.isNaN())) {
      Map<String, List<Double>> accuracies = new LinkedHashMap<>();
      accuracies.put("training accuracy", trainAccuracy);
      accuracies.put("test accuracy", values(history, EpochResult::validationAccuracy));
      written.add(Plots.curves(out.resolve("accuracy.png"), task + ": accuracy", "epoch",
          "accuracy", accuracies));
    }
    return written;
  }

  private static List<Double> values(History history,
      java.util.function.ToDoubleFunction<EpochResult> field) {
    return history.epochs().stream().map(e -> field.applyAsDouble(e)).toList();
  }

  private static void report(List<Path> written, Console console) {
    if (!written.isEmpty()) {
      console.println("pictures: " + String.join(", ", written.stream().map(Path::toString)
          .toList()));
    }
  }
}
