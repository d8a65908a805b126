package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autograd.BackwardUpdate;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, in PyTorch's formulation ({@code torch.optim.SGD}). For a parameter θ with gradient g,
 * learning rate η, momentum μ, dampening τ and weight decay λ:
 *
 * <pre>
 *   g ← −g                                       (maximize)
 *   g ← g + λθ                                   (λ ≠ 0)
 *   v ← g                                        (μ ≠ 0, the parameter's first update)
 *   v ← μv + (1 − τ)g                            (μ ≠ 0, every later update)
 *   d = g + μv (Nesterov),  d = v (momentum),  d = g (μ = 0)
 *   θ ← θ − η·d
 * </pre>
 *
 * The first velocity is the whole gradient, undampened, as in PyTorch (whose buffer is a copy
 * of the first gradient): dampening weighs each later gradient by 1 − τ, so that with τ = μ the
 * velocity is a moving average of the gradients rather than their sum. Nesterov momentum needs
 * τ = 0, as in PyTorch.
 *
 * <p>With {@link Builder#maximize(boolean) maximize} (PyTorch's {@code maximize=True}) the
 * gradient is negated before anything else, weight decay and momentum included, as PyTorch 1.13
 * negates it: the parameters climb the objective while the decay still pulls them towards 0.
 *
 * <p>The velocity sums gradients, not steps: Sutskever et al. (2013, "On the importance of
 * initialization and momentum in deep learning") write v ← μv + ηg, θ ← θ − v, which is the same
 * while η is constant; when a schedule changes η, this form applies the new rate to the whole
 * velocity at once, as PyTorch does.
 *
 * <p><b>Batch, mini-batch and stochastic gradient descent</b> are this one update; they differ in
 * the gradient it is given. Averaged over all N training samples it is batch gradient descent, over
 * a mini-batch of B samples mini-batch SGD, over one sample stochastic gradient descent. The batch
 * size is chosen where the data is cut ({@code Dataset.batches(batchSize, seed, dropLast)}, where
 * a size of at least N gives one batch), and {@link #step()} is called once per batch.
 *
 * <p>State: {@code "<i>.momentum_buffer"} (v) when μ > 0, besides the update count {@code
 * "<i>.step"}.
 */
public final class Sgd extends Optimizer {
  static final String MOMENTUM_BUFFER = "momentum_buffer";

  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private final double weightDecay;

  private Sgd(List<Variable> parameters, Builder b) {
    super(parameters, b.learningRate, b.groups, b.maximize);
    this.momentum = b.momentum;
    this.dampening = b.dampening;
    this.nesterov = b.nesterov;
    this.weightDecay = b.weightDecay;
  }

  /**
   * Options starting from plain SGD at this learning rate, which has no default.
   *
   * @param learningRate the learning rate η, finite and at least 0 (0 freezes the parameters)
   * @return a builder with the defaults
   */
  public static Builder builder(double learningRate) {
    return new Builder(learningRate);
  }

  @Override
  protected void update(Tensor value, Tensor gradient, ParameterState state) {
    Tensor g = withWeightDecay(directed(gradient), value, parameterWeightDecay(weightDecay));
    if (momentum != 0) {
      Tensor v = state.buffer(MOMENTUM_BUFFER);
      // The first update copies g (PyTorch's buffer is born a clone of it), which the zero
      // buffer's μ·0 + (1 − τ)g would not be when τ ≠ 0. A state saved or loaded after any update
      // has step ≥ 1, so this is the first update exactly when PyTorch has no buffer yet.
      if (state.step() == 1) {
        v.assignInPlace(g);
      } else {
        v.scaleInPlace(momentum).axpyInPlace(1 - dampening, g);
      }
      g = nesterov ? g.add(v.mul(momentum)) : v;
    }
    value.axpyInPlace(-parameterLearningRate(), g);
  }

  /**
   * Without momentum, θ ← θ − η(g + λθ) is θ ← (1 − ηλ)·θ − η·g, and with maximize θ ← θ −
   * η(−g + λθ) is θ ← (1 − ηλ)·θ + η·g. Not where a factor is 0: a product with α = 0 is
   * skipped and one with β = 0 never reads θ (as BLAS does), so a NaN in the gradient (η = 0) or
   * in θ (ηλ = 1) would not come through as it does in the step's 0·NaN. On a float32 parameter
   * with decay the optimizer sets this form aside ({@link #updatesLinearly()}): its product
   * would round 1 − ηλ to float32.
   */
  @Override
  protected BackwardUpdate.LinearForm linearForm() {
    double rate = parameterLearningRate();
    double valueFactor = 1 - rate * parameterWeightDecay(weightDecay);
    if (momentum != 0 || rate == 0 || valueFactor == 0) {
      return null;
    }
    return new BackwardUpdate.LinearForm(maximizes() ? rate : -rate, valueFactor);
  }

  @Override
  protected List<String> bufferNames() {
    return momentum != 0 ? List.of(MOMENTUM_BUFFER) : List.of();
  }

  @Override
  public String settings() {
    // Dampening and maximize are named only when set, so a checkpoint of a default SGD records
    // the settings it recorded before they existed, and loads into a default SGD as it did.
    return withGroups("momentum=" + momentum + (dampening != 0 ? ", dampening=" + dampening
        : "") + (nesterov ? ", nesterov" : "") + ", weightDecay=" + weightDecay
        + (maximizes() ? ", maximize" : ""));
  }

  /**
   * Options of {@link Sgd}; defaults: no momentum, no dampening, no weight decay, minimizing.
   */
  public static final class Builder {
    private final double learningRate;
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;
    private boolean maximize;
    private final List<ParameterGroup> groups = new ArrayList<>();

    private Builder(double learningRate) {
      this.learningRate = Hyperparameters.learningRate("Sgd", learningRate);
    }

    /**
     * μ in [0, 1); 0 (the default) turns momentum off.
     *
     * @param factor the momentum μ, in [0, 1)
     * @return this builder
     */
    public Builder momentum(double factor) {
      this.momentum = Hyperparameters.decay("Sgd", "momentum", factor);
      return this;
    }

    /**
     * τ in [0, 1], PyTorch's {@code dampening}: each gradient after the first enters the velocity
     * as (1 − τ)g; 0 (the default) adds it whole. Needs a momentum above 0 (without a velocity
     * there is nothing to dampen) and excludes Nesterov momentum.
     *
     * @param factor the dampening τ, in [0, 1]
     * @return this builder
     */
    public Builder dampening(double factor) {
      checkArgument(factor >= 0 && factor <= 1, "Sgd: dampening must be in [0, 1], got %s",
          factor);
      this.dampening = Hyperparameters.unsignedZero(factor);
      return this;
    }

    /**
     * Nesterov's look-ahead d = g + μv instead of d = v; needs a momentum above 0 and no
     * dampening.
     *
     * @param enabled whether to use Nesterov's look-ahead (needs momentum)
     * @return this builder
     */
    public Builder nesterov(boolean enabled) {
      this.nesterov = enabled;
      return this;
    }

    /**
     * λ ≥ 0, added to the gradient as λθ (L2 regularisation); default 0.
     *
     * @param lambda the weight decay λ, at least 0
     * @return this builder
     */
    public Builder weightDecay(double lambda) {
      this.weightDecay = Hyperparameters.weightDecay("Sgd", lambda);
      return this;
    }

    /**
     * Gradient ascent (PyTorch's {@code maximize}): the gradient is negated before weight decay
     * and momentum, so each step climbs the objective. For every parameter, groups included.
     * Off by default.
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
      groups.add(checkNotNull(group, "Sgd: the group is null"));
      return this;
    }

    /**
     * An optimizer over these parameters.
     *
     * @param parameters the parameters to update, in order
     * @return the optimizer
     * @throws IllegalStateException when Nesterov momentum or dampening is set without a
     *     momentum, or both are set
     */
    public Sgd build(List<Variable> parameters) {
      checkState(!nesterov || momentum > 0,
          "Sgd: Nesterov momentum needs a momentum above 0, got %s", momentum);
      checkState(!nesterov || dampening == 0,
          "Sgd: Nesterov momentum needs zero dampening, got %s", dampening);
      // PyTorch ignores a dampening without momentum; refused here, as Nesterov's is, since a
      // setting that does nothing is most likely a momentum forgotten.
      checkState(dampening == 0 || momentum > 0,
          "Sgd: dampening %s needs a momentum above 0, got %s", dampening, momentum);
      return new Sgd(parameters, this);
    }

    /**
     * An optimizer over the module's parameters, in {@link Module#parameters()} order.
     *
     * @param module the model whose parameters to update
     * @return the optimizer
     */
    public Sgd build(Module module) {
      return build(ParameterList.of("Sgd", module));
    }
  }
}
