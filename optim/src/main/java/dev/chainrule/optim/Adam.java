package dev.chainrule.optim;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1), with
 * optional L2 weight decay added to the gradient as {@code torch.optim.Adam} does. For a parameter
 * θ with gradient g at its t-th update:
 *
 * <pre>
 *   g ← g + λθ                               (λ ≠ 0)
 *   m ← β₁m + (1 − β₁)g                      (first moment, starts at 0)
 *   v ← β₂v + (1 − β₂)g²                     (second raw moment, starts at 0)
 *   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)   (bias corrections)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * ε is added outside the square root and after the bias correction, as in the paper's Algorithm 1
 * and PyTorch (the paper's "efficient" reordering puts ε before the correction, which differs
 * while t is small). t counts this parameter's own updates, so a parameter skipped at some steps
 * is corrected for the updates it actually had.
 *
 * <p>Defaults are PyTorch's: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0. L2 decay through
 * the gradient is scaled down by √v̂ like the gradient itself; {@link AdamW} decouples it.
 *
 * <p>State: {@code "<i>.exp_avg"} (m) and {@code "<i>.exp_avg_sq"} (v), besides the update count
 * {@code "<i>.step"} (t).
 */
public final class Adam extends Optimizer {
  private final AdamMoments moments;
  private final double weightDecay;

  private Adam(List<Variable> parameters, Builder b) {
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
    moments.step(value, withWeightDecay(gradient, value, weightDecay), state, learningRate());
  }

  @Override
  protected List<String> bufferNames() {
    return AdamMoments.BUFFERS;
  }

  @Override
  public String settings() {
    return moments.describe(weightDecay);
  }

  /** Options of {@link Adam}; defaults η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0. */
  public static final class Builder extends AdamOptions<Builder, Adam> {
    private Builder() {
      super("Adam", 0);
    }

    @Override
    public Adam build(List<Variable> parameters) {
      return new Adam(parameters, this);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
