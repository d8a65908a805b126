package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;

/** Range checks shared by the optimizers' builders; messages name the optimizer and the value. */
final class Hyperparameters {
  private Hyperparameters() {}

  /** η: finite and ≥ 0 (0 freezes the parameters, which a schedule may want). */
  static double learningRate(String optimizer, double rate) {
    return nonNegative(optimizer, "the learning rate", rate);
  }

  /** A setting that is finite and ≥ 0 (Adagrad's lrDecay and initialAccumulatorValue). */
  static double nonNegative(String optimizer, String name, double value) {
    checkArgument(value >= 0 && value < Double.POSITIVE_INFINITY,
        "%s: %s must be finite and non-negative, got %s", optimizer, name, value);
    return unsignedZero(value);
  }

  /**
   * A decay factor in [0, 1): momentum, β₁, β₂, RMSprop's α. At 1 the average would never forget
   * (and the bias corrections 1 − βᵗ would divide by zero).
   */
  static double decay(String optimizer, String name, double value) {
    checkArgument(value >= 0 && value < 1, "%s: %s must be in [0, 1), got %s", optimizer, name,
        value);
    return unsignedZero(value);
  }

  /** A weight decay λ: finite and ≥ 0. */
  static double weightDecay(String optimizer, double value) {
    return nonNegative(optimizer, "the weight decay", value);
  }

  /**
   * ε in a denominator √v + ε: finite and > 0. PyTorch accepts 0, but then a gradient element that
   * has been 0 since the start gives 0/0 = NaN and poisons the parameter. A float32 parameter's
   * update adds ε in float32, so ε must survive that rounding too (below 7e-46 it is 0 there).
   */
  static double epsilon(String optimizer, double value) {
    checkArgument(value > 0 && value < Double.POSITIVE_INFINITY,
        "%s: eps must be finite and positive, got %s", optimizer, value);
    // Refused whatever the model's type, which the builder does not know: a float64 model moved
    // to float32 later would meet it at its first step.
    checkArgument((float) value > 0, "%s: eps %s is 0 in float32, where a gradient element"
        + " that has always been 0 would give 0/0 = NaN (a model in float32, or moved to it,"
        + " would meet it); the smallest float32 is %s", optimizer, value, Float.MIN_VALUE);
    return value;
  }

  /**
   * −0.0 passes a {@code >= 0} check but would be kept and printed as {@code lr=-0.0} (and saved
   * so in a checkpoint); as a rate or factor it means exactly 0, so it is stored as 0.0.
   */
  static double unsignedZero(double value) {
    return value + 0.0;
  }
}
