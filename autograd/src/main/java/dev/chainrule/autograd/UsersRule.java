package dev.chainrule.autograd;

import dev.chainrule.core.Recycling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's checks around one run of a user's backward rule ({@link Op#of}, {@link
 * Op#unary}), whose tensors the library cannot vouch for as it does for its own rules. A user's
 * rule may keep what it is given and returns, as PyTorch code may: those tensors are never handed
 * back for reuse. It must not change in place its inputs, the tensors its forward saved, its
 * output or the gradient it is given, which the forward pass, other rules, a later pass through a
 * retained graph and the caller (who holds the output, and whose cotangent the gradient may be)
 * still read: that is refused naming the rule, not blamed on a change "after the forward pass"
 * (the context checks a saved tensor only as a rule reads it, so a rule that read it first and
 * changed it after went unnoticed, its gradient computed from the changed value). And under {@code
 * createGraph} a rule given a recorded gradient must return ones that depend on it in the
 * recorded graph, zeros too. The library's own rules are not checked this way: the op table's
 * tests check them once, where a user's rule is checked as it runs.
 */
final class UsersRule {
  private final OpContext ctx;
  private final Variable grad;
  private final int[] inputVersions;
  private final int[] savedVersions;
  private final int outputVersion;
  private final int gradVersion;

  private UsersRule(OpContext ctx, Variable grad) {
    this.ctx = ctx;
    this.grad = grad;
    this.inputVersions = new int[ctx.inputCount()];
    for (int i = 0; i < inputVersions.length; i++) {
      inputVersions[i] = ctx.inputAt(i).value().version();
    }
    this.savedVersions = new int[ctx.savedCount()];
    for (int i = 0; i < savedVersions.length; i++) {
      savedVersions[i] = ctx.savedAt(i).version();
    }
    this.outputVersion = ctx.outputValue().version();
    this.gradVersion = grad.value().version();
  }

  /**
   * Before the rule of {@code ctx} runs with {@code grad}: notes the versions it must leave as
   * they are, and takes {@code grad} out of the recycling {@code scope} (the rule may keep it).
   */
  static UsersRule before(OpContext ctx, Variable grad, Recycling.Scope scope) {
    scope.keep(grad.value());
    return new UsersRule(ctx, grad);
  }

  /**
   * After the rule threw {@code failure}: when the rule itself changed in place an input, a saved
   * tensor, its output or its gradient (and then tripped over the change reading it), says so
   * instead; otherwise notes on {@code failure} whose rule it was (a user's lambda shows only as
   * lambda$main$6).
   */
  void explain(Throwable failure) {
    IllegalStateException changed = changedInPlace();
    if (changed != null) {
      changed.initCause(failure);
      throw changed;
    }
    AnomalyCheck.RuleFailure.noteBackward(failure, ctx);
  }

  /**
   * After the rule returned {@code inputGrads}: refuses changes it made in place and, while the
   * pass records a graph, gradients cut off the one it was given; takes what it returned out of
   * {@code scope}.
   */
  void after(Variable[] inputGrads, boolean createGraph, Recycling.Scope scope) {
    IllegalStateException changed = changedInPlace();
    if (changed != null) {
      throw changed;
    }
    if (inputGrads == null) {
      return;  // the engine names the missing gradients
    }
    for (Variable g : inputGrads) {
      if (g != null) {
        scope.keep(g.value());
      }
    }
    if (inputGrads.length != ctx.inputCount()) {
      return;  // the engine names the miscount
    }
    if (!createGraph || !grad.requiresGrad() || !ctx.op().supportsHigherOrder()) {
      return;
    }
    for (int i = 0; i < inputGrads.length; i++) {
      Variable g = inputGrads[i];
      if (g == null || !ctx.linked(i)) {
        continue;  // the engine names a missing one; one nobody needs is never read
      }
      requireConnected(i, g);
    }
  }

  private IllegalStateException changedInPlace() {
    for (int i = 0; i < inputVersions.length; i++) {
      int now = ctx.inputAt(i).value().version();
      if (now != inputVersions[i]) {
        return new IllegalStateException(String.format(Locale.ROOT,
            "backward of '%s' changed its input %d"
            + " in place (version %d -> %d): the forward pass's value, which other rules and"
            + " the caller read, is no longer what it was; compute the gradient into a new"
            + " tensor (Tensor.copy() first, or Variable ops)", ctx.op().name(), i,
            inputVersions[i], now));
      }
    }
    for (int i = 0; i < savedVersions.length; i++) {
      int now = ctx.savedAt(i).version();
      if (now != savedVersions[i]) {
        return new IllegalStateException(String.format(Locale.ROOT,
            "backward of '%s' changed its saved tensor"
            + " %d in place (version %d -> %d): the gradient it computed from it, and every later"
            + " pass through a retained graph, would read a value the forward did not save;"
            + " compute into a new tensor (Tensor.copy() first, or Variable ops)",
            ctx.op().name(), i, savedVersions[i], now));
      }
    }
    int output = ctx.outputValue().version();
    if (output != outputVersion) {
      return new IllegalStateException(String.format(Locale.ROOT,
          "backward of '%s' changed its output in"
          + " place (version %d -> %d): the caller holds it as the forward pass's result, and"
          + " other rules read it; compute into a new tensor (Tensor.copy() first, or Variable"
          + " ops)", ctx.op().name(), outputVersion, output));
    }
    int now = grad.value().version();
    if (now != gradVersion) {
      return new IllegalStateException(String.format(Locale.ROOT,
          "backward of '%s' changed the gradient it"
          + " was given in place (version %d -> %d): it may be the caller's cotangent or another"
          + " op's gradient; return a new tensor (g.mul(...)) instead", ctx.op().name(),
          gradVersion, now));
    }
    return null;
  }

  /**
   * A vector-Jacobian product is linear in the gradient it is given, so a non-zero gradient that
   * does not depend on that gradient in the recorded graph comes from a rule that computed on
   * tensors ({@code g.value()}), held g as a constant ({@code Variable.constant(g.value())}, the
   * inputs still recorded), detached its result or ignored g, and every derivative taken through
   * it (a Jacobian-vector product, a Hessian-vector product) would silently miss the term
   * through g (PyTorch's would too). A zero one is refused too: zeros were once let through
   * whatever they depended on, so a rule computed on {@code g.value()} passed at a point where its
   * gradient happened to be 0 (x² at x = 0: a Hessian of zeros instead of 2·I) and was refused
   * at every other; the check now gives one answer at every point. A piecewise-constant op's rule
   * returns {@code g.mul(0)}, whose derivative in g is the 0 it should be.
   */
  private void requireConnected(int input, Variable g) {
    if (dependsOnGrad(g)) {
      return;
    }
    throw new DisconnectedGradientException(String.format(Locale.ROOT,
        "backward of '%s' returned a gradient"
        + " for input %d that is not connected to the gradient it was given, while the pass"
        + " records a graph (createGraph): the rule computed on tensors or constants"
        + " (g.value(), Variable.constant(...)) or ignored g, so derivatives taken through it"
        + " would silently miss this term; write the rule with Variable ops on gradOutput and"
        + " ctx's inputs (a zero gradient too, whose value may be zero only at this point:"
        + " a piecewise-constant op's rule returns g.mul(0), summed or broadcast to the"
        + " input's shape where it differs), or declare the op"
        + " firstOrderOnly()", ctx.op().name(), input));
  }

  /**
   * Whether {@code g} reaches {@link #grad} in the recorded graph ({@link GradientPaths}). The
   * op's inputs existed before {@code grad} was made, so cannot depend on it: the walk stops
   * there (and past the op's output it would find only them).
   */
  private boolean dependsOnGrad(Variable g) {
    List<Variable> inputs = new ArrayList<>(ctx.inputCount());
    for (int i = 0; i < ctx.inputCount(); i++) {
      inputs.add(ctx.inputAt(i));
    }
    return GradientPaths.reaches(g, grad, inputs, GradientPaths.WALK_LIMIT);
  }
}
