package dev.chainrule.optim.report;

import dev.chainrule.core.DType;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The figures a training run reports as its JSON line ({@link JsonLine}), in a fixed order:
 * {@code task}, {@code epochs}, {@code parameters}, {@code dtype} ({@code float32} or {@code
 * float64}: the same run in the other type ends at another loss, in another time, so a figure
 * without it is ambiguous), {@code train_loss}, then the test scores ({@code test_accuracy},
 * with the program's {@code test_balanced_accuracy} after it for a run trained with class
 * weights, which {@link ChanceLevel#atChanceBalanced} judges; or {@code test_mse_standardised},
 * the loss's own figure on targets scaled to unit variance, and {@link RegressionScores}' fields
 * in the label's units), then {@code seconds}, {@code
 * seconds_per_epoch} and {@code samples_per_second}. Every program that trains reports these
 * names, so one script reads them all.
 */
public final class RunReport {
  private RunReport() {}

  /**
   * The fields of a run's report.
   *
   * @param task the command's (or problem's) name
   * @param history the epochs run, or null when none was (then {@code seconds} is 0 and the rates
   *     are null)
   * @param parameters the model's parameter count
   * @param dtype the model's element type
   * @param trainLoss the last epoch's training loss (or the untrained model's)
   * @param scores the test figures, in the order they are to appear
   * @return the fields, ordered
   */
  public static Map<String, Object> fields(String task, History history, long parameters,
      DType dtype, double trainLoss, Map<String, Object> scores) {
    Objects.requireNonNull(dtype, "RunReport.fields: dtype is null");
    double seconds = history == null ? 0 : history.seconds();
    int epochs = history == null ? 0 : history.epochs().size();
    long samples = history == null ? 0
        : history.epochs().stream().mapToLong(EpochResult::samples).sum();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("task", task);
    report.put("epochs", epochs);
    report.put("parameters", parameters);
    report.put("dtype", dtype.toString());
    report.put("train_loss", trainLoss);
    report.putAll(scores);
    report.put("seconds", seconds);
    // No epoch (an evaluation of a loaded model) has no rate: null, not a made-up 0.
    report.put("seconds_per_epoch", epochs == 0 ? null : seconds / epochs);
    report.put("samples_per_second", epochs == 0 || seconds <= 0 ? null : samples / seconds);
    return report;
  }
}
