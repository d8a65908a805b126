package dev.chainrule.autograd;

/**
 * How per-sample losses combine into one number. Samples are the rows of the prediction (or its
 * elements, for a rank-1 prediction).
 */
public enum Reduction {
  /** (1/N)·Σᵢ ℓᵢ over the N samples. */
  MEAN,
  /** Σᵢ ℓᵢ. */
  SUM
}
