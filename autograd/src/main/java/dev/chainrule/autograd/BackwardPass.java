package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Gradients.Options;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backward pass that keeps its gradients ({@link Variable#backward()}, {@link
 * Gradients#backwardReleasingValues}): the engine's walk, then each gradient a variable retains
 * added into its {@code grad()} or handed to its parameter's {@link BackwardUpdate}, and the values
 * the pass may give back for reuse. A file apart from {@link Gradients#of}, which returns the
 * gradients and keeps nothing: the two share only the engine and their {@link Seeds}.
 */
final class BackwardPass {
  /** Numbers the passes that keep their gradients, from 1: no two passes share a number. */
  private static final AtomicLong PASSES = new AtomicLong();
  /** The number of the pass running on this thread, in an array so that setting it boxes none. */
  private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[1]);

  private BackwardPass() {}

  /**
   * Backpropagates {@code gradOutput} (null for a scalar {@code output}) into the gradients the
   * graph's variables retain. With a {@code forwardScope} (the step's forward ran in it, still
   * open), the values the graph's ops computed in it go back for reuse after the pass.
   */
  static void run(Variable output, Tensor gradOutput, Options options,
      Recycling.Scope forwardScope) {
    checkNotNull(options, "backward: options are null");
    checkArgument(!options.createGraph(), "backward: createGraph records the gradients as a"
        + " graph, and backward keeps only their values (grad() is a tensor); take gradients to"
        + " differentiate again from Gradients.of(outputs, inputs, null,"
        + " Options.creatingGraph())");
    List<Variable> seeds = Seeds.of("backward", List.of(output),
        gradOutput == null ? null : List.of(Variable.constant(gradOutput)), "the output",
        "(backward(gradOutput))");
    long[] current = CURRENT.get();
    long outer = current[0]; // a pass run by a hook of another pass, once
    current[0] = PASSES.incrementAndGet();
    try {
      keep(output, seeds, options.retainGraph(), forwardScope);
    } finally {
      current[0] = outer;
    }
  }

  /**
   * The number of the pass running on this thread ({@link BackwardUpdate#currentPass()}), 0
   * outside one. One array per thread, read once per update of the pass, set twice per pass.
   */
  static long current() {
    return CURRENT.get()[0];
  }

  /** The walk, the gradients kept or handed to their updates, and the values given back. */
  private static void keep(Variable output, List<Variable> seeds, boolean retain,
      Recycling.Scope forwardScope) {
    Engine.Result result = Engine.run(List.of(output), seeds, retain, false,
        Variable::retainsGrad, false, null, true);
    GraphOrder order = result.order();
    Variable[] grads = result.grads();
    if (Autograd.isAnomalyDetectionEnabled()) {
      // Before any grad() changes, as a rule's anomaly leaves them.
      for (int p = 0; p < order.size(); p++) {
        Variable node = order.node(p);
        if (grads[p] != null && node.retainsGrad()) {
          AnomalyCheck.kept(node, grads[p], node.borrowGrad());
        }
      }
    }
    // A gradient this pass computed becomes the variable's grad without a copy (the weight
    // gradients of a large layer are megabytes per step), as PyTorch steals a gradient nobody
    // else references. Not when it may be held elsewhere: a seed, a value of the graph (a custom
    // rule may return an input), or a tensor already given to another variable (add gives both
    // inputs the same one).
    HeldTensors held = new HeldTensors(order, seeds, result.lent());
    List<Tensor> added = new ArrayList<>();
    PendingUpdates updates = null; // parameters updated in backward (BackwardUpdate)
    for (int p = 0; p < order.size(); p++) {
      Variable node = order.node(p);
      Variable grad = grads[p];
      if (grad != null && node.retainsGrad()) {
        Tensor value = grad.value();
        boolean owned = !held.isHeld(value);
        // Given even when an update takes it, so that a variable sharing it (add gives both
        // inputs one tensor) keeps a copy, not an array handed back after the update.
        held.give(value);
        BackwardUpdate update = node.backwardUpdate();
        if (update != null && node.isLeaf()) {
          updates = updates == null ? new PendingUpdates() : updates;
          updates.add(node, update, value, owned);
        } else if (node.accumulateGrad(value, owned) && owned) {
          added.add(value);
        }
      }
    }
    // Every rule has run, so nothing reads a parameter's value after its update.
    if (updates != null) {
      updates.apply();
    }
    // An owned gradient added into an earlier one is dead, but only once the loop is over: a
    // later variable may share it (add gives both inputs one tensor) and still read it.
    for (Tensor dead : added) {
      Recycling.recycleKept(dead);
    }
    // No variable's gradient is a value of the graph (HeldTensors has them copied), so every
    // value is the forward's alone.
    if (forwardScope != null) {
      for (int p = 0; p < order.size(); p++) {
        Variable node = order.node(p);
        if (node.creator() != null) {
          forwardScope.recycle(node.value());
        }
      }
    }
    // Activations a container promised no one else reads (releaseValueWithGraph).
    if (!retain) {
      for (int p = 0; p < order.size(); p++) {
        order.node(p).handBackValueIfMarked();
      }
    }
  }
}
