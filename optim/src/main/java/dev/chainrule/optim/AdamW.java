package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
 * Regularization", Algorithm 2), as {@code torch.optim.AdamW}. The decay shrinks the parameter
 * directly instead of entering the gradient, so it is not rescaled by √v̂:
 *
 * <pre>
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
 *   m̂ = m / (1 − β₁ᵗ),     v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η(λθ + m̂ / (√v̂ + ε))           (decoupled decay λθ, from the current θ)
 * </pre>
 *
 * The decay is multiplied by the current learning rate η, as in PyTorch (the paper scales it by
 * the schedule multiplier alone), so a schedule lowers both together.
 *
 * <p><b>Rounding.</b> PyTorch 1.13 computes θ·(1 − ηλ) − η·m̂/(√v̂ + ε), the same value in exact
 * arithmetic; here the decay ηλθ joins the Adam step before θ is added (in the same fused
 * pass). In float32, PyTorch's factor 1 − ηλ is rounded to float32, whose values near 1 are 2⁻²⁴
 * (6e-8) apart, the same way every step: at η = 1e-3, λ = 1e-4 its decay is 19 % too strong, at
 * η = λ = 1e-4 there is none. Folded into the addend, the decay keeps its share, rounded
 * relative to itself, so a float32 run's weights follow a float64 run's without that drift
 * (AdamWFloat32DecayTest measures it). This departs from PyTorch's float32 bits, toward the
 * formula; in float64 the two orders differ by rounding only (PyTorchOptionsTest, 1e-12). What
 * remains is the rounding of any float32 update: θ plus the whole step is rounded to θ's ulps,
 * so where the Adam step is zero (zero gradients, zero moments) the decay alone is rounded
 * there, lost when below half an ulp of θ (ηλ below 3e-8 for θ just below 1) and rounded to
 * whole ulps above it (ηλ = 1e-7 takes two ulps, 1.19e-7, off θ = 1: 19 % too much again).
 *
 * <p>The decay factor 1 − ηλ must stay positive: at ηλ ≥ 1 it would zero the weights or flip
 * their signs, whatever the gradients say (PyTorch does so silently). The builder refuses such a
 * pair, for the optimizer's settings and for each {@link ParameterGroup}'s (η times its scale,
 * its λ), and a step refuses a learning rate that a schedule raised into it.
 *
 * <p>AMSGrad is available as for {@link Adam} ({@code amsgrad(true)}: the denominator uses the
 * largest second moment so far, v_max ← max(v_max, v), as {@code torch.optim.AdamW(...,
 * amsgrad=True)} does).
 *
 * <p>With {@code maximize(true)} (PyTorch's {@code maximize=True}) the moments take the negated
 * gradient, as PyTorch 1.13's do; the decoupled decay, which reads no gradient, still shrinks θ.
 *
 * <p>Defaults are PyTorch's: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 1e-2, no AMSGrad,
 * minimizing.
 * State as {@link Adam}: {@code "<i>.step"}, {@code "<i>.exp_avg"}, {@code "<i>.exp_avg_sq"} and,
 * with AMSGrad, {@code "<i>.max_exp_avg_sq"}.
 */
public final class AdamW extends Optimizer {
  private final AdamMoments moments;
  private final double weightDecay;

  private AdamW(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate, b.groups, b.maximize);
    this.moments = new AdamMoments(b.beta1, b.beta2, b.eps, b.amsgrad);
    this.weightDecay = b.weightDecay;
    String tooLarge = decayTooLarge();
    checkArgument(tooLarge == null, "AdamW: %s", tooLarge);
  }

  /**
   * Options starting from PyTorch's defaults.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Refuses a learning rate that has grown, since construction, to make ηλ ≥ 1: a schedule,
   * {@link #setLearningRate} or {@link #loadState} may change it.
   *
   * @throws IllegalStateException naming the learning rate and the weight decay
   */
  @Override
  protected void checkStep() {
    String tooLarge = decayTooLarge();
    if (tooLarge != null) {
      throw new IllegalStateException("AdamW.step: " + tooLarge);
    }
  }

  @Override
  protected void update(Tensor value, Tensor gradient, ParameterState state) {
    moments.step(value, directed(gradient), state, parameterLearningRate(),
        parameterWeightDecay(weightDecay));
  }

  /**
   * Why the current learning rate and weight decay of some parameter make ηλ ≥ 1, the first
   * such parameter's group named, or null when none does. The product is computed as the update
   * computes it, (η·s)·λ with s the group's scale.
   */
  private String decayTooLarge() {
    ParameterGroups groups = parameterGroups();
    for (int i = 0; i < parameters().size(); i++) {
      double rate = learningRate() * groups.scale(i);
      double lambda = groups.weightDecay(i, weightDecay);
      if (rate * lambda >= 1) {
        int group = groups.groupOf(i);
        String product = group < 0 ? "learning rate " + rate
            : "group " + group + " (" + ParameterList.label(i, parameters().get(i))
                + "): learning rate " + learningRate() + " × learningRateScale "
                + groups.scale(i);
        return product + " × weight decay " + lambda + " = " + rate * lambda
            + " is at least 1, so the decoupled decay would multiply the weights by 1 − ηλ = "
            + (1 - rate * lambda) + " (zeroing them or flipping their signs); lower either";
      }
    }
    return null;
  }

  @Override
  protected List<String> bufferNames() {
    return moments.buffers();
  }

  @Override
  public String settings() {
    return withGroups(moments.describe(weightDecay, maximizes()));
  }

  /** Options of {@link AdamW}; defaults η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 1e-2. */
  public static final class Builder extends AdamOptions<Builder, AdamW> {
    private Builder() {
      super("AdamW", 1e-2);
    }

    /**
     * An AdamW over these parameters.
     *
     * @param parameters the parameters to update, in order
     * @return the optimizer
     * @throws IllegalArgumentException when the learning rate times the weight decay is at least
     *     1, which would make the decay multiply the weights by 1 − ηλ ≤ 0
     */
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
