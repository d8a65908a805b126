package dev.chainrule.autograd;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The gradients reaching each variable during one backward pass, and the hand-back of those no
 * one will read again (see {@link Recycling}): a node's gradient once its backward rule has run,
 * a rule's output once it was summed or reshaped into its input's gradient, a partial sum once
 * another gradient was added to it. Only the engine sees all the holders, so it counts them:
 * every tensor is held by the entries of this table that refer to it, and a tensor none refers to
 * any more is recycled if the pass's scope saw it born. The gradients the caller asked for are
 * never handed back. Nothing is recycled while the pass records a graph (its gradients are then
 * values of that graph).
 *
 * <p>Only tensors the scope {@link Recycling.Scope#owns owns} are counted: the others (below
 * {@link Recycling#MIN_ELEMENTS}, or born before the pass) can never be handed back, and on a
 * small network, where every tensor is small, the counting cost more than the arithmetic.
 */
final class GradientTable {
  /** By position in the pass's {@link GraphOrder}. */
  private final Variable[] grads;
  private final Map<Tensor, Integer> holders = new IdentityMap<>();
  private final List<Tensor> released = new ArrayList<>();
  private final Predicate<Variable> wanted;
  private final Recycling.Scope scope;
  /**
   * Where only zeros that stand for no gradient arrived (PyTorch's undefined gradient); null
   * until the first such zeros, which only a linked derivative's next pass gives.
   */
  private boolean[] absent;

  /**
   * @param size the number of variables in the pass's order
   * @param wanted the variables whose gradients the caller reads after the pass
   * @param scope the scope the pass's tensors are born in, or null to recycle nothing
   */
  GradientTable(int size, Predicate<Variable> wanted, Recycling.Scope scope) {
    this.grads = new Variable[size];
    this.wanted = wanted;
    this.scope = scope;
  }

  /** The gradient the variable at {@code position} received so far, or null. */
  Variable get(int position) {
    return grads[position];
  }

  /** Adds {@code gradient} to what the variable at {@code position} received so far. */
  void add(int position, Variable gradient) {
    Variable before = grads[position];
    Variable sum = before == null || isAbsent(position) ? gradient : before.add(gradient);
    if (absent != null) {
      absent[position] = false;
    }
    grads[position] = sum;
    hold(sum.value());
    if (before != null) {
      drop(before.value());
    }
  }

  /**
   * Notes that the variable at {@code position} is reached with no gradient (see {@link
   * DerivativeLinks}): {@code zeros}, of its shape, stand for it unless a gradient arrives, and
   * are what a leaf or a variable asked for receives; any gradient replaces them, not added to.
   */
  void addAbsent(int position, Variable zeros) {
    if (grads[position] != null) {
      return;
    }
    if (absent == null) {
      absent = new boolean[grads.length];
    }
    absent[position] = true;
    grads[position] = zeros;
    hold(zeros.value());
  }

  /** Whether the variable at {@code position} was reached by no gradient, only its stand-in. */
  boolean isAbsent(int position) {
    return absent != null && absent[position];
  }

  /** Replaces what the variable at {@code position} received: its hooks' result. */
  void replace(int position, Variable gradient) {
    Variable before = grads[position];
    grads[position] = gradient;
    hold(gradient.value());
    drop(before.value());
  }

  /**
   * The backward rule of {@code node}, at {@code position}, has run and returned {@code outputs}:
   * its own gradient is read no more unless wanted, and outputs not held as some variable's
   * gradient are dead.
   */
  void finished(int position, Variable node, Variable[] outputs) {
    if (scope == null) {
      return;
    }
    if (!wanted.test(node)) {
      Variable gradient = grads[position];
      grads[position] = null;
      if (gradient != null) {
        drop(gradient.value());
      }
    }
    for (Variable output : outputs) {
      if (output != null && scope.owns(output.value())
          && !holders.containsKey(output.value())) {
        released.add(output.value());
      }
    }
    for (Tensor tensor : released) {
      if (!holders.containsKey(tensor)) {
        scope.recycle(tensor);
      }
    }
    released.clear();
  }

  /**
   * The gradients left, by position: the wanted ones and those of leaves, or every one when
   * nothing was released (a recorded pass, or rules pruned away that never read theirs).
   */
  Variable[] remaining() {
    return grads;
  }

  private void hold(Tensor tensor) {
    if (scope != null && scope.owns(tensor)) {
      holders.merge(tensor, 1, Integer::sum);
    }
  }

  /** Held tensors stay owned: the scope recycles none while this table counts a holder. */
  private void drop(Tensor tensor) {
    if (scope == null || !scope.owns(tensor)) {
      return;
    }
    int left = holders.merge(tensor, -1, Integer::sum);
    if (left == 0) {
      holders.remove(tensor);
      released.add(tensor);
    }
  }
}
