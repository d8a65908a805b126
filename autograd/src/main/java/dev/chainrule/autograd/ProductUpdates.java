package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one backward pass whose {@link BackwardUpdate} a rule may compute inside
 * their gradient's product (θ ← β·θ + α·Gᵀ·x in one GEMM call, {@link #updateInProduct})
 * instead of the engine applying it once the pass is over ({@link PendingUpdates}), and that
 * product itself ({@link #addProduct}). Decided once per pass, before any rule runs, since a
 * rule's release drops its inputs. While a rule runs, its context holds this object, which knows
 * the inputs offered to that rule and those it updated: the offer's state lives here, once per
 * pass, rather than in every op's context.
 */
final class ProductUpdates {
  /** By position in the pass's order, whether that node's update may go into a product. */
  private final boolean[] updatable;
  private final GraphOrder order;
  /** The inputs (a bit each) whose update the rule running now may compute into them. */
  private int offered;
  /** The inputs that rule updated in a product, whose gradient it therefore omits. */
  private int updated;

  private ProductUpdates(boolean[] updatable, GraphOrder order) {
    this.updatable = updatable;
    this.order = order;
  }

  /**
   * The parameters of {@code order} with a {@link BackwardUpdate} whose array exactly one op
   * input of the graph reads: their own edge into one op, and no other variable on the same
   * array (a detached copy, a weight tied by its tensor) nor a tensor on it that an op keeps as
   * data (saved: the gate of {@code gatePositive(w.value())}). Null when none may be updated in a
   * product: the graph has no parameter with an update, or it has code of the user's that runs
   * during the pass and may read a weight's value through a reference the graph does not show
   * (a gradient hook, a user's rule capturing a tensor), and would see it updated or not
   * depending on the optimizer. Linear in the graph's inputs: parameters are found by their
   * storage's hash.
   */
  static ProductUpdates of(GraphOrder order) {
    Map<Integer, List<Integer>> candidates = new HashMap<>();
    for (int position = 0; position < order.size(); position++) {
      Variable node = order.node(position);
      OpContext ctx = node.creator();
      if (node.hasHooks() || ctx != null && !Primitive.isBuiltIn(ctx.op())) {
        return null;
      }
      if (ctx == null && node.backwardUpdate() != null) {
        candidates.computeIfAbsent(node.value().storageHash(), hash -> new ArrayList<>())
            .add(position);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    int[] reads = new int[order.size()];
    for (int position = 0; position < order.size(); position++) {
      OpContext ctx = order.node(position).creator();
      if (ctx == null) {
        continue;
      }
      for (int i = 0; i < ctx.linkedInputs(); i++) {
        countReads(ctx.inputAt(i).value(), candidates, order, reads);
      }
      // What an op keeps as data, not as an input (the gate of gatePositive, the mask of where,
      // a loss's target; every tensor a built-in op keeps is saved): its rule reads it, maybe
      // after the product's rule has run. Uncounted, a weight given as p.gatePositive(w.value())
      // was updated in its product and gatePositive's rule then refused the changed gate.
      for (int i = 0; i < ctx.savedCount(); i++) {
        countReads(ctx.savedAt(i), candidates, order, reads);
      }
    }
    boolean[] updatable = new boolean[order.size()];
    candidates.values().forEach(positions -> positions.forEach(p -> updatable[p] = reads[p] == 1));
    return new ProductUpdates(updatable, order);
  }

  /** Counts a read of {@code value}'s array for each candidate on that array. */
  private static void countReads(Tensor value, Map<Integer, List<Integer>> candidates,
      GraphOrder order, int[] reads) {
    List<Integer> sameHash = candidates.get(value.storageHash());
    if (sameHash != null) {
      for (int candidate : sameHash) {
        if (value.sharesStorageWith(order.node(candidate).value())) {
          reads[candidate]++;
        }
      }
    }
  }

  /**
   * The inputs of {@code ctx}, the op of the node at {@code position} (a bit each), whose update
   * its rule may compute into them: an updatable parameter with no gradient hook (which must see
   * the gradient). Its gradient is then this rule's alone and final, and no rule after this one
   * reads its value: the rule computes into it after its own last read.
   */
  int inputsOf(OpContext ctx, int position) {
    int inputs = 0;
    for (int i = 0, n = Math.min(ctx.linkedInputs(), Integer.SIZE); i < n; i++) {
      int at = order.inputPosition(position, i);
      if (at >= 0 && updatable[at] && !ctx.inputAt(i).hasHooks()) {
        inputs |= 1 << i;
      }
    }
    return inputs;
  }

  /**
   * Offers the rule of {@code ctx}, the op of the node at {@code position}, the updates of its
   * inputs that {@link #inputsOf} allows, until {@link #withdraw}.
   */
  void offer(OpContext ctx, int position) {
    offered = inputsOf(ctx, position);
    updated = 0;
    ctx.offer(this);
  }

  /** Ends the offer once the rule has returned; what it updated stays known. */
  void withdraw(OpContext ctx) {
    ctx.offer(null);
    offered = 0;
  }

  /** Whether the engine offers the rule of {@code ctx}, running now, its input {@code index}. */
  static boolean offered(OpContext ctx, int index) {
    ProductUpdates offer = ctx.offer();
    return offer != null && hasInput(offer.offered, index);
  }

  /** Whether the rule that just ran updated input {@code index} in a product. */
  boolean updatedInProduct(int index) {
    return hasInput(updated, index);
  }

  /** Whether input {@code index}'s bit is set in {@code inputs} (the first 32 inputs only). */
  private static boolean hasInput(int inputs, int index) {
    return index < Integer.SIZE && (inputs & (1 << index)) != 0;
  }

  /**
   * For the rule of {@code ctx}, whose gradient for input {@code index} is the product
   * op(a)·op(b): when the engine offers that input's {@link BackwardUpdate} in product form (the
   * input is a parameter with an update of the form θ ← β·θ + α·g that nothing else in the
   * graph reads, in a first-order pass that keeps no graph), computes
   * θ ← β·θ + α·op(a)·op(b) in one GEMM call, and the rule returns null for that
   * input, which the engine then expects. Call it after every other use of the input's value:
   * the value changes here.
   *
   * @param index the input whose gradient the product is
   * @param a the product's left operand
   * @param b the product's right operand
   * @param mode which operands are transposed
   * @return whether the update was applied (else the rule computes the gradient as usual)
   */
  static boolean updateInProduct(OpContext ctx, int index, Tensor a, Tensor b,
      Transpose mode) {
    ProductUpdates offer = ctx.offer();
    if (offer == null || !hasInput(offer.offered, index)) {
      return false;
    }
    Variable parameter = ctx.inputAt(index);
    BackwardUpdate update = addProduct(parameter, a, b, mode);
    if (update == null) {
      return false;
    }
    offer.updated |= 1 << index;
    update.appliedInProduct(parameter);
    return true;
  }

  /**
   * Computes θ ← β·θ + α·op(a)·op(b) into {@code parameter}'s value in one GEMM call, when
   * its update has that form and the product can be written in place; {@link
   * #updateInProduct} decides whether it is offered and notes what was done.
   *
   * @return the update so applied, or null when the gradient must be computed as usual
   */
  static BackwardUpdate addProduct(Variable parameter, Tensor a, Tensor b, Transpose mode) {
    Tensor value = parameter.value();
    if (a.dtype() != value.dtype() || b.dtype() != value.dtype()) {
      return null; // the gradient would be converted to the parameter's type first
    }
    if (a.sharesStorageWith(value) || b.sharesStorageWith(value)) {
      return null; // the product reads the parameter (x·xᵀ of a detached copy): not in place
    }
    BackwardUpdate update = parameter.backwardUpdate();
    BackwardUpdate.LinearForm form = update == null ? null : update.linearForm(parameter);
    if (form == null) {
      return null;
    }
    value.addMatmulInPlace(form.gradientFactor(), a, b, mode, form.valueFactor());
    return update;
  }
}
