package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The backward pass of an op whose rule cannot be differentiated again ({@link
 * Op#supportsHigherOrder()} false), when the pass records a graph. The rule runs unrecorded, and
 * each gradient it returns is linked to what its true derivative depends on (the incoming
 * gradient and the op's inputs) by a node whose own backward refuses. So the error comes only
 * when a later pass actually differentiates through that rule, as PyTorch's
 * {@code once_differentiable} does: a Hessian of other parameters, or a gradient penalty on
 * another input, still works when a first-order-only op sits elsewhere in the graph.
 */
final class OnceDifferentiable {
  private OnceDifferentiable() {}

  /** The rule's gradients, each behind a node that refuses to be differentiated. */
  static Variable[] backward(OpContext ctx, Variable gradOutput, boolean anomaly) {
    Variable[] grads;
    try (var unrecorded = Autograd.noGrad()) {
      grads = anomaly ? AnomalyCheck.runRule(ctx, gradOutput)
          : ctx.op().backward(ctx, gradOutput);
    }
    if (grads == null) {
      return null; // the engine names the op that returned nothing
    }
    List<Variable> dependsOn = new ArrayList<>();
    if (gradOutput.requiresGrad()) {
      dependsOn.add(gradOutput);
    }
    for (int i = 0; i < ctx.inputCount(); i++) {
      if (ctx.linked(i)) {
        dependsOn.add(ctx.inputAt(i));
      }
    }
    Op refusal = refusal(ctx.op().name());
    Variable[] guarded = new Variable[grads.length];
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] == null) {
        continue;
      }
      List<Variable> inputs = new ArrayList<>(dependsOn.size() + 1);
      inputs.add(Variable.constant(grads[i].value()));
      inputs.addAll(dependsOn);
      guarded[i] = refusal.apply(inputs.toArray(Variable[]::new));
    }
    return guarded;
  }

  /** Passes its first input's value on; refuses to be differentiated, naming {@code opName}. */
  private static Op refusal(String opName) {
    return Op.of(opName + " (first order only)", (ctx, in) -> in[0], (ctx, g) -> {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "backward: op '%s' does not support"
          + " higher-order gradients (its backward rule is not differentiable), and a gradient"
          + " recorded through it with createGraph is being differentiated", opName));
    });
  }
}
