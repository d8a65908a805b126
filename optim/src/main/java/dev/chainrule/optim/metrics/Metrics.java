package dev.chainrule.optim.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;

/**
 * Evaluation measures on plain tensors. Predictions of classifiers may be scores [N, K] (the
 * largest wins) or class indices [N]; targets may be class indices [N] or one-hot rows [N, K].
 */
public final class Metrics {
  private Metrics() {}

  /**
   * The classification rate: the share of samples whose predicted class is the true class.
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the share of samples classified correctly
   */
  public static double accuracy(Tensor predictions, Tensor targets) {
    Tensor predicted = classes("accuracy", predictions);
    Tensor truth = classes("accuracy", targets);
    checkArgument(predicted.shape().equals(truth.shape()),
        "accuracy: %s predictions for %s targets", predicted.shape(), truth.shape());
    return predicted.eq(truth).mean().item();
  }

  /**
   * The confusion matrix of predictions against targets over {@code classes} classes.
   *
   * @param classes the number of classes K
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the confusion matrix
   */
  public static ConfusionMatrix confusion(Tensor predictions, Tensor targets, int classes) {
    return ConfusionMatrix.of(classes("confusion", targets), classes("confusion", predictions),
        classes);
  }

  /**
   * Mean squared error over all elements.
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the mean of (prediction − target)²
   */
  public static double meanSquaredError(Tensor predictions, Tensor targets) {
    return matching("meanSquaredError", predictions, targets).sub(targets).square().mean().item();
  }

  /**
   * Mean absolute error over all elements.
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the mean of |prediction − target|
   */
  public static double meanAbsoluteError(Tensor predictions, Tensor targets) {
    return matching("meanAbsoluteError", predictions, targets).sub(targets).abs().mean().item();
  }

  /**
   * Root mean squared error over all elements: the typical error in the targets' own units.
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the square root of the mean squared error
   */
  public static double rootMeanSquaredError(Tensor predictions, Tensor targets) {
    return Math.sqrt(meanSquaredError(predictions, targets));
  }

  /**
   * The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² of each target column,
   * averaged over the columns (scikit-learn's {@code r2_score}): 1 for a perfect fit, 0 for
   * always predicting the mean, negative for worse. Needs targets {@code [N, K]}, N ≥ 2; NaN when a
   * column of targets is constant (R² is then undefined).
   *
   * @param predictions the model's outputs
   * @param targets the true targets or class indices
   * @return the coefficient of determination R², averaged over target columns
   */
  public static double rSquared(Tensor predictions, Tensor targets) {
    matching("rSquared", predictions, targets);
    checkArgument(targets.rank() == 2 && targets.dim(0) >= 2,
        "rSquared: needs targets of shape [N, K] with N >= 2, got %s", targets.shape());
    Tensor residual = targets.sub(predictions).square().sum(0, false);
    Tensor spread = targets.sub(targets.mean(0, true)).square().sum(0, false);
    return Tensor.where(spread.eq(0), Tensor.scalar(Double.NaN), residual.div(spread).neg().add(1))
        .mean().item();
  }

  /**
   * Class indices [N] from scores or one-hot rows [N, K] (argmax), or indices as given.
   *
   * @param metric the name of the metric, for messages
   * @param t the tensor
   * @return the class indices, checked
   */
  public static Tensor classes(String metric, Tensor t) {
    checkNotNull(t, "%s: tensor is null", metric);
    checkArgument(t.rank() == 1 || t.rank() == 2,
        "%s: expected class indices [N] or rows of scores [N, K], got %s", metric, t.shape());
    return t.rank() == 2 ? t.argmax(1, false) : t;
  }

  private static Tensor matching(String metric, Tensor predictions, Tensor targets) {
    checkNotNull(predictions, "%s: predictions are null", metric);
    checkNotNull(targets, "%s: targets are null", metric);
    checkArgument(predictions.shape().equals(targets.shape()),
        "%s: predictions %s and targets %s differ", metric, predictions.shape(),
        targets.shape());
    return predictions;
  }
}
