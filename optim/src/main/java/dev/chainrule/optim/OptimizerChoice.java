package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The optimizers a command line can name, with the library's defaults for everything but the
 * learning rate and, for {@link #MOMENTUM} and {@link #NESTEROV}, the momentum μ = 0.9 (SGD's
 * default is 0, plain SGD).
 */
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
    checkNotNull(model, "the model is null");
    return build(model.parameters(), learningRate);
  }

  private Optimizer build(List<Variable> parameters, double learningRate) {
    return switch (this) {
      case SGD -> Sgd.builder(learningRate).build(parameters);
      case MOMENTUM -> Sgd.builder(learningRate).momentum(0.9).build(parameters);
      case NESTEROV -> Sgd.builder(learningRate).momentum(0.9).nesterov(true).build(parameters);
      case ADAM -> Adam.builder().learningRate(learningRate).build(parameters);
      case ADAMW -> AdamW.builder().learningRate(learningRate).build(parameters);
      case RMSPROP -> RmsProp.builder().learningRate(learningRate).build(parameters);
      case ADAGRAD -> Adagrad.builder().learningRate(learningRate).build(parameters);
    };
  }

  /**
   * The choice that builds an optimizer of this kind and these settings, as a checkpoint records
   * them ({@code Sgd}, {@code momentum=0.9, weightDecay=0.0}): how a run continued from a file
   * takes the file's optimizer. Without settings (a file written before they were recorded) a
   * kind that several choices share (Sgd) matches none.
   *
   * @param kind the optimizer's kind ({@link Optimizer#kind()}), or null
   * @param settings its settings ({@link Optimizer#settings()}), or null when not recorded
   * @return the choice, or empty when none builds that optimizer
   */
  public static Optional<OptimizerChoice> recorded(String kind, String settings) {
    List<Variable> probe = List.of(Variable.parameter(Tensor.scalar(0)));
    List<OptimizerChoice> matches = Arrays.stream(values()).filter(choice -> {
      Optimizer built = choice.build(probe, 1);
      return built.kind().equals(kind) && (settings == null || built.settings().equals(settings));
    }).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
