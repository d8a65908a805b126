package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * The options {@link Adam} and {@link AdamW} share, each checked when it is set: η, β₁, β₂, ε,
 * the weight decay λ, which each optimizer applies its own way, AMSGrad and maximize. Defaults
 * are PyTorch's: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ as the optimizer's builder states,
 * no AMSGrad, minimizing.
 *
 * @param <B> the builder itself, returned by every setter
 * @param <O> the optimizer it builds
 */
public abstract class AdamOptions<B extends AdamOptions<B, O>, O extends Optimizer> {
  private final String name;
  double learningRate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weightDecay;
  boolean amsgrad;
  boolean maximize;
  final List<ParameterGroup> groups = new ArrayList<>();

  AdamOptions(String name, double weightDecay) {
    this.name = name;
    this.weightDecay = weightDecay;
  }

  /**
   * η, finite and ≥ 0.
   *
   * @param rate the learning rate η
   * @return this builder
   */
  public B learningRate(double rate) {
    this.learningRate = Hyperparameters.learningRate(name, rate);
    return self();
  }

  /**
   * β₁ and β₂, each in [0, 1).
   *
   * @param first β₁, the decay of the running mean of gradients, in [0, 1)
   * @param second β₂, the decay of the running mean of squared gradients, in [0, 1)
   * @return this builder
   */
  public B betas(double first, double second) {
    this.beta1 = Hyperparameters.decay(name, "beta1", first);
    this.beta2 = Hyperparameters.decay(name, "beta2", second);
    return self();
  }

  /**
   * ε > 0, added to √v̂.
   *
   * @param epsilon ε, added to the denominator so it is never 0
   * @return this builder
   */
  public B eps(double epsilon) {
    this.eps = Hyperparameters.epsilon(name, epsilon);
    return self();
  }

  /**
   * λ ≥ 0: {@link Adam} adds λθ to the gradient (L2 regularisation), {@link AdamW} multiplies θ
   * by 1 − ηλ before the Adam update.
   *
   * @param lambda the weight decay λ, at least 0
   * @return this builder
   */
  public B weightDecay(double lambda) {
    this.weightDecay = Hyperparameters.weightDecay(name, lambda);
    return self();
  }

  /**
   * Gives some of the parameters a learning rate that is a factor of this one and a weight
   * decay of their own (PyTorch's parameter groups); call once per group. The others keep
   * this builder's settings.
   *
   * @param group parameters of the optimizer to build, none in an earlier group
   * @return this builder
   */
  public B group(ParameterGroup group) {
    groups.add(checkNotNull(group, "%s: the group is null", name));
    return self();
  }

  /**
   * AMSGrad (PyTorch's {@code amsgrad}): divide by the square root of the largest second moment
   * so far, v_max ← max(v_max, v), instead of the current one; kept per parameter as {@code
   * "<i>.max_exp_avg_sq"}. Off by default.
   *
   * @param enabled whether to use the running maximum of v
   * @return this builder
   */
  public B amsgrad(boolean enabled) {
    this.amsgrad = enabled;
    return self();
  }

  /**
   * Gradient ascent (PyTorch's {@code maximize}): the gradient is negated before anything else
   * reads it (before {@link Adam}'s weight decay joins it, before the moments), so each step
   * climbs the objective; the moments are those of the negated gradient, as PyTorch's are. For
   * every parameter, groups included. Off by default.
   *
   * @param enabled whether to maximize the objective instead of minimizing it
   * @return this builder
   */
  public B maximize(boolean enabled) {
    this.maximize = enabled;
    return self();
  }

  /**
   * An optimizer over these parameters.
   *
   * @param parameters the parameters to update, in order
   * @return the optimizer
   */
  public abstract O build(List<Variable> parameters);

  /**
   * An optimizer over the module's parameters, in {@link Module#parameters()} order.
   *
   * @param module the model whose parameters to update
   * @return the optimizer
   */
  public O build(Module module) {
    return build(ParameterList.of(name, module));
  }

  abstract B self();
}
