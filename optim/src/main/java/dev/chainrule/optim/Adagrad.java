package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * Adagrad (Duchi, Hazan &amp; Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", diagonal form) as {@code torch.optim.Adagrad}, with optional L2 weight
 * decay, learning-rate decay and a starting accumulator. For a parameter θ with gradient g at
 * its t-th update:
 *
 * <pre>
 *   g ← −g                                   (maximize)
 *   g ← g + λθ                               (λ ≠ 0)
 *   G ← G + g²                               (sum of squares, starts at G₀)
 *   η_t = η / (1 + (t − 1)·δ)                (learning-rate decay δ)
 *   θ ← θ − η_t·g / (√G + ε)
 * </pre>
 *
 * Each element's effective rate η/√G only shrinks, which suits sparse features and makes long
 * runs stall; RMSprop replaced the sum by a moving average for that reason. The decay δ ({@code
 * lr_decay}) shrinks the rate further, by the parameter's own update count t, on top of any
 * schedule; G₀ ({@code initial_accumulator_value}) damps the first steps, which without it move
 * each element by about η whatever the gradient's size.
 *
 * <p>PyTorch fills G with G₀ when the optimizer is built; here a parameter's state is made on its
 * first update, already filled with G₀, so that update, and a state saved after it, are PyTorch's.
 * A state saved before a parameter's first update has no entries for it (PyTorch's has {@code
 * step} 0 and {@code sum} G₀), which on loading is made afresh the same way.
 *
 * <p>With {@code maximize(true)} (PyTorch's {@code maximize=True}) the gradient is negated first,
 * before the weight decay joins it, as PyTorch 1.13 does: G is unchanged, the steps change sign,
 * and the decay still pulls the weights towards 0.
 *
 * <p>Defaults are PyTorch's: η = 1e-2, δ = 0, λ = 0, G₀ = 0, ε = 1e-10, minimizing.
 *
 * <p>State: {@code "<i>.sum"} (G), besides the update count {@code "<i>.step"} (t).
 */
public final class Adagrad extends Optimizer {
  static final String SUM = "sum";
  private static final List<String> BUFFERS = List.of(SUM);

  private final double eps;
  private final double weightDecay;
  private final double lrDecay;
  private final double initialAccumulatorValue;

  private Adagrad(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate, b.groups, b.maximize);
    this.eps = b.eps;
    this.weightDecay = b.weightDecay;
    this.lrDecay = b.lrDecay;
    this.initialAccumulatorValue = b.initialAccumulatorValue;
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
    Tensor sum = state.buffer(SUM).addInPlace(g.square());
    // As PyTorch: the rate divided in float64, from t − 1 (the first update is at the full rate);
    // with δ = 0 the divisor is exactly 1.
    double rate = parameterLearningRate() / (1 + (state.step() - 1) * lrDecay);
    value.axpyInPlace(-rate, g.div(sum.sqrt().add(eps)));
  }

  @Override
  protected List<String> bufferNames() {
    return BUFFERS;
  }

  @Override
  protected double initialValue(String buffer) {
    return buffer.equals(SUM) ? initialAccumulatorValue : 0;
  }

  @Override
  public String settings() {
    // These options are named only when set, so a default Adagrad records the settings it did
    // before they existed, and its checkpoints still load.
    return withGroups((lrDecay != 0 ? "lrDecay=" + lrDecay + ", " : "") + "eps=" + eps
        + ", weightDecay=" + weightDecay + (initialAccumulatorValue != 0
            ? ", initialAccumulatorValue=" + initialAccumulatorValue : "")
        + (maximizes() ? ", maximize" : ""));
  }

  /**
   * Options of {@link Adagrad}; defaults η = 1e-2, δ = 0, λ = 0, G₀ = 0, ε = 1e-10, minimizing.
   */
  public static final class Builder {
    private double learningRate = 1e-2;
    private double eps = 1e-10;
    private double weightDecay = 0;
    private double lrDecay = 0;
    private double initialAccumulatorValue = 0;
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
      this.learningRate = Hyperparameters.learningRate("Adagrad", rate);
      return this;
    }

    /**
     * ε > 0, added to √G.
     *
     * @param epsilon ε, added to the denominator so it is never 0
     * @return this builder
     */
    public Builder eps(double epsilon) {
      this.eps = Hyperparameters.epsilon("Adagrad", epsilon);
      return this;
    }

    /**
     * λ ≥ 0, added to the gradient as λθ (L2 regularisation).
     *
     * @param lambda the weight decay λ, at least 0
     * @return this builder
     */
    public Builder weightDecay(double lambda) {
      this.weightDecay = Hyperparameters.weightDecay("Adagrad", lambda);
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
      groups.add(checkNotNull(group, "Adagrad: the group is null"));
      return this;
    }

    /**
     * δ ≥ 0, PyTorch's {@code lr_decay}: the t-th update of a parameter uses η / (1 + (t − 1)·δ).
     *
     * @param decay the learning-rate decay δ, finite and at least 0
     * @return this builder
     */
    public Builder lrDecay(double decay) {
      this.lrDecay = Hyperparameters.nonNegative("Adagrad", "lrDecay", decay);
      return this;
    }

    /**
     * G₀ ≥ 0, PyTorch's {@code initial_accumulator_value}: the value every element of the sum of
     * squares starts at.
     *
     * @param value the starting sum G₀, finite and at least 0 (a sum of squares)
     * @return this builder
     */
    public Builder initialAccumulatorValue(double value) {
      this.initialAccumulatorValue =
          Hyperparameters.nonNegative("Adagrad", "initialAccumulatorValue", value);
      return this;
    }

    /**
     * An optimizer over these parameters.
     *
     * @param parameters the parameters to update, in order
     * @return the optimizer
     */
    public Adagrad build(List<Variable> parameters) {
      return new Adagrad(parameters, this);
    }

    /**
     * An optimizer over the module's parameters, in {@link Module#parameters()} order.
     *
     * @param module the model whose parameters to update
     * @return the optimizer
     */
    public Adagrad build(Module module) {
      return build(ParameterList.of("Adagrad", module));
    }
  }
}
