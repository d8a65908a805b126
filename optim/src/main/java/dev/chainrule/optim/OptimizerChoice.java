package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Module;
import java.util.Arrays;
import java.util.Locale;

/** The optimizers a command line can name, with the library's defaults for everything but lr. */
public enum OptimizerChoice {
  /** Plain stochastic gradient descent. */
  SGD,
  /** SGD with momentum 0.9. */
  MOMENTUM,
  /** SGD with Nesterov momentum 0.9. */
  NESTEROV,
  /** Adam. */
  ADAM,
  /** Adam with decoupled weight decay. */
  ADAMW,
  /** RMSprop. */
  RMSPROP,
  /** Adagrad. */
  ADAGRAD;

  /**
   * The choice with this name (case-insensitive), or an error listing the names.
   *
   * @param name such as "adam"
   * @return the choice
   * @throws IllegalArgumentException listing the names when {@code name} is none of them
   */
  public static OptimizerChoice named(String name) {
    checkNotNull(name, "the optimizer's name is null");
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown optimizer '" + name + "' (choose "
          + String.join(", ", Arrays.stream(values()).map(OptimizerChoice::toString).toList())
          + ")");
    }
  }

  /**
   * The optimizer over the model's parameters; momentum variants use μ = 0.9.
   *
   * @param model whose parameters the optimizer updates
   * @param learningRate the step size
   * @return the optimizer
   */
  public Optimizer build(Module model, double learningRate) {
    return switch (this) {
      case SGD -> Sgd.builder(learningRate).build(model);
      case MOMENTUM -> Sgd.builder(learningRate).momentum(0.9).build(model);
      case NESTEROV -> Sgd.builder(learningRate).momentum(0.9).nesterov(true).build(model);
      case ADAM -> Adam.builder().learningRate(learningRate).build(model);
      case ADAMW -> AdamW.builder().learningRate(learningRate).build(model);
      case RMSPROP -> RmsProp.builder().learningRate(learningRate).build(model);
      case ADAGRAD -> Adagrad.builder().learningRate(learningRate).build(model);
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
