package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.List;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, "Lecture 6.5 — rmsprop", Neural Networks for Machine
 * Learning) in PyTorch's default, uncentred form ({@code torch.optim.RMSprop}), with optional
 * momentum and L2 weight decay. For a parameter θ with gradient g:
 *
 * <pre>
 *   g ← g + λθ                               (λ ≠ 0)
 *   v ← αv + (1 − α)g²                       (mean square, starts at 0)
 *   d = g / (√v + ε)
 *   b ← μb + d,  θ ← θ − η·b                 (μ ≠ 0; b starts at 0)
 *   θ ← θ − η·d                              (μ = 0)
 * </pre>
 *
 * There is no bias correction: v starts at 0, so the first steps are larger than later ones of
 * the same gradient (the first moves each element by about η/√(1 − α) against the sign of its
 * gradient: 10η at α = 0.99).
 *
 * <p>Defaults are PyTorch's: η = 1e-2, α = 0.99, ε = 1e-8, μ = 0, λ = 0. PyTorch's {@code
 * centered} variant (dividing by an estimate of the variance instead) is not implemented.
 *
 * <p>State: {@code "<i>.square_avg"} (v) and, when μ > 0, {@code "<i>.momentum_buffer"} (b),
 * besides the update count {@code "<i>.step"}.
 */
public final class RmsProp extends Optimizer {
  static final String SQUARE_AVG = "square_avg";

  private final double alpha;
  private final double eps;
  private final double momentum;
  private final double weightDecay;

  private RmsProp(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate);
    this.alpha = b.alpha;
    this.eps = b.eps;
    this.momentum = b.momentum;
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
    Tensor g = withWeightDecay(gradient, value, weightDecay);
    Tensor v = state.buffer(SQUARE_AVG).scaleInPlace(alpha).axpyInPlace(1 - alpha, g.square());
    Tensor direction = g.div(v.sqrt().add(eps));
    if (momentum != 0) {
      direction = state.buffer(Sgd.MOMENTUM_BUFFER).scaleInPlace(momentum).addInPlace(direction);
    }
    value.axpyInPlace(-learningRate(), direction);
  }

  @Override
  protected List<String> bufferNames() {
    return momentum != 0 ? List.of(SQUARE_AVG, Sgd.MOMENTUM_BUFFER) : List.of(SQUARE_AVG);
  }

  @Override
  public String settings() {
    return "alpha=" + alpha + ", eps=" + eps + ", momentum=" + momentum + ", weightDecay="
        + weightDecay;
  }

  /** Options of {@link RmsProp}; defaults η = 1e-2, α = 0.99, ε = 1e-8, μ = 0, λ = 0. */
  public static final class Builder {
    private double learningRate = 1e-2;
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum = 0;
    private double weightDecay = 0;

    private Builder() {}

    /**
     * η, finite and ≥ 0.
     *
     * @param rate the learning rate η, finite and at least 0 (0 freezes the parameters)
     * @return this builder
     */
    public Builder learningRate(double rate) {
      this.learningRate = Hyperparameters.learningRate("RmsProp", rate);
      return this;
    }

    /**
     * The smoothing constant α of the mean square, in [0, 1).
     *
     * @param smoothing α, the decay of the running mean of squared gradients, in [0, 1)
     * @return this builder
     */
    public Builder alpha(double smoothing) {
      this.alpha = Hyperparameters.decay("RmsProp", "alpha", smoothing);
      return this;
    }

    /**
     * ε > 0, added to √v.
     *
     * @param epsilon ε, added to the denominator so it is never 0
     * @return this builder
     */
    public Builder eps(double epsilon) {
      this.eps = Hyperparameters.epsilon("RmsProp", epsilon);
      return this;
    }

    /**
     * μ in [0, 1); 0 (the default) turns momentum off.
     *
     * @param factor the momentum μ, in [0, 1)
     * @return this builder
     */
    public Builder momentum(double factor) {
      this.momentum = Hyperparameters.decay("RmsProp", "momentum", factor);
      return this;
    }

    /**
     * λ ≥ 0, added to the gradient as λθ (L2 regularisation).
     *
     * @param lambda the weight decay λ, at least 0
     * @return this builder
     */
    public Builder weightDecay(double lambda) {
      this.weightDecay = Hyperparameters.weightDecay("RmsProp", lambda);
      return this;
    }

    /**
     * An optimizer over these parameters.
     *
     * @param parameters the parameters to update, in order
     * @return the optimizer
     */
    public RmsProp build(List<Variable> parameters) {
      return new RmsProp(parameters, this);
    }

    /**
     * An optimizer over the module's parameters, in {@link Module#parameters()} order.
     *
     * @param module the model whose parameters to update
     * @return the optimizer
     */
    public RmsProp build(Module module) {
      return build(checkNotNull(module, "RmsProp: the module is null").parameters());
    }
  }
}
