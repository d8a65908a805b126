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
   *   v ← v·β₂ + ((1 − β₂)·g)·g             (weighted before squared, as PyTorch's addcmul_)
   *   θ ← θ + step · m / (√v / biasCorrection2Sqrt + ε)
   * </pre>
   *
   * where {@code step} is −η / (1 − β₁ᵗ) and {@code biasCorrection2Sqrt} is √(1 − β₂ᵗ). Changes
   * {@code value}, {@code m} and {@code v}; reads {@code g}. All four have one shape and one type;
   * a float32 parameter is updated in float32 arithmetic, as PyTorch does. Each of the three
   * changed tensors has its {@link Tensor#version()} bumped.
   *
   * @param value the parameter θ, updated in place
   * @param m the first-moment estimate (running mean of gradients), updated in place
   * @param v the second-moment estimate (running mean of squared gradients), updated in place
   * @param g the gradient of the loss with respect to {@code value}; only read
   * @param beta1 β₁, the decay of {@code m}, in [0, 1) (0.9 in Adam's paper)
   * @param beta2 β₂, the decay of {@code v}, in [0, 1) (0.999 in Adam's paper)
   * @param step −η / (1 − β₁ᵗ) for learning rate η at step t (counted from 1): negative for
   *     descent, with the first moment's bias correction folded in
   * @param biasCorrection2Sqrt √(1 − β₂ᵗ), the square root of the second moment's bias correction
   * @param eps ε, added to the denominator so that a zero second moment does not divide by zero
   * @throws IllegalArgumentException naming adam and the shapes or types when the four tensors do
   *     not all have one shape and one type, or when two of value, m and v are one tensor; naming
   *     the factor when β₁ or β₂ is outside [0, 1), ε is not positive and finite or the bias
   *     correction is outside (0, 1]
   * @throws NullPointerException naming adam when a tensor is null
   */
  public static void adam(Tensor value, Tensor m, Tensor v, Tensor g, double beta1, double beta2,
      double step, double biasCorrection2Sqrt, double eps) {
    update("adam", value, m, v, g, beta1, beta2, step, 0, biasCorrection2Sqrt, eps);
  }

  /**
   * One AdamW step (Adam's with decoupled weight decay), for every element i:
   *
   * <pre>
   *   m ← m·β₁ + (1 − β₁)·g
   *   v ← v·β₂ + ((1 − β₂)·g)·g
   *   θ ← θ + (decayStep·θ + step · m / (√v / biasCorrection2Sqrt + ε))
   * </pre>
   *
   * with {@code decayStep} = −ηλ: θ − η(λθ + m̂/(√v̂ + ε)), which is PyTorch's θ·(1 − ηλ) −
   * η·m̂/(√v̂ + ε) rearranged. The decay joins the step's addend before θ is added, so a float32
   * parameter keeps its share, rounded relative to ηλθ (2^-24 of it), where the factor 1 − ηλ
   * rounded to float32 (values near 1 are 2^-24 apart) made the decay 19 % too strong at η =
   * 1e-3, λ = 1e-4 and none at η = λ = 1e-4, the same way every step; PyTorch 1.13's float32 loop
   * rounds it so. In float64 the two orders differ by rounding only. An infinite θ becomes NaN
   * (∞ − ∞), where PyTorch's order keeps it infinite: either is a run that diverged. As {@link
   * #adam} otherwise, whose step this is at {@code decayStep} = 0.
   *
   * @param value the parameter θ, updated in place
   * @param m the first-moment estimate (running mean of gradients), updated in place
   * @param v the second-moment estimate (running mean of squared gradients), updated in place
   * @param g the gradient of the loss with respect to {@code value}; only read
   * @param beta1 β₁, the decay of {@code m}, in [0, 1)
   * @param beta2 β₂, the decay of {@code v}, in [0, 1)
   * @param step −η / (1 − β₁ᵗ) for learning rate η at step t (counted from 1)
   * @param decayStep −ηλ for learning rate η and weight decay λ, in (−1, 0]: the share of θ the
   *     decay takes off each step
   * @param biasCorrection2Sqrt √(1 − β₂ᵗ)
   * @param eps ε, added to the denominator
   * @throws IllegalArgumentException naming adamW, as {@link #adam} refuses, and when {@code
   *     decayStep} is outside (−1, 0], which would zero θ, flip its sign or grow it
   * @throws NullPointerException naming adamW when a tensor is null
   */
  public static void adamW(Tensor value, Tensor m, Tensor v, Tensor g, double beta1,
      double beta2, double step, double decayStep, double biasCorrection2Sqrt, double eps) {
    checkArgument(decayStep > -1 && decayStep <= 0,
        "adamW: the decay step −ηλ must be in (−1, 0], got %s", decayStep);
    update("adamW", value, m, v, g, beta1, beta2, step, decayStep, biasCorrection2Sqrt, eps);
  }

  private static void update(String op, Tensor value, Tensor m, Tensor v, Tensor g,
      double beta1, double beta2, double step, double decayStep, double biasCorrection2Sqrt,
      double eps) {
    checkNotNull(value, "%s: a tensor is null", op);
    // Outside these ranges the averages grow or flip sign and the step is not Adam's: every
    // element would come out NaN or wrong without a word (the optimizer checks its own settings;
    // this kernel is public). Not the step: one that overflowed (a rate of 1e308) leaves weights
    // that are not finite, which the trainer reports as the run diverging, with its advice.
    checkArgument(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1,
        "%s: β₁ and β₂ must be in [0, 1), got %s and %s", op, beta1, beta2);
    checkArgument(eps > 0 && eps < Double.POSITIVE_INFINITY,
        "%s: ε must be positive and finite, got %s", op, eps);
    checkArgument(biasCorrection2Sqrt > 0 && biasCorrection2Sqrt <= 1,
        "%s: the bias correction √(1 − β₂ᵗ) must be in (0, 1], got %s", op, biasCorrection2Sqrt);
    for (Tensor t : new Tensor[] {m, v, g}) {
      checkNotNull(t, "%s: a tensor is null", op);
      checkArgument(t.shape().equals(value.shape()), "%s: shapes %s and %s differ", op,
          value.shape(), t.shape());
      checkArgument(t.dtype() == value.dtype(), "%s: types %s and %s differ", op, value.dtype(),
          t.dtype());
    }
    // Each element's new m and v are written before θ is, so one array passed twice among the
    // three written (m as v, θ as m) kept the wrong state or stepped from the wrong θ, silently.
    // The gradient is read before anything is written and may be any of them.
    checkArgument(!value.sharesStorageWith(m) && !value.sharesStorageWith(v)
            && !m.sharesStorageWith(v), "%s: the parameter %s, m and v must be three separate"
            + " tensors (%s), as each is updated in place", op, value.shape(),
        value.sharesStorageWith(m) ? "the parameter is m"
            : value.sharesStorageWith(v) ? "the parameter is v" : "m is v");
    // 1 − β is taken in float64 before any rounding, as PyTorch does: in float32, 1 − 0.999f is
    // 0.00099998713, which would weigh every squared gradient 1.3e-5 too little.
    if (value.dtype() == DType.FLOAT64) {
      UpdatesF64.adam(value, m, v, g, beta1, 1 - beta1, beta2, 1 - beta2, step, decayStep,
          biasCorrection2Sqrt, eps);
    } else {
      UpdatesF32.adam(value, m, v, g, (float) beta1, (float) (1 - beta1), (float) beta2,
          (float) (1 - beta2), (float) step, (float) decayStep, (float) biasCorrection2Sqrt,
          (float) eps);
    }
    value.markChanged();
    m.markChanged();
    v.markChanged();
  }
}
