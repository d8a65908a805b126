package dev.chainrule.optim;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
 * Regularization", Algorithm 2), as {@code torch.optim.AdamW}. The decay shrinks the parameter
 * directly instead of entering the gradient, so it is not rescaled by √v̂:
 *
 * <pre>
 *   θ ← θ − ηλθ                              (decoupled decay, from the current θ)
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
 *   m̂ = m / (1 − β₁ᵗ),     v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * The decay is multiplied by the current learning rate η, as in PyTorch (the paper scales it by
 * the schedule multiplier alone), so a schedule lowers both together.
 *
 * <p>Defaults are PyTorch's: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 1e-2. State as {@link
 * Adam}: {@code "<i>.step"}, {@code "<i>.exp_avg"}, {@code "<i>.exp_avg_sq"}.
 */
public final class AdamW extends Optimizer {
  private final AdamMoments moments;
  private final double weightDecay;

  private AdamW(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate);
    this.moments = new AdamMoments(b.beta1, b.beta2, b.eps);
    this.weightDecay = b.weightDecay;
  }

  /**
   * Options starting from PyTorch's defaults.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void update(Tensor value, Tensor gradient, ParameterState state) {
    if (weightDecay != 0) {
      value.scaleInPlace(1 - learningRate() * weightDecay);
    }
    moments.step(value, gradient, state, learningRate());
  }

  @Override
  protected List<String> bufferNames() {
    return AdamMoments.BUFFERS;
  }

  @Override
  public String toString() {
    return "AdamW" + moments.describe(learningRate(), weightDecay);
  }

  /** Options of {@link AdamW}; defaults η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 1e-2. */
  public static final class Builder extends AdamOptions<Builder, AdamW> {
    private Builder() {
      super("AdamW", 1e-2);
    }

    @Override
    public AdamW build(List<Variable> parameters) {
      return new AdamW(parameters, this);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
