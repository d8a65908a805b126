package dev.chainrule.optim.train;

/**
 * The figure of each epoch that early stopping, the best epoch and the reduction of the learning
 * rate on a plateau watch.
 */
public enum Monitor {
  /** The loss on the validation data; lower is better. */
  VALIDATION_LOSS,
  /** The accuracy on the validation data; higher is better. */
  VALIDATION_ACCURACY,
  /**
   * The epoch's training loss (Keras's {@code "loss"}); lower is better. Needs no validation data,
   * but measures fit, not generalisation: it keeps falling while a model overfits.
   */
  TRAINING_LOSS;

  double of(EpochResult r) {
    return switch (this) {
      case VALIDATION_LOSS -> r.validationLoss();
      case VALIDATION_ACCURACY -> r.validationAccuracy();
      case TRAINING_LOSS -> r.trainLoss();
    };
  }

  /** Whether the figure is an accuracy, to be maximised. */
  boolean higherIsBetter() {
    return this == VALIDATION_ACCURACY;
  }

  /** Whether the figure exists only when validation data is scored. */
  boolean needsValidation() {
    return this != TRAINING_LOSS;
  }

  /** Whether {@code value} beats {@code best} by more than {@code minDelta}. */
  boolean improves(double value, double best, double minDelta) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return higherIsBetter() ? value > best + minDelta : value < best - minDelta;
  }
}
