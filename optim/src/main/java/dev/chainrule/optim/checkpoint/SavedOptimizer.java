package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The optimizer state a checkpoint holds: what a run continued from the file needs besides the
 * weights (Adam's moments and step count, momentum's buffers), or nothing.
 *
 * @param kind the optimizer's class name as saved ({@code "Adam"}); null in files written before
 *     the kind was recorded, whose state's keys must then do
 * @param settings its settings besides the learning rate ({@link Optimizer#settings()}); null
 *     when the file does not record them (an optimizer of one's own, an older file)
 * @param state the tensors, named as {@link Optimizer#state()} names them; empty when the file
 *     holds none
 */
public record SavedOptimizer(String kind, String settings, Map<String, Tensor> state) {

  /**
   * Copies the map.
   *
   * @param kind the class name, or null
   * @param settings the settings, or null
   * @param state the tensors
   */
  public SavedOptimizer {
    state = Map.copyOf(checkNotNull(state, "SavedOptimizer: state is null"));
  }

  /**
   * The state under {@link ModelCheckpoint#OPTIMIZER_PREFIX} and the kind in the metadata.
   *
   * @param source the file's name, for messages
   * @param checkpoint the file as read ({@link SafeTensors#read})
   * @return the optimizer the file holds the state of
   * @throws CheckpointException if a tensor of the state is of a type chainrule does not read, or
   *     holds a value float64 cannot hold exactly:
   *     an optimizer's state is used whole, and one without it would start that buffer afresh
   */
  public static SavedOptimizer of(String source, Checkpoint checkpoint) {
    List<TensorListing.Entry> unreadable = checkpoint.unreadable().stream()
        .filter(e -> e.name().startsWith(StateLayout.OPTIMIZER_PREFIX)).toList();
    if (!unreadable.isEmpty()) {
      throw Checkpoint.unsupported(source, checkpoint, unreadable);
    }
    Map<String, Tensor> state = new LinkedHashMap<>();
    checkpoint.tensors().forEach((name, t) -> {
      if (name.startsWith(StateLayout.OPTIMIZER_PREFIX)) {
        state.put(name.substring(StateLayout.OPTIMIZER_PREFIX.length()), t);
      }
    });
    Map<String, String> metadata = checkpoint.metadata();
    return new SavedOptimizer(metadata.get(StateLayout.OPTIMIZER_KEY),
        metadata.get(StateLayout.OPTIMIZER_SETTINGS_KEY), state);
  }

  /**
   * The learning rate the saved optimizer had reached, which its state holds.
   *
   * @return the rate, or empty when the file holds no optimizer state
   */
  public OptionalDouble learningRate() {
    Tensor rate = state.get(Optimizer.LEARNING_RATE_KEY);
    return rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate.item());
  }

  /**
   * The saved optimizer as a message names it: {@code Sgd(momentum=0.9, weightDecay=0.0)}, or
   * the kind alone when the settings are not recorded.
   *
   * @return the description
   */
  public String describe() {
    return kind + (settings == null ? "" : "(" + settings + ")");
  }

  /**
   * Why this state cannot go into {@code optimizer}, or empty when it may (its keys and shapes
   * are checked by {@link Optimizer#loadState}).
   *
   * @param optimizer the optimizer that would take the state
   * @return the reason, e.g. {@code "checkpoint holds the state of Adam, not of Sgd"}, or
   *     {@code "... of Sgd(momentum=0.9, nesterov, weightDecay=0.0), not of Sgd(momentum=0.9,
   *     weightDecay=0.0)"} when the settings differ (PyTorch's load takes the file's settings
   *     over the optimizer's; a silent change either way would surprise)
   */
  public Optional<String> mismatch(Optimizer optimizer) {
    checkNotNull(optimizer, "SavedOptimizer: optimizer is null");
    if (state.isEmpty()) {
      return Optional.of("checkpoint holds no optimizer state");
    }
    String mine = optimizer.kind();
    if (kind != null && !kind.equals(mine)) {
      return Optional.of("checkpoint holds the state of " + kind + ", not of " + mine);
    }
    String mySettings = optimizer.settings();
    if (settings != null && !mySettings.isEmpty() && !settings.equals(mySettings)) {
      return Optional.of("checkpoint holds the state of " + describe() + ", not of " + mine
          + "(" + mySettings + ")");
    }
    return Optional.empty();
  }

  /**
   * The changes of type this state went through into {@code kept}, the state of the optimizer
   * that loaded it ({@link Optimizer#loadState} keeps a state in its parameters' type), each
   * exact or rounded, for a caller that loads a state itself and says so as {@link
   * ModelCheckpoint#load(java.nio.file.Path, dev.chainrule.nn.Module, Optimizer)}'s report does.
   *
   * @param kept the optimizer's state after it loaded this one ({@link Optimizer#state()})
   * @return the conversions, in the order of the state's names; empty when no type changed
   */
  public List<TypeConversion> typeConversions(Map<String, Tensor> kept) {
    return conversions(kept, Map.of(), "").stream().map(StateMatch.Conversion::record).toList();
  }

  /**
   * {@link #typeConversions} with the load report's lines: {@code fileTypes} the file's types by
   * full name, {@code prefix} what a full name adds to the state's.
   */
  List<StateMatch.Conversion> conversions(Map<String, Tensor> kept, Map<String, String> fileTypes,
      String prefix) {
    List<StateMatch.Conversion> conversions = new ArrayList<>();
    // In the names' order: the state's own map (Map.copyOf's) iterates in another order from one
    // JVM to the next.
    new TreeMap<>(state).forEach((key, value) -> {
      Tensor now = kept.get(key);
      if (now != null) {
        StateMatch.conversion(prefix + key, value, fileTypes.get(prefix + key), now.dtype())
            .ifPresent(conversions::add);
      }
    });
    return conversions;
  }
}
