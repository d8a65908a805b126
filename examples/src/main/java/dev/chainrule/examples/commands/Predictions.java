package dev.chainrule.examples.commands;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Scaling;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.report.NumberText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A saved model's predictions for the rows of a file: per row its line, the predicted class and
 * its probability (or the predicted value in the label's units), and the scores against the
 * file's labels when it has them ({@code scored} counts the rows that have one: 0 when the label
 * column holds none, absent without the column). There is at least one row: {@code predict}
 * refuses a file without.
 */
record Predictions(List<Map<String, Object>> rows, Map<String, Object> scores, String label) {

  /** Reads the model's outputs for {@code data} as the description says they are meant. */
  static Predictions of(ModelDescription d, Tensor outputs, CsvData data) {
    List<Integer> lines = data.lines();
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> scores = new LinkedHashMap<>();
    if (d.task() == Task.REGRESSION) {
      Tensor values = d.targetScaling() == null ? outputs
          : inTargetUnits(d.targetScaling(), outputs);
      double[] flat = values.toArray();
      // Without a target scaling the values are the outputs: a float32 model's as a Float, so
      // that it prints as the float it is (2500.1235, not 2500.12353515625). In the target's
      // units they are float64 (inTargetUnits), and print as the numbers training scored.
      boolean float32 = values.dtype() == DType.FLOAT32;
      int k = values.dim(1);
      for (int i = 0; i < lines.size(); i++) {
        Map<String, Object> row = row(lines.get(i));
        for (int j = 0; j < k; j++) {
          double value = flat[i * k + j];
          row.put(k == 1 ? "predicted" : "predicted_" + (j + 1),
              float32 ? (Object) (float) value : (Object) value);
        }
        rows.add(row);
      }
      Tensor scored = labelled(data);
      if (scored != null) {
        Tensor truth = data.dataset().labels().take(0, scored);
        Tensor guess = values.take(0, scored);
        scores.put("scored", truth.dim(0));
        scores.put("rmse", Metrics.rootMeanSquaredError(guess, truth));
        scores.put("mae", Metrics.meanAbsoluteError(guess, truth));
        scores.put("r2", truth.dim(0) >= 2 ? Metrics.rSquared(guess, truth) : Double.NaN);
      } else if (data.hasLabels()) {
        scores.put("scored", 0);
      }
      return new Predictions(rows, scores, d.label());
    }
    Tensor predicted;
    Tensor probability;
    if (d.task() == Task.BINARY) {
      Tensor p = outputs.reshape(outputs.dim(0));
      predicted = p.ge(0.5);
      probability = Tensor.where(predicted, p, p.neg().add(1));
    } else {
      Tensor softmax = outputs.softmax(1);
      predicted = outputs.argmax(1, false);
      probability = softmax.max(1, false);
    }
    double[] classes = predicted.toArray();
    double[] probabilities = probability.toArray();
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> row = row(lines.get(i));
      row.put("predicted", d.classes().get((int) classes[i]));
      row.put("probability", probabilities[i]);
      rows.add(row);
    }
    Tensor scored = labelled(data);
    if (scored != null) {
      int count = scored.dim(0);
      double accuracy = Metrics.accuracy(predicted.take(0, scored),
          data.dataset().labels().take(0, scored));
      scores.put("scored", count);
      scores.put("accuracy", accuracy);
      scores.put("correct", Math.round(accuracy * count));
    } else if (data.hasLabels()) {
      // The label column is there, with no label in it: "scored":0 tells a script so, where a
      // file without the column has no "scored" at all.
      scores.put("scored", 0);
    }
    return new Predictions(rows, scores, d.label());
  }

  /**
   * The outputs in the target's units, in float64 whatever the model's type, as training scored
   * them ({@code RegressionScores} takes float32 outputs back through the float64 statistics of
   * the float64 targets). A float32 model's outputs are float32 numbers, standardised values
   * near 1; {@code mean + scale · z} in float32 kept 24 bits of the sum: targets near 1e7 came
   * out in whole units, near 1.7e9 all alike (one value, R² −3.6), where training had reported
   * an RMSE of 0.02 on the same rows. A target beyond float32's range, or a spread below its
   * smallest number, needs float64 too.
   */
  private static Tensor inTargetUnits(Scaling targets, Tensor outputs) {
    return targets.toStandardizer(DType.FLOAT64).inverseTransform(outputs.to(DType.FLOAT64));
  }

  /** The rows with a label, as indices for {@code take}; null when no row has one. */
  private static Tensor labelled(CsvData data) {
    int[] rows = data.labelledRows();
    return rows.length == 0 ? null : Tensor.vector(Arrays.stream(rows).asDoubleStream().toArray());
  }

  private static Map<String, Object> row(int line) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("line", line);
    return row;
  }

  /** A header and one line per row, fields quoted as RFC 4180 requires. */
  void writeCsv(PrintWriter out) {
    out.println(String.join(",", rows.get(0).keySet()));
    for (Map<String, Object> row : rows) {
      List<String> fields = new ArrayList<>();
      row.forEach((key, value) -> fields.add(field(key, value)));
      out.println(String.join(",", fields));
    }
    out.flush();
  }

  /**
   * {@code accuracy 0.9733 (146 of 150)}, or RMSE, MAE and R² in the label's units; or a note that
   * no row had a label to score.
   */
  String describeScores() {
    int scored = (Integer) scores.get("scored");
    if (scored == 0) {
      return rows.size() == 1 ? String.format(Locale.ROOT, "note: the row has no label (column"
          + " \"%s\" is empty, NA or infinite): it is predicted, not scored", label)
          : String.format(Locale.ROOT, "note: none of the %,d rows has a label (column \"%s\" is"
          + " empty, NA or infinite): they are predicted, not scored", rows.size(), label);
    }
    String unscored = scored == rows.size() ? ""
        : String.format(Locale.ROOT, "; %,d %s without a label not scored", rows.size() - scored,
            rows.size() - scored == 1 ? "row" : "rows");
    if (scores.containsKey("accuracy")) {
      return String.format(Locale.ROOT, "accuracy %.4f (%d of %d)%s", scores.get("accuracy"),
          (Long) scores.get("correct"), scored, unscored);
    }
    // R² has no value for one row or for targets all alike: "R² NaN" said neither. A NaN error
    // (predictions that are not numbers) is neither, and R² then has no value either.
    double r2 = (Double) scores.get("r2");
    double rmse = (Double) scores.get("rmse");
    return String.format(Locale.ROOT, "RMSE %.4g, MAE %.4g (in the units of %s), R² %s%s",
        rmse, scores.get("mae"), label, !Double.isNaN(r2)
            ? String.format(Locale.ROOT, "%.4f", r2)
            : scored < 2 ? "undefined (one scored row)"
            : Double.isNaN(rmse) ? "undefined" : "undefined (constant targets)",
        unscored);
  }

  /**
   * Probabilities to four decimals; values in full, the shortest text that reads back as the same
   * number, as the JSON lines write it ({@link NumberText}: rounding would lose the digits of a
   * price in millions, and Java's own text wrote 3.124530060198345E7); text quoted if
   * needed.
   */
  private static String field(String key, Object value) {
    if (value instanceof Double d && key.equals("probability")) {
      return String.format(Locale.ROOT, "%.4f", d);
    }
    String text = value instanceof Double d ? NumberText.of(d.doubleValue())
        : value instanceof Float f ? NumberText.of(f.floatValue()) : String.valueOf(value);
    boolean quote = text.contains(",") || text.contains("\"") || !text.strip().equals(text);
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
