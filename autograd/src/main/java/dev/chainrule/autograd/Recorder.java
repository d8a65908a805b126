package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;

/**
 * Applies an op to variables: runs its forward and, when recording is on and some input needs a
 * gradient, links the output to the op and inputs so the engine can walk back through it.
 */
final class Recorder {
  private Recorder() {}

  static Variable record(Op op, Variable[] inputs) {
    checkNotNull(inputs, "%s: inputs are null", op.name());
    Tensor[] values = new Tensor[inputs.length];
    boolean needsGrad = false;
    for (int i = 0; i < inputs.length; i++) {
      Variable input = checkNotNull(inputs[i], "%s: input %s is null", op.name(), i);
      values[i] = input.value();
      needsGrad |= input.requiresGrad();
    }
    if (!needsGrad || !Autograd.isGradEnabled()) {
      return Variable.constant(forward(op, OpContext.DISCARDED, values));
    }
    OpContext ctx = new OpContext(op, inputs.clone());
    Variable output = Variable.fromOp(forward(op, ctx, values), ctx);
    ctx.setOutput(output);
    return output;
  }

  private static Tensor forward(Op op, OpContext ctx, Tensor[] values) {
    Tensor out = op.forward(ctx, values);
    if (out == null) {
      throw new IllegalStateException(op.name() + ": forward returned null");
    }
    return out;
  }
}
