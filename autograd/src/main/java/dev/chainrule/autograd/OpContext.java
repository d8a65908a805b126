package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one recorded application of an {@link Op} remembers for its backward rule: the input and
 * output variables (graph-connected, so a rule built from them can be differentiated again) and
 * any extra tensors the forward saved. After a backward pass that does not retain the graph, the
 * context is released and any further use says so.
 */
public final class OpContext {
  /** The context handed to forward when nothing is recorded: saving is a no-op. */
  static final OpContext DISCARDED = new OpContext(null, new Variable[0]);

  private final Op op;
  private final Variable[] inputs;
  private List<Tensor> saved = List.of();
  private Variable output;
  private boolean released;

  OpContext(Op op, Variable[] inputs) {
    this.op = op;
    this.inputs = inputs;
  }

  /** Keeps tensors for the backward rule, retrievable in order with {@link #saved(int)}. */
  public void save(Tensor... tensors) {
    if (this == DISCARDED) {
      return;
    }
    if (saved.isEmpty()) {
      saved = new ArrayList<>(tensors.length);
    }
    for (Tensor t : tensors) {
      saved.add(checkNotNull(t, "%s: saved a null tensor", op.name()));
    }
  }

  /** A tensor saved by the forward, in the order saved. It is a constant for the graph. */
  public Tensor saved(int index) {
    checkLive();
    checkArgument(index >= 0 && index < saved.size(), "%s: saved tensor %s requested, %s saved",
        op.name(), index, saved.size());
    return saved.get(index);
  }

  /** The variable given as input {@code index}. */
  public Variable input(int index) {
    checkLive();
    checkArgument(index >= 0 && index < inputs.length, "%s: input %s requested, op has %s",
        op.name(), index, inputs.length);
    return inputs[index];
  }

  /** Number of inputs. */
  public int inputCount() {
    return inputs.length;
  }

  /** Whether the gradient for input {@code index} is needed; the rule may skip it otherwise. */
  public boolean needsGrad(int index) {
    return inputs[index].requiresGrad();
  }

  /** The variable the op produced. */
  public Variable output() {
    checkLive();
    return output;
  }

  /** The op this context belongs to. */
  public Op op() {
    return op;
  }

  // ---- for the engine ----

  List<Variable> inputList() {
    return Collections.unmodifiableList(java.util.Arrays.asList(inputs));
  }

  Variable inputAt(int index) {
    return inputs[index];
  }

  void setOutput(Variable output) {
    this.output = output;
  }

  void release() {
    released = true;
    saved = List.of();
  }

  /** Throws the "graph was freed" error, with how to keep a graph, once released. */
  void checkLive() {
    if (released) {
      throw new IllegalStateException(String.format(
          "backward: the graph through '%s' was freed by an earlier backward pass, which released"
              + " its saved values; to go through a graph twice, pass"
              + " Gradients.Options.retainingGraph() to the first backward", op.name()));
    }
  }
}
