package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.List;

/**
 * Adagrad (Duchi, Hazan &amp; Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", diagonal form) as {@code torch.optim.Adagrad}, with optional L2 weight
 * decay. For a parameter θ with gradient g:
 *
 * <pre>
 *   g ← g + λθ                               (λ ≠ 0)
 *   G ← G + g²                               (sum of squares, starts at 0)
 *   θ ← θ − η·g / (√G + ε)
 * </pre>
 *
 * Each element's effective rate η/√G only shrinks, which suits sparse features and makes long
 * runs stall; RMSprop replaced the sum by a moving average for that reason.
 *
 * <p>Defaults are PyTorch's: η = 1e-2, ε = 1e-10, λ = 0. PyTorch's {@code lr_decay} and {@code
 * initial_accumulator_value} (both 0 by default) are not implemented.
 *
 * <p>State: {@code "<i>.sum"} (G), besides the update count {@code "<i>.step"}.
 */
public final class Adagrad extends Optimizer {
  static final String SUM = "sum";
  private static final List<String> BUFFERS = List.of(SUM);

  private final double eps;
  private final double weightDecay;

  private Adagrad(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate);
    this.eps = b.eps;
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
    Tensor sum = state.buffer(SUM).addInPlace(g.square());
    value.axpyInPlace(-learningRate(), g.div(sum.sqrt().add(eps)));
  }

  @Override
  protected List<String> bufferNames() {
    return BUFFERS;
  }

  @Override
  public String settings() {
    return "eps=" + eps + ", weightDecay=" + weightDecay;
  }

  /** Options of {@link Adagrad}; defaults η = 1e-2, ε = 1e-10, λ = 0. */
  public static final class Builder {
    private double learningRate = 1e-2;
    private double eps = 1e-10;
    private double weightDecay = 0;

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
      return build(checkNotNull(module, "Adagrad: the module is null").parameters());
    }
  }
}
