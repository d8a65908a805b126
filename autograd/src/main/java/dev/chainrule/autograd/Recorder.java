package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;

/**
 * Applies an op to variables: runs its forward and, when recording is on and some input needs a
 * gradient, links the output to the op and inputs so the engine can walk back through it. Under
 * anomaly detection it checks the output; when creation sites are wanted the link remembers the
 * user's line; inside a {@link FaultInjection} scope the op may be recorded with a deliberately
 * wrong rule. Each costs one test of the thread's switches when off.
 */
final class Recorder {
  /**
   * The context a built-in op's forward gets when nothing is recorded: saving is a no-op, and it
   * knows neither the op nor the inputs, which built-in forwards never ask for. A user's op gets
   * {@link #unrecorded} instead.
   */
  private static final OpContext DISCARDED = new OpContext(null, new Variable[0], null, false);

  private Recorder() {}

  static Variable record(Op op, Variable[] inputs) {
    // The checks build their messages only on failure: every op of every step passes here, and
    // a message argument (op.name()) would be evaluated each time.
    if (inputs == null) {
      throw new NullPointerException(op.name() + ": inputs are null");
    }
    Tensor[] values = new Tensor[inputs.length];
    boolean needsGrad = false;
    for (int i = 0; i < inputs.length; i++) {
      Variable input = inputs[i];
      if (input == null) {
        throw new NullPointerException(op.name() + ": input " + i + " is null");
      }
      values[i] = input.value();
      needsGrad |= input.requiresGrad();
    }
    int mode = Autograd.mode();
    boolean checks = (mode & (Autograd.ANOMALY | Autograd.IN_BACKWARD)) == Autograd.ANOMALY;
    if (!needsGrad || (mode & Autograd.GRAD) == 0) {
      boolean builtIn = Primitive.isBuiltIn(op);
      if (inputs.length == 0 && !builtIn) {
        // Here, where no input needs a gradient, so the recorded path pays nothing for it: a
        // forward that indexes its inputs (in[0]) would fail with a bare index exception.
        throw new IllegalArgumentException("Op " + op.name() + ": applied to no inputs; an op is"
            + " differentiated with respect to its inputs and takes at least one (a value that"
            + " depends on nothing is a constant: Variable.constant(tensor))");
      }
      // A user's op is held to its inputs here too (a built-in one never changes them).
      OpContext unrecorded = builtIn ? DISCARDED : unrecorded(op, inputs.clone());
      Tensor out = forward(op, unrecorded, values);
      if (unrecorded != DISCARDED) {
        unrecorded.checkForwardKeptInputs();
      }
      if (checks) {
        AnomalyCheck.forward(op, values, out, null);
      }
      return Variable.constant(out);
    }
    boolean sites = (mode & (Autograd.ANOMALY | Autograd.CREATION_SITES)) != 0;
    Op recorded = (mode & (Autograd.FAULTS | Autograd.IN_BACKWARD)) == Autograd.FAULTS
        ? FaultInjection.intercept(op) : op;
    OpContext ctx = new OpContext(recorded, inputs.clone(), sites ? CreationSite.capture() : null);
    Tensor out = forward(recorded, ctx, values);
    ctx.checkForwardKeptInputs();
    if (checks) {
      AnomalyCheck.forward(op, values, out, ctx);
    }
    Variable output = Variable.fromOp(out, ctx);
    ctx.setOutput(output);
    return output;
  }

  /**
   * The context a user's op's forward gets when nothing is recorded (under {@link
   * Autograd#noGrad()}, or when no input needs a gradient): it knows the op and the inputs, as in
   * training, but {@link OpContext#needsGrad} is false for every input and saving is a no-op, so a
   * forward that saves only what a gradient needs (PyTorch's habit) runs unchanged at inference.
   */
  private static OpContext unrecorded(Op op, Variable[] inputs) {
    return new OpContext(op, inputs, null, false);
  }

  private static Tensor forward(Op op, OpContext ctx, Tensor[] values) {
    Tensor out;
    try {
      out = op.forward(ctx, values);
    } catch (RuntimeException | Error e) {
      // The library's ops name themselves; a user's lambda shows only as lambda$main$6.
      if (!Primitive.isBuiltIn(op)) {
        AnomalyCheck.RuleFailure.note(e, "in the forward of '" + op.name() + "', applied to "
            + values.length + " input" + (values.length == 1 ? "" : "s"));
      }
      throw e;
    }
    if (out == null) {
      throw new IllegalStateException(op.name() + ": forward returned null");
    }
    return out;
  }
}
