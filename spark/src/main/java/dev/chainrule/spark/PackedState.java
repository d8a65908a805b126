package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.Optimizer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state ({@code Optimizer.state()}) in the form that crosses Spark and is averaged:
 * the counters ({@code step}, {@code lr}, {@code param_count} and each parameter's {@code
 * <i>.step}) as plain numbers, and the buffers (momentum, moment estimates) packed like parameters.
 *
 * <p>Averaging replicas adds their buffers, weighted by the samples each trained on, and keeps
 * the largest of each counter: every replica starts a round from the same counts, and the
 * average has advanced as far as the replica that took the most steps (Adam's bias correction
 * reads the count). The learning rate is the same on every replica, so the largest is that one.
 */
final class PackedState implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] counterNames;
  private final double[] counters;
  private final String[] bufferNames;
  private final PackedTensors buffers;

  private PackedState(String[] counterNames, double[] counters, String[] bufferNames,
      PackedTensors buffers) {
    this.counterNames = counterNames;
    this.counters = counters;
    this.bufferNames = bufferNames;
    this.buffers = buffers;
  }

  /** Splits a state into counters and buffers, keeping each group's order. */
  static PackedState of(Map<String, Tensor> state) {
    List<String> counterKeys = new ArrayList<>();
    List<Double> counterValues = new ArrayList<>();
    List<String> bufferKeys = new ArrayList<>();
    List<Tensor> bufferValues = new ArrayList<>();
    state.forEach((key, value) -> {
      if (isCounter(key)) {
        counterKeys.add(key);
        counterValues.add(value.item());
      } else {
        bufferKeys.add(key);
        bufferValues.add(value);
      }
    });
    return new PackedState(counterKeys.toArray(String[]::new),
        counterValues.stream().mapToDouble(Double::doubleValue).toArray(),
        bufferKeys.toArray(String[]::new),
        bufferValues.isEmpty() ? null : PackedTensors.pack(bufferValues));
  }

  /** The state as {@code Optimizer.loadState} takes it: counters first, then the buffers. */
  Map<String, Tensor> unpack() {
    Map<String, Tensor> state = new LinkedHashMap<>();
    for (int i = 0; i < counterNames.length; i++) {
      state.put(counterNames[i], Tensor.scalar(counters[i]));
    }
    if (buffers != null) {
      List<Tensor> values = buffers.unpack();
      for (int i = 0; i < bufferNames.length; i++) {
        state.put(bufferNames[i], values.get(i));
      }
    }
    return state;
  }

  /** The buffers times {@code factor}; the counters unchanged. */
  PackedState scaled(double factor) {
    return new PackedState(counterNames, counters, bufferNames,
        buffers == null ? null : buffers.times(factor));
  }

  /** Buffers added, counters the larger of each. */
  PackedState plus(PackedState other) {
    checkArgument(Arrays.equals(counterNames, other.counterNames)
            && Arrays.equals(bufferNames, other.bufferNames),
        "spark: replicas' optimizer states have different entries: %s and %s", names(),
        other.names());
    double[] larger = Tensor.vector(counters).maximum(Tensor.vector(other.counters)).toArray();
    return new PackedState(counterNames, larger, bufferNames,
        buffers == null ? null : buffers.plus(other.buffers));
  }

  private List<String> names() {
    List<String> all = new ArrayList<>(Arrays.asList(counterNames));
    all.addAll(Arrays.asList(bufferNames));
    return all;
  }

  /**
   * {@code step}, {@code lr}, {@code initial_lr}, {@code param_count} and {@code <i>.step}: not
   * buffers.
   */
  private static boolean isCounter(String key) {
    return key.equals("step") || key.equals(Optimizer.LEARNING_RATE_KEY)
        || key.equals(Optimizer.INITIAL_LEARNING_RATE_KEY)
        || key.equals(Optimizer.PARAMETER_COUNT_KEY) || key.endsWith(".step");
  }
}
