package dev.chainrule.optim.train;

/** The validation figure that early stopping and "best epoch" watch. */
public enum Monitor {
  /** Lower is better. */
  VALIDATION_LOSS,
  /** Higher is better. */
  VALIDATION_ACCURACY;

  double of(EpochResult r) {
    return this == VALIDATION_LOSS ? r.validationLoss() : r.validationAccuracy();
  }

  /** Whether {@code value} beats {@code best} by more than {@code minDelta}. */
  boolean improves(double value, double best, double minDelta) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return this == VALIDATION_LOSS ? value < best - minDelta : value > best + minDelta;
  }
}
