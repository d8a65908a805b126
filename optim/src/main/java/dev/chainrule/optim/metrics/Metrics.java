package dev.chainrule.optim.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Evaluation measures on plain tensors. Predictions of classifiers may be scores [N, K] (the
 * largest wins) or class indices [N]; targets may be class indices [N] or rows [N, K], one-hot or
 * soft, each naming one class (a row of zeros, a multi-hot row or one holding NaN is refused).
 * Class indices are whole numbers from 0: a vector of anything else (probabilities, say) is
 * refused rather than compared with the targets as if it named classes. Rows of scores holding
 * NaN are refused too: argmax takes a NaN for the largest score (and a row of NaN for class 0),
 * so a diverged model's outputs were scored as answers; {@link #correctRows}, the training loop's
 * count, counts such rows as wrong instead.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * The classification rate: the share of samples whose predicted class is the true class.
   *
   * @param predictions the model's outputs: scores [N, K] or class indices [N]
   * @param targets the true classes: one-hot or soft rows [N, K], or class indices [N]
   * @return the share of samples classified correctly
   * @throws IllegalArgumentException naming accuracy when the shapes differ or do not fit, when a
   *     target row names no one class, naming the first row of scores that holds NaN, or naming
   *     the value and its position when a vector holds something other than a class index (a
   *     whole number ≥ 0, and below the other side's number of columns when it has rows), or
   *     when there are no rows (the share of none is 0/0 = NaN)
   */
  public static double accuracy(Tensor predictions, Tensor targets) {
    Tensor right = correct(predictions, targets);
    // Refused as the loss and the trainer refuse no rows, and as scikit-learn does: NaN was
    // returned without a word, and a script's mean over runs then came out NaN too.
    checkArgument(right.dim(0) > 0, "accuracy: predictions %s and targets %s hold no rows; the"
        + " share of none classified correctly would be 0/0 = NaN", predictions.shape(),
        targets.shape());
    // A count over a count, in float64 whatever the outputs' type: a float32 mean rounded 29/39
    // to 0.7435897588729858 where the confusion matrix says 0.7435897435897436.
    return right.mean().item();
  }

  /**
   * 1 for each row classified correctly, 0 for the others, in float64, with {@link #accuracy}'s
   * checks but for rows: {@link #correctRows} counts none of none.
   */
  private static Tensor correct(Tensor predictions, Tensor targets) {
    // Rows of scores against rows of another width are two class counts, whatever their argmax.
    checkArgument(predictions == null || targets == null || predictions.rank() != 2
        || targets.rank() != 2 || predictions.dim(1) == targets.dim(1),
        "accuracy: predictions %s and targets %s have different numbers of classes",
        predictions == null ? null : predictions.shape(), targets == null ? null : targets.shape());
    Tensor predicted = rows("accuracy", "predictions", predictions);
    Tensor truth = rows("accuracy", "targets",
        ClassChecks.requireOneClassPerRow("accuracy", targets));
    // Scores [N, 3] against a target of 5 counted the row wrong without a word, as a table of
    // 3 classes refuses it: a class the scores have no column for.
    String side = predictions.rank() == 2 ? "predictions" : targets.rank() == 2 ? "targets" : null;
    Tensor columns = side == null ? null : side.equals("predictions") ? predictions : targets;
    ClassChecks.checkIndices("accuracy", "predictions", predicted, side, columns);
    ClassChecks.checkIndices("accuracy", "targets", truth, side, columns);
    checkArgument(predicted.shape().equals(truth.shape()),
        "accuracy: %s predictions for %s targets", predicted.shape(), truth.shape());
    return predicted.eq(truth).to(DType.FLOAT64);
  }

  /**
   * The confusion matrix of predictions against targets over {@code classes} classes.
   *
   * @param predictions the model's outputs: scores [N, K] or class indices [N]
   * @param targets the true classes: one-hot or soft rows [N, K], or class indices [N]
   * @param classes the number of classes K
   * @return the confusion matrix
   * @throws IllegalArgumentException naming confusion when a shape does not fit, a target row
   *     names no one class or a row of scores holds NaN (naming the first), or naming the value
   *     and its position when an index is not a whole number in [0, classes) (see {@link
   *     ConfusionMatrix#tally})
   */
  public static ConfusionMatrix confusion(Tensor predictions, Tensor targets, int classes) {
    for (Tensor rows : new Tensor[] {predictions, targets}) {
      // Said in terms of what was given: the argmax's index would be blamed instead.
      if (rows != null && rows.rank() == 2 && rows.dim(1) != 1 && rows.dim(1) != classes) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "confusion matrix: %s %s have %d"
            + " columns, not one per class of %d", rows == predictions ? "predictions"
            : "targets", rows.shape(), rows.dim(1), classes));
      }
    }
    // ConfusionMatrix.tally checks the indices against the class count, once.
    return ConfusionMatrix.tally(rows("confusion", "predictions", predictions),
        rows("confusion", "targets", ClassChecks.requireOneClassPerRow("confusion", targets)),
        classes);
  }

  /**
   * Mean squared error over all elements.
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the mean of (prediction − target)²
   * @throws IllegalArgumentException naming meanSquaredError when the shapes differ or hold no
   *     values (the mean of none is 0/0 = NaN)
   */
  public static double meanSquaredError(Tensor predictions, Tensor targets) {
    // Squared in the tensors' type, float32 errors of 2e19 made the mean infinite though it is a
    // double; scaled by a power of two (exact) as rootMeanSquaredError's, the square is taken
    // back in double.
    Tensor error = averaged("meanSquaredError", predictions, targets).sub(targets);
    double scale = powerOfTwoScale(error.abs().max().item());
    return error.div(scale).square().mean().item() * scale * scale;
  }

  /**
   * Mean absolute error over all elements.
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the mean of |prediction − target|
   * @throws IllegalArgumentException naming meanAbsoluteError when the shapes differ or hold no
   *     values (the mean of none is 0/0 = NaN)
   */
  public static double meanAbsoluteError(Tensor predictions, Tensor targets) {
    Tensor error = averaged("meanAbsoluteError", predictions, targets).sub(targets).abs();
    double scale = powerOfTwoScale(error.max().item());
    return error.div(scale).mean().item() * scale;
  }

  /**
   * Root mean squared error over all elements: the typical error in the targets' own units.
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the square root of the mean squared error
   * @throws IllegalArgumentException naming rootMeanSquaredError when the shapes differ or hold
   *     no values (the mean of none is 0/0 = NaN)
   */
  public static double rootMeanSquaredError(Tensor predictions, Tensor targets) {
    // Errors of 1e155 or more square past float64's range (1e20 past float32's), and of 1e-155
    // or less to zero: the RMSE, of the errors' size, came out infinite or 0. Scaled by a power
    // of two, which is exact, the figure is the unscaled one to the bit wherever that one fits.
    Tensor error = averaged("rootMeanSquaredError", predictions, targets).sub(targets);
    double scale = powerOfTwoScale(error.abs().max().item());
    return Math.sqrt(error.div(scale).square().mean().item()) * scale;
  }

  /**
   * The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² of each target column,
   * averaged over the columns (scikit-learn's {@code r2_score}): 1 for a perfect fit, 0 for
   * always predicting the mean, negative for worse. Takes the shapes its siblings {@link
   * #meanSquaredError} and {@link #meanAbsoluteError} take, predictions and targets alike: a
   * vector [N] is one column, [N, K] is K columns, and [N, ...] has a column per element of a
   * sample. N must be at least 2; NaN when a column of targets is constant (R² is then undefined).
   *
   * @param predictions the model's outputs, the targets' shape
   * @param targets the true targets: [N], [N, K] or [N, ...], N ≥ 2
   * @return the coefficient of determination R², averaged over target columns
   * @throws IllegalArgumentException naming rSquared when the shapes differ, or when the targets
   *     are a scalar or hold fewer than 2 samples
   */
  public static double rSquared(Tensor predictions, Tensor targets) {
    matching("rSquared", predictions, targets);
    checkArgument(targets.rank() >= 1 && targets.dim(0) >= 2,
        "rSquared: needs targets of shape [N], [N, K] or [N, ...] with N >= 2, got %s",
        targets.shape());
    // One column per element of a sample: [N] is [N, 1], as scikit-learn reads a 1-d y.
    int n = targets.dim(0);
    Tensor y = targets.reshape(n, targets.size() / n);
    Tensor predicted = predictions.reshape(n, targets.size() / n);
    // Each sum of squares is taken of its column scaled by a power of two, and the ratio scaled
    // back: targets of 1e155 or more gave sums of infinity, an R² of NaN, and the program called
    // such test targets constant. Powers of two scale exactly: where the sums fit, this is the
    // plain formula to the bit.
    Tensor yScale = columnScales(y.abs().max(0, true));
    Tensor deviation = y.sub(y.div(yScale).mean(0, true).mul(yScale));
    Tensor difference = y.sub(predicted);
    Tensor residualScale = columnScales(difference.abs().max(0, true));
    Tensor spreadScale = columnScales(deviation.abs().max(0, true));
    Tensor residual = difference.div(residualScale).square().sum(0, false);
    Tensor spread = deviation.div(spreadScale).square().sum(0, false)
        .div(residualScale.div(spreadScale).square().reshape(y.dim(1)));
    // Constant by its values, not by its spread: the mean of three 0.1s is 0.10000000000000002,
    // so the spread came out 1e-34 and R² about −5e31 where it is undefined.
    Tensor constant = y.max(0, false).eq(y.min(0, false));
    return Tensor.where(constant, Tensor.scalar(Double.NaN), residual.div(spread).neg().add(1))
        .mean().item();
  }

  /**
   * The power of two nearest below {@code largest} (a largest magnitude), which scales it into
   * [1, 2) exactly; 1 for zero, an infinity or NaN, which no scaling helps.
   */
  private static double powerOfTwoScale(double largest) {
    return largest > 0 && largest < Double.POSITIVE_INFINITY
        ? Math.scalb(1.0, Math.getExponent(largest)) : 1;
  }

  /** {@link #powerOfTwoScale} of each column's largest magnitude, in the columns' type. */
  private static Tensor columnScales(Tensor largest) {
    double[] scales = Arrays.stream(largest.toArray()).map(Metrics::powerOfTwoScale).toArray();
    return Tensor.of(scales, largest.shape().dims()).to(largest.dtype());
  }

  /**
   * Class indices [N] from scores or one-hot rows [N, K] (argmax), or indices as given, checked to
   * be whole numbers ≥ 0.
   *
   * @param metric the name of the metric, for messages
   * @param t the tensor
   * @return the class indices, checked
   * @throws IllegalArgumentException naming the metric when {@code t} is not [N] or [N, K] with
   *     K ≥ 2, naming the first row [N, K] that holds NaN, or naming the first value that is not a
   *     whole number ≥ 0 and its position
   */
  public static Tensor classes(String metric, Tensor t) {
    return ClassChecks.checkIndices(metric, "classes", rows(metric, "classes", t),
        Integer.MAX_VALUE);
  }

  /**
   * Scores or one-hot rows [N, K] as their argmax, refused when a row holds NaN; a vector as
   * given (unchecked): the shapes a metric of classes accepts.
   *
   * @param role what the tensor holds ("predictions", "targets"), for messages
   */
  static Tensor rows(String metric, String role, Tensor t) {
    checkNotNull(t, "%s: %s are null", metric, role);
    checkArgument(t.rank() == 1 || t.rank() == 2,
        "%s: expected class indices [N] or rows of scores [N, K], got %s", metric, t.shape());
    if (t.rank() == 1) {
      return t;
    }
    // Refused here, by the metric's name: argmax over no columns was refused as argmax's own.
    checkArgument(t.dim(1) != 0, "%s: %s %s have no columns: rows [N, K] hold one column per"
        + " class (a batch of no rows is [0, K])", metric, role, t.shape());
    // The argmax of a single column is 0 whatever the column holds: one sigmoid output per row
    // would be scored as class 0 every time.
    checkArgument(t.dim(1) != 1, "%s: %s %s have one column, whose argmax is always class 0:"
        + " give class indices as a vector [N] (threshold binary probabilities or logits first)",
        metric, role, t.shape());
    ClassChecks.requireNoNaN(metric, role, t);
    return t.argmax(1, false);
  }

  /**
   * The number of rows whose target names one class and whose largest score is that class: the
   * training loop's count for a batch. A target row naming no class (a sample a loss of one's own
   * masks with a row of zeros) counts as not correct rather than stopping the run, which {@link
   * #accuracy} would: the count is a by-product of training, not a measure someone asked for. So
   * does a row whose scores hold NaN, which {@link #accuracy} refuses: argmax takes a NaN for the
   * largest score, so a diverged model would be scored on answers it never gave, and a training
   * loop's divergence check, which reads the loss after the count, is what names the trouble.
   *
   * @param scores the model's outputs [N, K]
   * @param targets the true classes: one-hot or soft rows [N, K], or class indices [N]
   * @return how many of the N rows are classified correctly
   * @throws IllegalArgumentException as {@link #accuracy} does, but for target rows naming no
   *     class, scores holding NaN and no rows at all (none of none are correct)
   */
  public static int correctRows(Tensor scores, Tensor targets) {
    if (scores != null && targets != null && scores.rank() == 2 && scores.dim(1) != 1
        && (targets.rank() == 1 || targets.rank() == 2) && targets.dim(0) == scores.dim(0)
        // One pass that stops at the first NaN: nothing more unless there is one.
        && scores.indexOutside(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY) >= 0) {
      Tensor numbers = scores.eq(scores).min(1, false);  // 0 where a row holds NaN
      double[] kept = IntStream.range(0, scores.dim(0)).filter(i -> numbers.get(i) > 0)
          .asDoubleStream().toArray();
      if (kept.length == 0) {
        return 0;
      }
      Tensor rows = Tensor.vector(kept);
      return correctRows(scores.take(0, rows), targets.take(0, rows));
    }
    if (scores == null || targets == null || scores.rank() != 2 || targets.rank() != 2
        || targets.dim(1) <= 1 || !scores.shape().equals(targets.shape())) {
      return correct(scores, targets).countNonZero();  // or accuracy's refusal
    }
    Tensor named = ClassChecks.noClass(targets).eq(0);
    // Counted, not summed: a float32 sum past 2^24 rounds to an even number (16,777,217 right
    // rows were counted 16,777,216).
    return scores.argmax(1, false).eq(targets.argmax(1, false)).mul(named).countNonZero();
  }

  private static Tensor matching(String metric, Tensor predictions, Tensor targets) {
    checkNotNull(predictions, "%s: predictions are null", metric);
    checkNotNull(targets, "%s: targets are null", metric);
    checkArgument(predictions.shape().equals(targets.shape()),
        "%s: predictions %s and targets %s differ", metric, predictions.shape(),
        targets.shape());
    return predictions;
  }

  /**
   * {@link #matching}'s predictions, refused when they hold no values: the mean of none is NaN,
   * which was returned without a word where the losses refuse the same tensors.
   */
  private static Tensor averaged(String metric, Tensor predictions, Tensor targets) {
    matching(metric, predictions, targets);
    checkArgument(predictions.size() > 0, "%s: predictions %s hold no values to average (the mean"
        + " of none is 0/0 = NaN)", metric, predictions.shape());
    return predictions;
  }
}
