package dev.chainrule.spark;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.OptimizerChoice;
import java.io.Serializable;

/**
 * How to build the optimizer over a model: on the driver, which applies it in synchronous
 * training, and on every executor in parameter averaging, where each replica takes local steps.
 * Being serializable, a lambda of this type travels to executors; it must capture settings only
 * (numbers, enums), never driver objects such as the model or another optimizer:
 *
 * <pre>{@code
 * OptimizerFactory adam = model -> Adam.builder().learningRate(1e-3).build(model);
 * }</pre>
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
  /**
   * A new optimizer, without state, over the model's parameters.
   *
   * @param model the network whose parameters it updates
   * @return the optimizer
   */
  Optimizer create(Module model);

  /**
   * The optimizer a command line names, with the library's defaults for all but the rate.
   *
   * @param choice which optimizer
   * @param learningRate its learning rate
   * @return a factory that captures only these two settings
   */
  static OptimizerFactory of(OptimizerChoice choice, double learningRate) {
    return model -> choice.build(model, learningRate);
  }
}
