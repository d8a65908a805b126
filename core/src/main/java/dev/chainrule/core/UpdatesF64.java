package dev.chainrule.core;

/**
 * The in-place kernels of float64 tensors (the only writes into an existing tensor), and the
 * template of their float32 twin ({@code UpdatesF32}, generated at build time). The caller has
 * checked shapes and types and bumps the versions.
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class UpdatesF64 {
  private UpdatesF64() {}

  /** target += alpha · x: BLAS's axpy. */
  static void axpy(Tensor target, double alpha, Tensor x) {
    double[] t = target.dataF64();
    double[] v = x.dataF64();
    if (alpha == 1) {
      for (int i = 0; i < t.length; i++) {
        t[i] += v[i];
      }
      return;
    }
    for (int i = 0; i < t.length; i++) {
      t[i] += alpha * v[i];
    }
  }

  static void scale(Tensor target, double factor) {
    double[] t = target.dataF64();
    for (int i = 0; i < t.length; i++) {
      t[i] *= factor;
    }
  }

  static void assign(Tensor target, Tensor source) {
    double[] t = target.dataF64();
    System.arraycopy(source.dataF64(), 0, t, 0, t.length);
  }

  /**
   * One Adam step over every element; see {@link FusedUpdates#adam} and {@link
   * FusedUpdates#adamW} for the equations. {@code keep1} and {@code keep2} are 1 − β₁ and 1 − β₂,
   * taken by the caller before rounding to the element type; {@code decayStep} is −ηλ, 0 for
   * Adam.
   */
  static void adam(Tensor value, Tensor m, Tensor v, Tensor g, double beta1, double keep1,
      double beta2, double keep2, double step, double decayStep, double biasCorrection2Sqrt,
      double eps) {
    double[] theta = value.dataF64();
    double[] mean = m.dataF64();
    double[] square = v.dataF64();
    double[] grad = g.dataF64();
    boolean decays = decayStep != 0;
    for (int i = 0; i < theta.length; i++) {
      double gi = grad[i];
      double mi = mean[i] * beta1 + keep1 * gi;
      // ((1 − β₂)·g)·g, PyTorch's addcmul_ order: g·g first overflows for |g| from √max (1.8e19
      // in float32), at a √1000 ≈ 32 times smaller gradient for β₂ = 0.999, and an infinite v
      // froze the element for good.
      double vi = square[i] * beta2 + keep2 * gi * gi;
      mean[i] = mi;
      square[i] = vi;
      double update = step * (mi / ((double) Math.sqrt(vi) / biasCorrection2Sqrt + eps));
      // The decay joins the step's addend before θ is added: θ·(1 − ηλ) rounded 1 − ηλ to
      // float32 (2^-24 apart near 1), biasing the decay by up to 3e-8 per step. Without decay
      // (Adam) the addend is the step alone, as it was: 0·θ would make an infinite θ NaN. With
      // decay an infinite θ does become NaN (∞ − ∞), where PyTorch's θ·(1 − ηλ) keeps it: the
      // run has diverged either way, and keeping ∞ (a clamp of θ for the decay, or a test of it)
      // cost float32 AdamW steps 10 to 20 % or stopped the loop vectorizing.
      theta[i] += decays ? decayStep * theta[i] + update : update;
    }
  }
}
