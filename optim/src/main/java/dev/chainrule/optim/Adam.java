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
 *   g ← −g                                   (maximize)
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
 * <p><b>AMSGrad</b> (Reddi, Kale &amp; Kumar 2018, "On the Convergence of Adam and Beyond"), as
 * PyTorch 1.13's {@code amsgrad=True}, divides by the largest second moment so far, so that an
 * element's effective rate never grows back when its gradients shrink:
 *
 * <pre>
 *   v_max ← max(v_max, v)                    (elementwise, starts at 0)
 *   θ ← θ − η·m̂ / (√v_max / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>With {@code maximize(true)} (PyTorch's {@code maximize=True}) the gradient is negated first,
 * before the weight decay joins it, as PyTorch 1.13 does: the steps climb the objective while the
 * decay still pulls the weights towards 0.
 *
 * <p>Defaults are PyTorch's: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0, no AMSGrad,
 * minimizing. L2 decay through the gradient is scaled down by √v̂ like the gradient itself;
 * {@link AdamW} decouples it.
 *
 * <p>State: {@code "<i>.exp_avg"} (m), {@code "<i>.exp_avg_sq"} (v) and, with AMSGrad, {@code
 * "<i>.max_exp_avg_sq"} (v_max), besides the update count {@code "<i>.step"} (t).
 */
public final class Adam extends Optimizer {
  private final AdamMoments moments;
  private final double weightDecay;

  private Adam(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate, b.groups, b.maximize);
    this.moments = new AdamMoments(b.beta1, b.beta2, b.eps, b.amsgrad);
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
    // The fused kernel takes no sign: the rarely used maximize costs one negated copy instead.
    Tensor g = withWeightDecay(directed(gradient), value, parameterWeightDecay(weightDecay));
    moments.step(value, g, state, parameterLearningRate(), 0);
  }

  @Override
  protected List<String> bufferNames() {
    return moments.buffers();
  }

  @Override
  public String settings() {
    return withGroups(moments.describe(weightDecay, maximizes()));
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
