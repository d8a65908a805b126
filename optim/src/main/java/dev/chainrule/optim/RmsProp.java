package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, "Lecture 6.5 — rmsprop", Neural Networks for Machine
 * Learning) as {@code torch.optim.RMSprop}, uncentred by default, with optional momentum, L2
 * weight decay and centring. For a parameter θ with gradient g:
 *
 * <pre>
 *   g ← −g                                   (maximize)
 *   g ← g + λθ                               (λ ≠ 0)
 *   v ← αv + (1 − α)g²                       (mean square, starts at 0)
 *   a = √v + ε                               (uncentred)
 *   ḡ ← αḡ + (1 − α)g,  a = √(v − ḡ²) + ε     (centred; ḡ starts at 0)
 *   d = g / a
 *   b ← μb + d,  θ ← θ − η·b                 (μ ≠ 0; b starts at 0)
 *   θ ← θ − η·d                              (μ = 0)
 * </pre>
 *
 * There is no bias correction: v starts at 0, so the first steps are larger than later ones of
 * the same gradient (the first moves each element by about η/√(1 − α) against the sign of its
 * gradient: 10η at α = 0.99).
 *
 * <p>Centred (Graves 2013, "Generating Sequences With Recurrent Neural Networks", eq. 38-41,
 * PyTorch's {@code centered=True}), the divisor estimates the gradient's standard deviation
 * rather than its root mean square. v − ḡ² is a variance, never negative in exact arithmetic (ḡ²
 * ≤ v by Cauchy-Schwarz: both average with the same weights, which sum to less than 1); rounded,
 * it can come out a few ulps below 0 once an element's gradient has been one constant for long
 * (in PyTorch, for about a quarter of such constants after 6000 steps), and then, as in PyTorch,
 * its square root is NaN.
 *
 * <p>With {@code maximize(true)} (PyTorch's {@code maximize=True}) the gradient is negated first,
 * before the weight decay joins it, as PyTorch 1.13 does: v is unchanged, ḡ and the steps change
 * sign, and the decay still pulls the weights towards 0.
 *
 * <p>Defaults are PyTorch's: η = 1e-2, α = 0.99, ε = 1e-8, μ = 0, λ = 0, uncentred, minimizing.
 *
 * <p>State, in PyTorch's order: {@code "<i>.square_avg"} (v), when μ > 0 {@code
 * "<i>.momentum_buffer"} (b), and when centred {@code "<i>.grad_avg"} (ḡ), besides the update
 * count {@code "<i>.step"}.
 */
public final class RmsProp extends Optimizer {
  static final String SQUARE_AVG = "square_avg";
  static final String GRAD_AVG = "grad_avg";

  private final double alpha;
  private final double eps;
  private final double momentum;
  private final double weightDecay;
  private final boolean centered;
  private final List<String> bufferNames;

  private RmsProp(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate, b.groups, b.maximize);
    this.alpha = b.alpha;
    this.eps = b.eps;
    this.momentum = b.momentum;
    this.weightDecay = b.weightDecay;
    this.centered = b.centered;
    List<String> names = new ArrayList<>(List.of(SQUARE_AVG));
    if (momentum != 0) {
      names.add(Sgd.MOMENTUM_BUFFER);
    }
    if (centered) {
      names.add(GRAD_AVG);
    }
    this.bufferNames = List.copyOf(names);
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
    // Negated before the decay joins it, as PyTorch 1.13 does; negation is exact, so every
    // later rounding is PyTorch's on −g.
    Tensor g = withWeightDecay(directed(gradient), value, parameterWeightDecay(weightDecay));
    // ((1 − α)·g)·g, PyTorch's addcmul_ order: g² first overflows from |g| = √max (1.8e19 in
    // float32), ten times sooner at α = 0.99, and an infinite v froze the element for good.
    Tensor v = state.buffer(SQUARE_AVG).scaleInPlace(alpha).addInPlace(g.mul(1 - alpha).mul(g));
    Tensor root;
    if (centered) {
      Tensor mean = state.buffer(GRAD_AVG).scaleInPlace(alpha).axpyInPlace(1 - alpha, g);
      root = v.sub(mean.square()).sqrt();
    } else {
      root = v.sqrt();
    }
    Tensor direction = g.div(root.add(eps));
    if (momentum != 0) {
      direction = state.buffer(Sgd.MOMENTUM_BUFFER).scaleInPlace(momentum).addInPlace(direction);
    }
    value.axpyInPlace(-parameterLearningRate(), direction);
  }

  @Override
  protected List<String> bufferNames() {
    return bufferNames;
  }

  @Override
  public String settings() {
    // Centring and maximize are named only when on: a default RMSprop records the settings it did
    // before the options existed, so its checkpoints still load.
    return withGroups("alpha=" + alpha + ", eps=" + eps + ", momentum=" + momentum
        + ", weightDecay=" + weightDecay + (centered ? ", centered" : "")
        + (maximizes() ? ", maximize" : ""));
  }

  /**
   * Options of {@link RmsProp}; defaults η = 1e-2, α = 0.99, ε = 1e-8, μ = 0, λ = 0, uncentred,
   * minimizing.
   */
  public static final class Builder {
    private double learningRate = 1e-2;
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum = 0;
    private double weightDecay = 0;
    private boolean centered;
    private boolean maximize;
    private final List<ParameterGroup> groups = new ArrayList<>();

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
     * Gradient ascent (PyTorch's {@code maximize}): the gradient is negated before anything else
     * reads it, weight decay included, so each step climbs the objective. For every parameter,
     * groups included. Off by default.
     *
     * @param enabled whether to maximize the objective instead of minimizing it
     * @return this builder
     */
    public Builder maximize(boolean enabled) {
      this.maximize = enabled;
      return this;
    }

    /**
     * Gives some of the parameters a learning rate that is a factor of this one and a weight
     * decay of their own (PyTorch's parameter groups); call once per group. The others keep
     * this builder's settings.
     *
     * @param group parameters of the optimizer to build, none in an earlier group
     * @return this builder
     */
    public Builder group(ParameterGroup group) {
      groups.add(checkNotNull(group, "RmsProp: the group is null"));
      return this;
    }

    /**
     * Centred RMSprop (PyTorch's {@code centered}): divide by √(v − ḡ²) + ε, an estimate of the
     * gradient's standard deviation, where ḡ ← αḡ + (1 − α)g is kept per parameter as {@code
     * "<i>.grad_avg"}. Off by default.
     *
     * @param enabled whether to subtract the squared mean gradient from the mean square
     * @return this builder
     */
    public Builder centered(boolean enabled) {
      this.centered = enabled;
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
      return build(ParameterList.of("RmsProp", module));
    }
  }
}
