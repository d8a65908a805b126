package dev.chainrule.autograd;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The reverse-mode engine: orders the graph topologically ({@link GraphOrder}), then walks it
 * from the outputs back, calling each op's backward rule once with the sum of the gradients its
 * output received. Broadcast gradients are summed back to their input's shape here, in one place
 * ({@link InputGradient}), so no op has to. Under anomaly detection every gradient a rule
 * returns is checked ({@link AnomalyCheck}); saved values are checked by the context as the
 * rules read them.
 */
final class Engine {
  /** Inputs of an op up to which a scan for a returned input beats a set of them. */
  private static final int FEW_INPUTS = 8;

  private Engine() {}

  /**
   * The graph's variables in topological order (outputs first), the gradient that reached each
   * (by position in that order; null where none did or it was handed back), and the gradient
   * tensors that someone else may hold (an input of the op whose rule returned it, or a tensor a
   * rule returned that the pass's recycling scope does not own), which therefore must never be
   * handed out as a grad buffer.
   */
  record Result(GraphOrder order, Variable[] grads, Set<Tensor> lent) {
    /** The gradient that reached {@code variable}, or null. */
    Variable gradientOf(Variable variable) {
      int position = order.positionOf(variable);
      return position < 0 ? null : grads[position];
    }
  }

  /**
   * Runs the backward pass from {@code roots}, seeded with {@code seeds}. Gradients that no one
   * reads after the pass (neither {@code wanted} nor a leaf's) are handed back for reuse as soon
   * as the nodes that read them have run, unless the pass records a graph. With {@code
   * onlyTowardWanted}, the rules that lead to no wanted variable do not run (nor are they freed):
   * a gradient asked of an intermediate variable leaves the graph below it as it was, and when it
   * is the only one asked for ({@code soleWanted}) it may itself be the output of a node an
   * earlier pass freed. With {@code updatesInProducts} (a pass that keeps gradients), rules may
   * compute the gradient products of parameters with a {@link BackwardUpdate} straight into them
   * where that is safe (see {@link ProductUpdates}).
   */
  static Result run(List<Variable> roots, List<Variable> seeds, boolean retainGraph,
      boolean createGraph, Predicate<Variable> wanted, boolean onlyTowardWanted,
      Variable soleWanted, boolean updatesInProducts) {
    GraphOrder order = GraphOrder.of(roots);
    boolean[] runs = onlyTowardWanted ? order.rulesLeadingTo(wanted) : null;
    if (createGraph) {
      // The recorded gradients may hold any value of this graph as a constant (ReLU's rule
      // gates by its output), and they outlive the graph: no value of it may be handed back.
      for (int position = 0; position < order.size(); position++) {
        order.node(position).keepValue();
      }
    }
    boolean anomaly = Autograd.isAnomalyDetectionEnabled();
    try (var mode = Autograd.backwardPass(createGraph); var scope = Recycling.open()) {
      GradientTable grads = new GradientTable(order.size(), wanted, createGraph ? null : scope);
      for (int i = 0; i < roots.size(); i++) {
        if (anomaly) {
          AnomalyCheck.seed(roots.get(i), seeds.get(i));
        }
        grads.add(order.positionOf(roots.get(i)), seeds.get(i));
      }
      // Not under anomaly detection, which checks every gradient before it is used; not when the
      // graph is kept, whose next pass would read the updated weights as the saved ones.
      ProductUpdates updatable = updatesInProducts && !retainGraph && !createGraph && !anomaly
          && BackwardUpdates.any() ? ProductUpdates.of(order) : null;
      Pass pass = new Pass(order, grads, runs, wanted, soleWanted, retainGraph, createGraph,
          anomaly, scope, updatable);
      int position = 0;
      try {
        for (; position < order.size(); position++) {
          pass.runRule(position);
        }
      } catch (RuntimeException | Error e) {
        // The rules that ran freed their nodes: a retry must not blame a second pass. Only
        // this pass's (a node it did not reach may have been freed by an earlier one).
        for (int ran = 0; ran <= position && ran < order.size(); ran++) {
          OpContext ctx = order.node(ran).creator();
          if (ctx != null) {
            ctx.releasedByFailedPass(pass.id);
          }
        }
        throw e;
      }
      return new Result(order, grads.remaining(), pass.lent == null ? Set.of() : pass.lent);
    }
  }

  /** Numbers the passes, so that a failed one marks only the nodes it released. */
  private static final AtomicInteger PASSES = new AtomicInteger();

  /** One backward pass's settings and the tensors its rules lent, walked node by node. */
  private static final class Pass {
    private final int id = PASSES.incrementAndGet();
    private final GraphOrder order;
    private final GradientTable grads;
    private final boolean[] runs;
    private final Predicate<Variable> wanted;
    private final Variable soleWanted;
    private final boolean retainGraph;
    private final boolean createGraph;
    private final boolean anomaly;
    private final Recycling.Scope scope;
    /** Whose updates a product may take; null when none may. */
    private final ProductUpdates updatable;
    private Set<Tensor> lent; // made when a rule first returns an input's value: rarely

    Pass(GraphOrder order, GradientTable grads, boolean[] runs, Predicate<Variable> wanted,
        Variable soleWanted, boolean retainGraph, boolean createGraph, boolean anomaly,
        Recycling.Scope scope, ProductUpdates updatable) {
      this.order = order;
      this.grads = grads;
      this.runs = runs;
      this.wanted = wanted;
      this.soleWanted = soleWanted;
      this.retainGraph = retainGraph;
      this.createGraph = createGraph;
      this.anomaly = anomaly;
      this.scope = scope;
      this.updatable = updatable;
    }

    /**
     * Runs the hooks of the node at {@code position} and its rule, if a gradient reached it: its
     * gradient is complete here, as every node that reads it came earlier in the order.
     */
    void runRule(int position) {
      Variable node = order.node(position);
      Variable grad = grads.get(position);
      if (grad == null) {
        return;
      }
      OpContext ctx = node.creator();
      if (ctx != null && grads.isAbsent(position)) {
        passOnAbsence(ctx, position);
        return;
      }
      // Before the pruning: a freed node has lost its inputs, so whether it leads to a wanted
      // variable is unknown, and the walk saw it as a leaf. Unless it is the only variable asked
      // for, which cannot lie below itself: then its gradient is complete here and its rule need
      // not run (PyTorch answers ∂(2h)/∂h after h's graph was freed too).
      if (ctx != null && node != soleWanted) {
        ctx.checkLive();
      }
      boolean ruleRuns = ctx != null && (runs == null || runs[position]);
      GradientHooks hooks = node.gradientHooks();
      if (hooks != null && (ruleRuns || wanted.test(node))) {
        // Hooks may repair an overflowed sum (a clamp, nan_to_num): theirs is checked.
        grad = runHooks(position, node, grad, hooks);
      } else if (anomaly) {
        AnomalyCheck.reached(node, grad);
      }
      if (!ruleRuns) {
        return;
      }
      UsersRule users = null;
      if (!Primitive.isBuiltIn(ctx.op())) {
        users = UsersRule.before(ctx, grad, scope);
        // The same tensor may reach a leaf (add gives both inputs one gradient): as a lent
        // tensor it is copied there, so clipping or the next pass cannot change what it kept.
        lent = lent == null ? IdentityMap.newSet() : lent;
        lent.add(grad.value());
      }
      Variable[] inputGrads;
      if (updatable != null) {
        updatable.offer(ctx, position);
      }
      try {
        if (createGraph && !ctx.op().supportsHigherOrder()) {
          inputGrads = OnceDifferentiable.backward(ctx, grad, anomaly);
        } else {
          inputGrads = anomaly ? AnomalyCheck.runRule(ctx, grad) : ctx.op().backward(ctx, grad);
        }
      } catch (RuntimeException | Error e) {
        if (users != null) {
          users.explain(e);
        }
        throw e;
      } finally {
        if (updatable != null) {
          updatable.withdraw(ctx);
        }
      }
      if (users != null) {
        users.after(inputGrads, createGraph, scope);
      }
      if (anomaly && inputGrads != null) {
        AnomalyCheck.backward(ctx, grad, inputGrads);
      }
      lent = propagate(ctx, inputGrads, order, position, grads, lent, users != null, updatable,
          anomaly ? grad : null);
      if (!retainGraph) {
        ctx.release(id);
      }
      grads.finished(position, node, inputGrads);
    }

    /**
     * A node that no gradient reached, only the zeros that stand for none (see {@link
     * DerivativeLinks}): its rule does not run, as PyTorch runs no node without a defined
     * gradient, where the zeros would turn into NaN at a point its rule is singular at (sqrt's
     * at 0); nor its hooks. Its inputs are reached the same way, so that the leaves below it
     * receive zeros, as they did from the rule. The node is not freed, as no rule of it ran (a
     * freed one has no inputs left to reach).
     */
    private void passOnAbsence(OpContext ctx, int position) {
      if (runs != null && !runs[position]) {
        return;
      }
      for (int i = 0; i < ctx.linkedInputs(); i++) {
        Variable input = ctx.inputAt(i);
        if (ctx.linked(i)) {
          grads.addAbsent(order.inputPosition(position, i), zerosFor(input));
        }
      }
    }

    /**
     * The node's hooks on its gradient, which then replaces it in the table. Only where the
     * gradient is read (its rule runs, or the caller wants it), as PyTorch runs a tensor's hooks
     * only for nodes the pass executes. Both the gradient the hooks saw and their result may be
     * held by the user's code, as a user's rule's may: lent, so a leaf's grad is a copy of them.
     */
    private Variable runHooks(int position, Variable node, Variable grad, GradientHooks hooks) {
      Variable hooked = hooks.run(node, grad, createGraph, anomaly, scope);
      grads.replace(position, hooked);
      lent = lent == null ? IdentityMap.newSet() : lent;
      lent.add(grad.value());
      lent.add(hooked.value());
      return hooked;
    }
  }

  /**
   * Adds each input's gradient to the table; returns {@code lent}, made when it was null and a
   * rule returned a tensor someone else may hold: one of its op's inputs, or anything a user's
   * rule returned (a tensor its lambda captured, one it saved, or one it made and kept a
   * reference to: adding the next pass's gradient into it, or handing it back for reuse, would
   * change the user's tensor). Built-in rules return tensors they made, or their op's inputs. An
   * input the rule updated in a product ({@code updatable}, null when none was offered) has no
   * gradient. Under anomaly detection {@code gradOutput} is the gradient the rule was given, for
   * {@link InputGradient#fit}'s message; null otherwise.
   */
  private static Set<Tensor> propagate(OpContext ctx, Variable[] inputGrads, GraphOrder order,
      int position, GradientTable grads, Set<Tensor> lent, boolean usersRule,
      ProductUpdates updatable, Variable gradOutput) {
    if (inputGrads == null || inputGrads.length != ctx.linkedInputs()) {
      throw new IllegalStateException(String.format(Locale.ROOT, 
          "backward of '%s' returned %s gradients for %d inputs", ctx.op().name(),
          inputGrads == null ? "no" : inputGrads.length, ctx.linkedInputs()));
    }
    Set<Tensor> inputValues = null; // for ops of many inputs (a concat): one lookup per gradient
    for (int i = 0; i < inputGrads.length; i++) {
      Variable input = ctx.inputAt(i);
      if (!ctx.linked(i)) {
        continue;
      }
      Variable g = inputGrads[i];
      if (g == null && updatable != null && updatable.updatedInProduct(i)) {
        continue;
      }
      if (g == null && ctx.op() instanceof DerivativeLinks.Link) {
        grads.addAbsent(order.inputPosition(position, i), zerosFor(input));
        continue;
      }
      if (g == null) {
        throw new IllegalStateException(String.format(Locale.ROOT, 
            "backward of '%s' returned no gradient for input %d, which requires one (an input"
                + " with no derivative, such as an index, should be a constant: GradCheck makes"
                + " every input it is given a parameter, so capture such a value in the checked"
                + " function instead)", ctx.op().name(), i));
      }
      if (inputValues == null && !usersRule && inputGrads.length > FEW_INPUTS) {
        inputValues = IdentityMap.newSet();
        for (int j = 0; j < inputGrads.length; j++) {
          inputValues.add(ctx.inputAt(j).value());
        }
      }
      boolean mayBeHeld = usersRule || (inputValues != null ? inputValues.contains(g.value())
          : isAnInput(g.value(), ctx));
      if (mayBeHeld) {
        lent = lent == null ? IdentityMap.newSet() : lent;
        lent.add(g.value());
      }
      grads.add(order.inputPosition(position, i),
          InputGradient.fit(ctx, i, g, input, gradOutput));
    }
    return lent;
  }

  /** The zeros that stand for no gradient of {@code input}, for its leaves and askers. */
  private static Variable zerosFor(Variable input) {
    return Variable.constant(Tensors.zerosLike(input.value()));
  }

  private static boolean isAnInput(Tensor value, OpContext ctx) {
    for (int j = 0; j < ctx.linkedInputs(); j++) {
      if (value == ctx.inputAt(j).value()) {
        return true;
      }
    }
    return false;
  }
}
