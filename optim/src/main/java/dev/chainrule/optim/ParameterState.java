package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What an optimizer remembers about one parameter: how many updates it has applied to it, and
 * named buffers of the parameter's type (a momentum buffer, moment estimates), of its shape
 * unless the optimizer declares another ({@link Optimizer#bufferShape}). The
 * optimizer creates it on the parameter's first update and is the only holder of its tensors, which
 * is what lets update rules change them in place.
 */
public final class ParameterState {
  private final Map<String, Tensor> buffers;
  private long step;

  /**
   * Buffers of the parameter's type, in the shapes {@code shapes} gives (the parameter's, for
   * every built-in optimizer), each filled with its initial value.
   */
  ParameterState(List<String> bufferNames, Tensor parameter, ToDoubleFunction<String> initial,
      BufferShapes shapes) {
    this.buffers = new LinkedHashMap<>();
    bufferNames.forEach(name -> buffers.put(name, Tensors.full(
        shapes.of(name, parameter.shape()), initial.applyAsDouble(name), parameter.dtype())));
  }

  /** Restored state; takes ownership of the buffers, which are in buffer-name order. */
  ParameterState(long step, Map<String, Tensor> buffers) {
    this.step = step;
    this.buffers = new LinkedHashMap<>(buffers);
  }

  /**
   * The updates applied to this parameter, counting the one in progress (1 on the first).
   *
   * @return the steps this parameter has taken
   */
  public long step() {
    return step;
  }

  /**
   * A buffer by name, to read and update in place.
   *
   * @param name the buffer's name, such as {@code exp_avg}
   * @return the buffer, made with the state in the shape the optimizer declares (zeros unless
   *     the optimizer starts it elsewhere)
   */
  public Tensor buffer(String name) {
    Tensor buffer = buffers.get(name);
    checkArgument(buffer != null, "ParameterState: no buffer named %s; there are %s", name,
        buffers.keySet());
    return buffer;
  }

  void advance() {
    step++;
  }

  /** Whether every buffer is of {@code type}, the type the parameter's updates compute in. */
  boolean holds(DType type) {
    for (Tensor buffer : buffers.values()) { // a loop, not a stream: this runs every step
      if (buffer.dtype() != type) {
        return false;
      }
    }
    return true;
  }
}
