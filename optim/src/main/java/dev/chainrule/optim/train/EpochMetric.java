package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.metrics.Metrics;

/**
 * A figure of one's own, computed by a {@link Trainer} on the validation data after each epoch
 * ({@link Trainer.Builder#metric}), reported in {@link EpochResult#metrics()} and watchable by
 * early stopping, the best epoch and a reduction on a plateau ({@link Monitor#metric}): Keras's
 * {@code metrics=[...]}, Lightning's {@code self.log("val_f1", ...)}.
 *
 * <p>It is given the model's outputs on the whole validation set at once, in evaluation mode, as
 * {@link Evaluation#predict(dev.chainrule.nn.Module, dev.chainrule.optim.data.Dataset)} gives
 * them (the same forward pass that scores the validation loss), and the set's labels: not a value
 * per batch averaged afterwards, because most figures one would stop on are not means of a
 * per-batch figure. F1, recall per class, balanced accuracy and AUC are ratios of counts over the
 * whole set; the mean of batches' F1 differs from the set's F1, and a batch with no sample of a
 * rare class gives 0/0 where the set has an answer. Keras needs stateful metric objects for the
 * same reason; one call over the set needs none. Every row: those whose target is the loss's
 * {@code ignoreIndex}, which the loss and the validation accuracy leave out, too (the built-in
 * metrics here refuse such a class beyond the outputs' count; leave those rows out in a metric of
 * one's own).
 *
 * <p>Only on the validation data. On the training data the outputs of an epoch come from a model
 * that changes with every step, in training mode (dropout on), so a figure over them describes
 * no one model; a faithful one would cost another forward pass over all the training rows each
 * epoch, a third of the epoch's arithmetic. The training loss and accuracy, which the loop has
 * anyway, stay the training figures.
 *
 * <p>The value must be finite: the trainer refuses NaN or an infinity, naming the metric and the
 * epoch, rather than let early stopping read it (NaN improves on nothing, so a metric that turned
 * NaN would stop the run at its patience without a word). A metric whose 0/0 has an answer says
 * so itself (scikit-learn's {@code zero_division}).
 */
@FunctionalInterface
public interface EpochMetric {
  /**
   * The figure of the model's outputs against the targets.
   *
   * @param outputs the model's outputs on the validation data, one row per sample, as the loss
   *     takes them (logits, probabilities or values)
   * @param targets the validation data's labels, as the loss takes them
   * @return the figure, finite
   */
  double compute(Tensor outputs, Tensor targets);

  /**
   * The mean absolute error over all elements ({@link Metrics#meanAbsoluteError}); lower is
   * better, so watch it with {@link Monitor.Mode#MIN}.
   *
   * @return the metric
   */
  static EpochMetric meanAbsoluteError() {
    return Metrics::meanAbsoluteError;
  }

  /**
   * The mean recall over the classes the targets hold, scikit-learn's {@code
   * balanced_accuracy_score} ({@link ConfusionMatrix#balancedAccuracy}), of outputs that are
   * class scores [N, K] (the largest wins) against class indices or one-hot rows; higher is
   * better ({@link Monitor.Mode#MAX}). Watch it rather than the accuracy on imbalanced classes,
   * where always answering the common class scores a high accuracy and 1/K here.
   *
   * @return the metric
   */
  static EpochMetric balancedAccuracy() {
    return (outputs, targets) -> confusion("balancedAccuracy", outputs, targets)
        .balancedAccuracy();
  }

  /**
   * The unweighted mean of the classes' F1 (scikit-learn's {@code f1_score(average="macro")}),
   * over the classes that are present in the targets or predicted, of outputs that are class
   * scores [N, K] against class indices or one-hot rows; a class never predicted has F1 0 ({@link
   * ConfusionMatrix#f1}). Higher is better ({@link Monitor.Mode#MAX}).
   *
   * @return the metric
   */
  static EpochMetric macroF1() {
    return (outputs, targets) -> {
      ConfusionMatrix matrix = confusion("macroF1", outputs, targets);
      double sum = 0;
      int classes = 0;
      for (int k = 0; k < matrix.classes(); k++) {
        // NaN only for a class neither present nor predicted, which scikit-learn leaves out too.
        double f1 = matrix.f1(k);
        if (!Double.isNaN(f1)) {
          sum += f1;
          classes++;
        }
      }
      return sum / classes;
    };
  }

  /** The confusion matrix of class scores [N, K], refusing outputs of another shape by name. */
  private static ConfusionMatrix confusion(String metric, Tensor outputs, Tensor targets) {
    checkArgument(outputs.rank() == 2 && outputs.dim(1) >= 2, "%s: the outputs %s are not class"
        + " scores [N, K] with K at least 2; this metric is for a softmax classifier's scores",
        metric, outputs.shape());
    return Metrics.confusion(outputs, targets, outputs.dim(1));
  }
}
