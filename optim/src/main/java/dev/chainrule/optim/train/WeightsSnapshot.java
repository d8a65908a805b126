package dev.chainrule.optim.train;

import static com.google.common.base.Verify.verifyNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of a model's parameters and buffers and of its optimizer's state, each tensor in its own
 * type, put back in place bit for bit: the best epoch's weights that {@link BestEpoch} keeps, and
 * those a resumed run reads from a best-weights file. Putting back assigns into the model's own
 * tensors, so the optimizer's references stay valid.
 */
final class WeightsSnapshot {
  /** In the order of {@link Module#parameters()}, each parameter once. */
  private final List<Tensor> parameters;
  /** By the paths of {@link Module#namedBuffers()}. */
  private final Map<String, Tensor> buffers;
  /** The optimizer's {@link Optimizer#state()}, or null when no optimizer goes with them. */
  private final Map<String, Tensor> optimizerState;

  private WeightsSnapshot(List<Tensor> parameters, Map<String, Tensor> buffers,
      Map<String, Tensor> optimizerState) {
    this.parameters = parameters;
    this.buffers = buffers;
    this.optimizerState = optimizerState;
  }

  /**
   * Copies the model's values and the optimizer's state as they are now.
   *
   * @param optimizer the optimizer whose state goes with the weights, or null
   */
  static WeightsSnapshot of(Module model, Optimizer optimizer) {
    List<Tensor> values = new ArrayList<>();
    model.parameters().forEach(p -> values.add(p.value().copy()));
    Map<String, Tensor> state = new LinkedHashMap<>();
    model.namedBuffers().forEach((path, t) -> state.put(path, t.copy()));
    Map<String, Tensor> moments = null;
    if (optimizer != null) {
      moments = new LinkedHashMap<>();
      for (Map.Entry<String, Tensor> entry : optimizer.state().entrySet()) {
        moments.put(entry.getKey(), entry.getValue().copy());
      }
    }
    return new WeightsSnapshot(values, state, moments);
  }

  /**
   * Puts the copies back into the model and, when there is one, the optimizer, whose learning
   * rate stays the one it has: a rate a reduction on a plateau lowered after the copy stays
   * lowered, as Keras keeps it.
   *
   * @param optimizer the optimizer, or null
   */
  void restore(Module model, Optimizer optimizer) {
    List<Variable> current = model.parameters();
    for (int i = 0; i < current.size(); i++) {
      current.get(i).value().assignInPlace(parameters.get(i));
    }
    // loadBuffer copies the values into the module's own buffers, in place.
    buffers.forEach(model::loadBuffer);
    if (optimizer != null && optimizerState != null) {
      double rate = optimizer.learningRate();
      optimizer.loadState(optimizerState);
      optimizer.setLearningRate(rate);
    }
  }

  /**
   * The copies under every name {@link Module#stateDict()} gives, as a checkpoint holds them: a
   * parameter or buffer reached by several paths (a layer used twice) under each, with one value.
   */
  Map<String, Tensor> stateDict(Module model) {
    Map<Variable, Tensor> parameterCopies = new IdentityHashMap<>();
    List<Variable> live = model.parameters();
    for (int i = 0; i < live.size(); i++) {
      parameterCopies.put(live.get(i), parameters.get(i));
    }
    Map<String, Variable> parameterPaths = model.namedParameters(false);
    // A buffer under a second path (its module registered twice) is the same tensor as under
    // its first, which namedBuffers gives; matched by identity only then, since two modules may
    // start out sharing one constant tensor.
    Map<Tensor, String> firstPath = new IdentityHashMap<>();
    model.namedBuffers().forEach((path, t) -> firstPath.putIfAbsent(t, path));
    Map<String, Tensor> named = new LinkedHashMap<>();
    model.stateDict().forEach((path, t) -> {
      Variable parameter = parameterPaths.get(path);
      Tensor copy = parameter != null ? parameterCopies.get(parameter)
          : buffers.containsKey(path) ? buffers.get(path) : buffers.get(firstPath.get(t));
      named.put(path, verifyNotNull(copy, "no copy of %s", path));
    });
    return named;
  }

  /** The optimizer's state as copied, or null. */
  Map<String, Tensor> optimizerState() {
    return optimizerState;
  }
}
