package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * In-place update kernels for optimizers, each one pass over a parameter and its state. Written
 * as a composition of tensor operations, an Adam step makes five temporaries the size of the
 * parameter and reads or writes it a dozen times; for the first layer of an MNIST network that
 * is most of a training step's time outside the matrix products. Each kernel computes exactly
 * the operations of its composition, in the same order, so the results are bitwise the same.
 */
public final class FusedUpdates {
  private FusedUpdates() {}

  /**
   * One Adam step, for every element i:
   *
   * <pre>
   *   m ← m·β₁ + (1 − β₁)·g
   *   v ← v·β₂ + (1 − β₂)·g²
   *   θ ← θ + step · m / (√v / biasCorrection2Sqrt + ε)
   * </pre>
   *
   * where {@code step} is −η / (1 − β₁ᵗ) and {@code biasCorrection2Sqrt} is √(1 − β₂ᵗ). Changes
   * {@code value}, {@code m} and {@code v}; reads {@code g}. All four have one shape.
   */
  public static void adam(Tensor value, Tensor m, Tensor v, Tensor g, double beta1, double beta2,
      double step, double biasCorrection2Sqrt, double eps) {
    for (Tensor t : new Tensor[] {m, v, g}) {
      checkNotNull(t, "adam: a tensor is null");
      checkArgument(t.shape().equals(value.shape()), "adam: shapes %s and %s differ",
          value.shape(), t.shape());
    }
    double[] theta = value.data;
    double[] mean = m.data;
    double[] square = v.data;
    double[] grad = g.data;
    double keep1 = 1 - beta1;
    double keep2 = 1 - beta2;
    for (int i = 0; i < theta.length; i++) {
      double gi = grad[i];
      double mi = mean[i] * beta1 + keep1 * gi;
      double vi = square[i] * beta2 + keep2 * (gi * gi);
      mean[i] = mi;
      square[i] = vi;
      theta[i] += step * (mi / (Math.sqrt(vi) / biasCorrection2Sqrt + eps));
    }
    value.markChanged();
    m.markChanged();
    v.markChanged();
  }
}
