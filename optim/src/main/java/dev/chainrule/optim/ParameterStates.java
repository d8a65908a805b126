package dev.chainrule.optim;

import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The per-parameter states an {@link Optimizer} owns: each made on its parameter's first update,
 * with the buffers the optimizer's {@link Optimizer#bufferNames()} names, and kept, checked
 * against the parameters' types before a step, and saved and loaded as named tensors (through
 * {@link OptimizerState}) here.
 */
final class ParameterStates {
  private final String optimizer;
  private final List<Variable> parameters;
  private final ParameterState[] states;
  private final Supplier<List<String>> bufferNames;
  private final ToDoubleFunction<String> initialValue;
  private final BufferShapes bufferShapes;
  /** {@link #bufferNames}, checked on first use (a subclass's fields are not set earlier). */
  private List<String> buffers;

  /**
   * No state yet for any of {@code parameters}.
   *
   * @param optimizer the optimizer's kind, for messages
   * @param bufferNames the optimizer's {@link Optimizer#bufferNames()}, read on first use
   * @param initialValue the optimizer's {@link Optimizer#initialValue}
   * @param bufferShape the optimizer's {@link Optimizer#bufferShape}
   */
  ParameterStates(String optimizer, List<Variable> parameters,
      Supplier<List<String>> bufferNames, ToDoubleFunction<String> initialValue,
      BiFunction<String, Shape, Shape> bufferShape) {
    this.optimizer = optimizer;
    this.parameters = parameters;
    this.states = new ParameterState[parameters.size()];
    this.bufferNames = bufferNames;
    this.initialValue = initialValue;
    this.bufferShapes = new BufferShapes(optimizer, bufferShape);
  }

  /** Parameter {@code i}'s state, counting one more update (made on the first). */
  ParameterState advance(int i) {
    if (states[i] == null) {
      states[i] = new ParameterState(buffers(), parameters.get(i).value(), initialValue,
          bufferShapes);
    }
    states[i].advance();
    return states[i];
  }

  /**
   * Refuses a step before anything changes when a parameter's state was made in another type: an
   * update would fail on that parameter after the ones before it had changed, a half-taken step.
   */
  void checkTypes() {
    for (int i = 0; i < parameters.size(); i++) {
      DType type = parameters.get(i).dtype();
      if (states[i] != null && !states[i].holds(type)) {
        throw new IllegalStateException(lenientFormat("%s.step: %s is %s but its optimizer state"
            + " is not: the model changed type after this optimizer's first step; build the"
            + " optimizer after Module.to(DType), or load a state saved in %s",
            optimizer, ParameterList.label(i, parameters.get(i)), type, type));
      }
    }
  }

  /**
   * The buffer names, checked, once: an optimizer of one's own may name its buffers wrongly
   * (null, empty, twice, or "step", which is each parameter's count in {@link Optimizer#state()}).
   */
  private List<String> buffers() {
    if (buffers == null) {
      buffers = OptimizerState.checkBufferNames(optimizer, bufferNames.get());
    }
    return buffers;
  }

  /**
   * {@link Optimizer#state()}: the counters and every state made so far, as named tensors. A
   * buffer whose shape {@link Optimizer#bufferShape} no longer answers is refused: loadState
   * checks the answer, so the state (a periodic checkpoint) would not load back, found only then.
   */
  Map<String, Tensor> save(long steps, double learningRate, double initialLearningRate) {
    for (int i = 0; i < states.length; i++) {
      if (states[i] == null) {
        continue;
      }
      Shape parameter = parameters.get(i).shape();
      for (String name : buffers()) {
        Shape kept = states[i].buffer(name).shape();
        Shape declared = bufferShapes.of(name, parameter);
        if (!kept.equals(declared)) {
          throw new IllegalStateException(lenientFormat("%s.state: parameter %s's \"%s\" is of"
              + " shape %s, but bufferShape(\"%s\", %s) answers %s now; it must answer the same"
              + " for the same arguments, or the state would not load back", optimizer, i, name,
              kept, name, parameter, declared));
        }
      }
    }
    return OptimizerState.save(steps, learningRate, initialLearningRate, states, buffers());
  }

  /**
   * Replaces every state with those of {@code state}, checked whole first ({@link
   * OptimizerState#load}), so a state refused leaves these as they were.
   *
   * @return the loaded counters, for the optimizer to take
   */
  OptimizerState.Loaded load(Map<String, Tensor> state) {
    List<Tensor> values = new ArrayList<>();
    parameters.forEach(p -> values.add(p.value()));
    OptimizerState.Loaded loaded =
        OptimizerState.load(optimizer, state, values, buffers(), initialValue, bufferShapes);
    for (int i = 0; i < states.length; i++) {
      states[i] = loaded.states().get(i);
    }
    return loaded;
  }
}
