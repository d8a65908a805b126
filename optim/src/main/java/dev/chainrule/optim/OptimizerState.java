package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Converts an optimizer's counters and per-parameter states to the named tensors described in
 * {@link Optimizer} and back, checking a loaded map completely before anything is built from it.
 */
final class OptimizerState {
  static final String STEP = "step";
  static final String LEARNING_RATE = "lr";
  static final String INITIAL_LEARNING_RATE = "initial_lr";
  static final String PARAMETER_COUNT = "param_count";

  /** An index without leading zeros ("01.step" would name parameter 1 twice), a dot, a name. */
  private static final Pattern PARAMETER_KEY = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(.+)");

  /** Counts are stored as float64, which holds every whole number up to 2^53 exactly. */
  private static final double LARGEST_COUNT = 0x1p53;

  /**
   * Buffers that accumulate squared gradients (Adam's second moment and AMSGrad's maximum of it,
   * RMSprop's average, Adagrad's sum), so are never negative: a negative element turns √v into
   * NaN, or, still positive after adding a square, divides by a wrong, small value.
   */
  private static final Set<String> SUMS_OF_SQUARES = Set.of(AdamMoments.EXP_AVG_SQ,
      AdamMoments.MAX_EXP_AVG_SQ, RmsProp.SQUARE_AVG, Adagrad.SUM);

  /**
   * The built-in optimizers' buffers, whose elements are always finite: an infinite or NaN one
   * made its parameter infinite or NaN at the next step, or froze it (m/√∞ = 0) for good. Checked
   * by name: an optimizer of one's own may hold an infinity on purpose in a buffer of another
   * name (one that takes a built-in name is checked as the built-in one is).
   */
  private static final Set<String> MOMENTS = Set.of(AdamMoments.EXP_AVG, AdamMoments.EXP_AVG_SQ,
      AdamMoments.MAX_EXP_AVG_SQ, RmsProp.SQUARE_AVG, RmsProp.GRAD_AVG, Adagrad.SUM,
      Sgd.MOMENTUM_BUFFER);

  /** Buffers that only one option makes (Adam's amsgrad, RMSprop's centered): a hint. */
  private static final Map<String, String> OPTION_BUFFERS =
      Map.of("max_exp_avg_sq", "amsgrad", "grad_avg", "centered");

  private OptimizerState() {}

  /**
   * The result of a successful load; {@code states} has one entry per parameter, null for none;
   * {@code initialLearningRate} is NaN for a state saved without it.
   */
  record Loaded(long steps, double learningRate, double initialLearningRate,
      List<ParameterState> states) {}

  /**
   * {@code names}, an optimizer's {@link Optimizer#bufferNames()}, once checked: each becomes a
   * key {@code "<i>.<name>"} of {@link #save}, where a buffer named "step" would overwrite the
   * parameter's count (a checkpoint then silently lacked the buffer, and loading it failed on a
   * "step" of the parameter's shape), and two of one name would be one buffer.
   */
  static List<String> checkBufferNames(String optimizer, List<String> names) {
    checkNotNull(names, "%s.bufferNames() returned null; an optimizer without buffers returns"
        + " List.of()", optimizer);
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      checkArgument(name != null && !name.isEmpty(), "%s.bufferNames(): a buffer name is %s;"
          + " each names a tensor in state() as \"<i>.<name>\"", optimizer,
          name == null ? "null" : "empty");
      checkArgument(!name.equals(STEP), "%s.bufferNames(): \"%s\" is the name state() gives"
          + " each parameter's update count (\"<i>.step\", ParameterState.step()), which the"
          + " optimizer keeps itself; name the buffer otherwise", optimizer, name);
      checkArgument(seen.add(name), "%s.bufferNames(): \"%s\" is listed twice, which would be"
          + " one buffer; %s", optimizer, name, names);
    }
    return List.copyOf(names);
  }

  static Map<String, Tensor> save(long steps, double learningRate, double initialLearningRate,
      ParameterState[] states, List<String> bufferNames) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(STEP, Tensor.scalar(steps));
    out.put(LEARNING_RATE, Tensor.scalar(learningRate));
    out.put(INITIAL_LEARNING_RATE, Tensor.scalar(initialLearningRate));
    out.put(PARAMETER_COUNT, Tensor.scalar(states.length));
    for (int i = 0; i < states.length; i++) {
      if (states[i] != null) {
        out.put(i + "." + STEP, Tensor.scalar(states[i].step()));
        for (String name : bufferNames) {
          out.put(i + "." + name, states[i].buffer(name).copy());
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static Loaded load(String optimizer, Map<String, Tensor> state, List<Tensor> values,
      List<String> bufferNames, ToDoubleFunction<String> initialValue, BufferShapes shapes) {
    String op = optimizer + ".loadState";
    checkNotNull(state, "%s: the state is null", op);
    List<String> perParameter = new ArrayList<>();
    perParameter.add(STEP);
    perParameter.addAll(bufferNames);

    // Index -> the parameter's entries by name; sorted, so messages come in index order.
    Map<Integer, Map<String, Tensor>> byParameter = new TreeMap<>();
    for (Map.Entry<String, Tensor> entry : state.entrySet()) {
      String key = checkNotNull(entry.getKey(), "%s: a key is null", op);
      checkNotNull(entry.getValue(), "%s: \"%s\" is null", op, key);
      if (key.equals(STEP) || key.equals(LEARNING_RATE) || key.equals(INITIAL_LEARNING_RATE)
          || key.equals(PARAMETER_COUNT)) {
        continue;
      }
      Matcher m = PARAMETER_KEY.matcher(key);
      if (!m.matches() || !perParameter.contains(m.group(2))) {
        String option = m.matches() ? OPTION_BUFFERS.get(m.group(2)) : null;
        throw new IllegalArgumentException(lenientFormat("%s: unknown key \"%s\"; expected"
            + " \"step\", \"lr\", \"initial_lr\", \"param_count\" and, for a parameter index i"
            + " from 0 to %s, %s%s",
            op, key, values.size() - 1, expectedNames(perParameter), option == null ? ""
                : " (a state saved with " + option + ", which this optimizer is built without)"));
      }
      int index = Integer.parseInt(m.group(1));
      checkArgument(index < values.size(),
          "%s: \"%s\" is for parameter %s, but this optimizer has %s parameters", op, key, index,
          values.size());
      byParameter.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(m.group(2),
          entry.getValue());
    }
    // Without the count, the state of an optimizer over some of the parameters (a head) loaded
    // into one over all of them would land on the first ones wherever the shapes agree. A state
    // saved before the count was kept has none, and is taken as it is.
    Tensor parameterCount = state.get(PARAMETER_COUNT);
    if (parameterCount != null) {
      long saved = count(op, PARAMETER_COUNT, parameterCount);
      checkArgument(saved == values.size(), "%s: the state is of an optimizer over %s"
          + " parameters, this one has %s; its buffers would land on other parameters (load it"
          + " into an optimizer over the same parameters, in the same order)", op, saved,
          values.size());
    }
    long steps = count(op, STEP, state.get(STEP));
    double learningRate = learningRate(op, LEARNING_RATE, state.get(LEARNING_RATE));
    Tensor initial = state.get(INITIAL_LEARNING_RATE);
    double initialLearningRate = initial == null ? Double.NaN
        : learningRate(op, INITIAL_LEARNING_RATE, initial);

    List<ParameterState> states = new ArrayList<>(Collections.nCopies(values.size(), null));
    byParameter.forEach((index, entries) -> {
      for (String name : perParameter) {
        checkArgument(entries.containsKey(name), "%s: parameter %s has %s but lacks \"%s.%s\"",
            op, index, quoted(index, entries.keySet()), index, name);
      }
      long parameterSteps = count(op, index + "." + STEP, entries.get(STEP));
      Map<String, Tensor> buffers = new LinkedHashMap<>();
      for (String name : bufferNames) {
        Tensor buffer = entries.get(name);
        Shape parameterShape = values.get(index).shape();
        Shape expected = shapes.of(name, parameterShape);
        if (!buffer.shape().equals(expected)) {
          throw new IllegalArgumentException(expected.equals(parameterShape)
              ? lenientFormat("%s: \"%s.%s\" has shape %s but parameter %s has shape %s", op,
                  index, name, buffer.shape(), index, parameterShape)
              : lenientFormat("%s: \"%s.%s\" has shape %s, but this optimizer keeps it in"
                  + " shape %s for parameter %s of shape %s", op, index, name, buffer.shape(),
                  expected, index, parameterShape));
        }
        if (SUMS_OF_SQUARES.contains(name)) {
          requireNonNegative(op, index + "." + name, buffer);
        }
        if (MOMENTS.contains(name)) {
          requireFinite(op, index + "." + name, buffer);
        }
        // Step 0 means no update yet: a buffer beside it holding anything but its initial value
        // (PyTorch's eager Adagrad sum of G₀ is one) would be thrown away (SGD's momentum starts
        // as a copy of the first gradient) or misread (Adam's bias correction starts again).
        // state() never writes it; a map made by hand, or from PyTorch's SGD, which keeps no
        // step, may.
        double unchanged = initialValue.applyAsDouble(name);
        checkArgument(parameterSteps > 0 || buffer.indexOutside(unchanged, unchanged) < 0,
            "%s: \"%s.%s\" is 0, but \"%s.%s\" holds values other than its initial %s: a"
                + " buffer is made by updates, so give the number of updates that made it", op,
            index, STEP, index, name, unchanged);
        // A copy in the parameter's type: the optimizer updates its buffers in place, and the
        // map is the caller's.
        Tensor converted = buffer.to(values.get(index).dtype());
        requireNoOverflow(op, index + "." + name, buffer, converted);
        buffers.put(name, converted == buffer ? buffer.copy() : converted);
      }
      states.set(index, new ParameterState(parameterSteps, buffers));
    });
    return new Loaded(steps, learningRate, initialLearningRate, states);
  }

  private static long count(String op, String key, Tensor value) {
    checkArgument(value != null, "%s: missing \"%s\"", op, key);
    checkArgument(value.rank() == 0, "%s: \"%s\" should be a scalar, got shape %s", op, key,
        value.shape());
    double v = value.item();
    checkArgument(v >= 0 && v <= LARGEST_COUNT && v == Math.rint(v),
        "%s: \"%s\" should be a whole number from 0 to 2^53, got %s", op, key, v);
    return (long) v;
  }

  private static void requireNonNegative(String op, String key, Tensor buffer) {
    int element = buffer.indexOutside(0, Double.POSITIVE_INFINITY);  // negative or NaN
    if (element >= 0) {
      throw new IllegalArgumentException(lenientFormat("%s: \"%s\" accumulates squared gradients,"
          + " so it cannot be negative or NaN, got %s at element %s", op, key,
          buffer.flatGet(element), element));
    }
  }

  private static void requireFinite(String op, String key, Tensor buffer) {
    int element = buffer.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    if (element >= 0) {
      throw new IllegalArgumentException(lenientFormat("%s: \"%s\" must be finite, got %s at"
          + " element %s: its parameter would become NaN or infinite, or stop moving, at the next"
          + " step (was the state saved from a run that diverged?)", op, key,
          buffer.flatGet(element), element));
    }
  }

  /**
   * A finite float64 beyond float32's range became an infinity in a float32 optimizer's buffer,
   * not the rounded value a conversion promises (as {@code ModelCheckpoint} refuses for weights).
   */
  private static void requireNoOverflow(String op, String key, Tensor buffer, Tensor converted) {
    int element = converted.dtype() == DType.FLOAT32 ? buffer.indexBeyondFloat32() : -1;
    if (element >= 0) {
      throw new IllegalArgumentException(lenientFormat("%s: \"%s\" holds %s at element %s,"
          + " beyond float32's largest value %s: it would load as an infinity, not a rounded"
          + " value", op, key, buffer.flatGet(element), element, Float.MAX_VALUE));
    }
  }

  private static double learningRate(String op, String key, Tensor value) {
    checkArgument(value != null, "%s: missing \"%s\"", op, key);
    checkArgument(value.rank() == 0, "%s: \"%s\" should be a scalar, got shape %s", op, key,
        value.shape());
    double rate = value.item();
    checkArgument(rate >= 0 && rate < Double.POSITIVE_INFINITY,
        "%s: \"%s\" should be a finite, non-negative learning rate, got %s", op, key, rate);
    return rate;
  }

  private static String expectedNames(List<String> perParameter) {
    return perParameter.stream().map(name -> "\"<i>." + name + "\"")
        .collect(Collectors.joining(", "));
  }

  private static String quoted(int index, Collection<String> names) {
    List<String> keys = names.stream().map(name -> "\"" + index + "." + name + "\"").toList();
    return keys.size() == 1 ? keys.get(0) : keys.toString();
  }
}
