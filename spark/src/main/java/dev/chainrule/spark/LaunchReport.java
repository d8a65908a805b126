package dev.chainrule.spark;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.report.BestWeights;
import dev.chainrule.optim.report.ChanceLevel;
import dev.chainrule.optim.report.FiniteOutputs;
import dev.chainrule.optim.report.LossStall;
import dev.chainrule.optim.report.RegressionScores;
import dev.chainrule.optim.report.RunReport;
import dev.chainrule.optim.train.Evaluation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher prints and reports once it has trained: the program's {@code train} test
 * figures, checks and JSON fields, decided by the same optim classes, then Spark's own.
 */
final class LaunchReport {
  /** What to try after a run that learned nothing: the launcher draws no pictures, train does. */
  private static final String ADVICE = "try another --lr or --activation (the program's train,"
      + " with the same options, draws the gradient pictures that show whether the gradients"
      + " vanish)";

  private LaunchReport() {}

  /**
   * The test figures of a run.
   *
   * @param fields the JSON fields of the scores, in order
   * @param confusion the test rows' confusion matrix, or null for regression
   * @param weighted whether the run weighed its classes, so that the scores hold the balanced
   *     accuracy and chance is judged by it
   */
  record Scores(Map<String, Object> fields, ConfusionMatrix confusion, boolean weighted) {}

  /**
   * Test accuracy and the confusion matrix, or the regression scores, as train prints them, and
   * train's warning when a classifier is no better than always answering the most common class.
   *
   * @param out where the figures go
   * @param warnings where warnings go: {@code out}, or standard error under {@code --json}
   * @param weighted whether the run weighed its classes: as train, it then reports the balanced
   *     accuracy and judges chance by it (weights trade accuracy on the common classes for
   *     recall on the rare ones)
   * @throws LaunchFailure when an output is not finite (a test row's features overflowed the
   *     model), naming the first such row, as train refuses it
   */
  static Scores evaluate(Problem problem, Sequential model, PrintWriter out,
      PrintWriter warnings, boolean weighted) {
    Tensor predictions = Evaluation.predict(model, problem.test());
    // As train: Metrics.confusion refuses NaN scores with an IllegalArgumentException that
    // escaped the launcher unexplained, and a regression's scores would be NaN.
    FiniteOutputs.problem(predictions, row -> problem.test().rows(row, row + 1),
        row -> "test row " + (row + 1), problem.columns().features()).ifPresent(message -> {
          throw new LaunchFailure(message);
        });
    Map<String, Object> scores = new LinkedHashMap<>();
    if (problem.regression()) {
      double mse = Metrics.meanSquaredError(predictions, problem.test().labels());
      RegressionScores r = RegressionScores.of(problem, predictions);
      out.printf(Locale.ROOT, "test RMSE %.4g, MAE %.4g (in the units of %s), R² %s; mean"
              + " squared error %.4g (targets standardised)%n", r.rmse(), r.mae(),
          problem.columns().label(), Double.isNaN(r.r2()) ? "undefined (constant test targets)"
              : String.format(Locale.ROOT, "%.4f", r.r2()), mse);
      scores.put("test_mse_standardised", mse);
      scores.putAll(r.fields());
      meanWarning(r.r2()).ifPresent(warnings::println);
      return new Scores(scores, null, false);
    }
    ConfusionMatrix confusion = Metrics.confusion(predictions, problem.test().labels(),
        problem.outputs());
    double accuracy = confusion.accuracy();
    out.printf(Locale.ROOT, "test accuracy %.4f (%d of %d)%n", accuracy,
        Math.round(accuracy * problem.test().size()), problem.test().size());
    out.println(confusion.format(problem.classNames()));
    scores.put("test_accuracy", accuracy);
    if (weighted) {
      scores.put("test_balanced_accuracy", confusion.balancedAccuracy());
      balancedChanceWarning(confusion).ifPresent(warnings::println);
    } else {
      chanceWarning(confusion).ifPresent(warnings::println);
    }
    return new Scores(scores, confusion, weighted);
  }

  /**
   * train's warning for a classifier at chance, with advice the launcher can give: it draws no
   * pictures, so it points to train, whose run with the same options (sync mode) is the same
   * training and draws the gradient pictures that show vanishing gradients.
   *
   * @param confusion the test rows' confusion matrix
   * @return the warning, or empty when the classifier beat the majority answer on test rows of
   *     more than one class (of one class, a warning that their accuracy cannot tell)
   */
  static Optional<String> chanceWarning(ConfusionMatrix confusion) {
    if (ChanceLevel.oneClass(confusion)) {
      // As train says it: no accuracy tells learning from always answering that class.
      return Optional.of("warning: " + ChanceLevel.describeOneClass(confusion)
          + "; a larger --test-fraction gives the test rows more classes");
    }
    if (!ChanceLevel.atChance(confusion)) {
      return Optional.empty();
    }
    return Optional.of("warning: " + ChanceLevel.describe(confusion) + "; " + ADVICE);
  }

  /** train's warning for a classifier trained with class weights, judged by balanced accuracy. */
  private static Optional<String> balancedChanceWarning(ConfusionMatrix confusion) {
    if (ChanceLevel.oneClass(confusion)) {
      return chanceWarning(confusion);  // accuracy cannot tell, nor can balanced accuracy
    }
    if (!ChanceLevel.atChanceBalanced(confusion)) {
      return Optional.empty();
    }
    // The weights first: over-weighting a class is the likely cause of this run's chance.
    return Optional.of("warning: " + ChanceLevel.describeBalanced(confusion) + "; try other"
        + " --class-weights (a class weighed too heavily takes the others' answers), or " + ADVICE);
  }

  /**
   * train's warning for a regression no better than a constant (test R² at most 0), with the
   * launcher's advice, as {@link #chanceWarning}.
   *
   * @param r2 the test rows' R²
   * @return the warning, or empty when the regression beat a constant (or R² is undefined)
   */
  static Optional<String> meanWarning(double r2) {
    if (!ChanceLevel.atChance(r2)) {
      return Optional.empty();
    }
    return Optional.of("warning: " + ChanceLevel.describe(r2) + "; " + ChanceLevel.NO_BEARING
        + ADVICE);
  }

  /**
   * train's fields (a classification's with its loss's {@code class_weights}, {@code
   * class_weights_rule} and {@code label_smoothing}), then Spark's: {@code first_epoch} (from 1)
   * when the run resumed a checkpoint, mode, partitions, steps and the time split in seconds.
   * As in train, the training loss is that of the epoch whose weights the model keeps, and
   * {@code at_chance} follows {@code loss_stalled} (a regression's: test R² at most 0; a
   * weighted classification's: balanced accuracy at chance, as {@link #evaluate} judged it).
   */
  static Map<String, Object> fields(SparkTrainer.Result result, Sequential model,
      Scores scores, LaunchClassLoss.Resolved loss, SparkTrainer.Mode mode, int shards,
      int droppedRows, Validation validation, HeldOutRows held, boolean resumed) {
    var history = result.history();
    Map<String, Object> fields = new LinkedHashMap<>(RunReport.fields("train", history,
        model.parameterCount(), model.dtype(), history.epochs().isEmpty() ? Double.NaN
            : BestWeights.trainLoss(history), scores.fields()));
    fields.put("loss_stalled", LossStall.field(history));
    if (scores.confusion() != null && scores.weighted()) {
      ChanceLevel.addBalancedTo(fields, scores.confusion());
    } else if (scores.confusion() != null) {
      ChanceLevel.addTo(fields, scores.confusion());
    } else {
      ChanceLevel.addTo(fields, (Double) scores.fields().get("test_r2"));
    }
    if (loss != null) {
      loss.addTo(fields);
    }
    fields.put("dropped_rows", droppedRows);
    BestWeights.addTo(fields, validation, held, history);
    if (resumed && !history.epochs().isEmpty()) {
      // "epochs" counts this run's, while epoch numbers (weights_epoch) count from the first
      // run's start; this says where the two meet. Asked of the run, not of its first epoch's
      // number: a checkpoint taken inside epoch 1 resumes in epoch 1, which is still a resume.
      fields.put("first_epoch", history.epochs().get(0).epoch() + 1);
    }
    Timing t = result.timing();
    fields.put("mode", mode.toString());
    fields.put("partitions", shards);
    fields.put("steps", t.steps());
    fields.put("broadcast_seconds", t.broadcastSeconds());
    fields.put("compute_seconds", t.computeSeconds());
    fields.put("aggregate_seconds", t.aggregateSeconds());
    fields.put("apply_seconds", t.applySeconds());
    return fields;
  }

  /** The time split as one line for people, when the run took any time. */
  static void printTiming(Timing t, PrintWriter out) {
    double total = t.totalSeconds();
    if (total > 0) {
      out.printf(Locale.ROOT, "spark: %d steps, %.1f s: compute %.0f %%, aggregate %.0f %%,"
              + " broadcast %.0f %%, apply %.0f %%%n", t.steps(), total,
          100 * t.computeSeconds() / total, 100 * t.aggregateSeconds() / total,
          100 * t.broadcastSeconds() / total, 100 * t.applySeconds() / total);
    }
  }
}
