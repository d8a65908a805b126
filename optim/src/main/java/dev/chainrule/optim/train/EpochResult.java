package dev.chainrule.optim.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one epoch. Accuracies are NaN for regression, validation figures NaN without
 * validation data. What counts as regression is the loss's {@code outputs()}, and a loss written
 * as a lambda answers {@code VALUES}: a lambda that computes a cross-entropy gets NaN accuracies,
 * with no other sign. Declare it with {@code Loss.of(lambda, Reduction.MEAN,
 * Outputs.CLASS_SCORES)}, or write it as a class whose {@code outputs()} answers so.
 *
 * @param epoch 0-based epoch
 * @param trainLoss the training loss over the epoch: for a mean loss the batches' means weighted
 *     by {@code Loss.meanWeight} (their rows, or Σ w_y under class weights, the ignored rows left
 *     out), the weighted mean over the epoch's rows; summed for a summed loss
 * @param trainAccuracy the share of training samples classified correctly during the epoch, out
 *     of those the loss scores (all but the rows it ignores, {@code Loss.ignoreIndex})
 * @param validationLoss the loss on the validation data after the epoch
 * @param validationAccuracy the accuracy on the validation data after the epoch, over the same
 *     rows
 * @param learningRate the learning rate used during the epoch: its last step's, under a per-step
 *     schedule
 * @param seconds wall-clock seconds of the epoch's training (validation excluded)
 * @param samples training samples seen
 * @param metrics the metrics of one's own ({@link Trainer.Builder#metric}) on the validation data
 *     after the epoch, by name in the order they were declared; empty without any, or without
 *     validation data
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy,
    double validationLoss, double validationAccuracy, double learningRate, double seconds,
    int samples, Map<String, Double> metrics) {
  /**
   * Copies the metrics, keeping their order.
   *
   * @param epoch 0-based epoch
   * @param trainLoss the training loss over the epoch
   * @param trainAccuracy the share of training samples classified correctly
   * @param validationLoss the loss on the validation data
   * @param validationAccuracy the accuracy on the validation data
   * @param learningRate the learning rate used during the epoch
   * @param seconds wall-clock seconds of the epoch's training
   * @param samples training samples seen
   * @param metrics the metrics of one's own by name, in declaration order; null for none
   */
  public EpochResult {
    // Map.copyOf would lose the declaration order that listeners print the metrics in.
    metrics = metrics == null || metrics.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    for (Map.Entry<String, Double> metric : metrics.entrySet()) {
      if (metric.getKey() == null || metric.getValue() == null) {
        throw new NullPointerException("epoch result: metric " + metric.getKey() + " of epoch "
            + (epoch + 1) + " is null");
      }
    }
  }

  /**
   * The figures of an epoch without metrics of one's own.
   *
   * @param epoch 0-based epoch
   * @param trainLoss the training loss over the epoch
   * @param trainAccuracy the share of training samples classified correctly
   * @param validationLoss the loss on the validation data
   * @param validationAccuracy the accuracy on the validation data
   * @param learningRate the learning rate used during the epoch
   * @param seconds wall-clock seconds of the epoch's training
   * @param samples training samples seen
   */
  public EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
      double validationAccuracy, double learningRate, double seconds, int samples) {
    this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, learningRate,
        seconds, samples, Map.of());
  }

  /**
   * One metric of one's own.
   *
   * @param name the metric's name, as declared
   * @return its value after this epoch
   * @throws IllegalArgumentException when this epoch has no metric of that name, naming those it
   *     has
   */
  public double metric(String name) {
    Double value = metrics.get(name);
    if (value == null) {
      throw new IllegalArgumentException("epoch result: epoch " + (epoch + 1) + " has no metric"
          + " \"" + name + "\"" + (metrics.isEmpty() ? " (it has none: a metric is computed only"
          + " on validation data, and only when declared with Trainer.Builder.metric)"
          : "; it has " + String.join(", ", metrics.keySet())));
    }
    return value;
  }
}
