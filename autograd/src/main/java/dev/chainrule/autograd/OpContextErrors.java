package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * The messages of {@link OpContext}'s refusals, built only when one is thrown: each says which
 * value of which op was read too late or changed too early, and how to avoid it, so a rule never
 * computes a gradient from values other than those its forward saw.
 */
final class OpContextErrors {
  private OpContextErrors() {}

  /** A forward read back a saved tensor where nothing is recorded, so nothing was kept. */
  static IllegalStateException savedWhileUnrecorded(String op, int index) {
    // Only a forward reads an unrecorded context (no rule ever runs on it), and save was a
    // no-op, so "0 saved" would contradict the save call the forward just made.
    return new IllegalStateException(String.format(Locale.ROOT,
        "%s: saved tensor %s requested while no graph"
        + " is recorded (under Autograd.noGrad(), or no input requires a gradient), where"
        + " ctx.save keeps nothing, since no backward rule will run; a forward should compute"
        + " with its own local values, not read them back from ctx.saved", op, index));
  }

  /**
   * A saved tensor changed in place since it was saved: by the op's own forward after saving it
   * when {@code atReturn} (the saved tensors' versions as the forward returned, or null) says
   * so, else after the forward pass.
   */
  static IllegalStateException savedChanged(String op, int index, Tensor t, int saved,
      int[] atReturn, Optional<StackTraceElement> creationSite) {
    if (atReturn != null && atReturn[index] != saved) {
      return savedChangedByForward(op, index, t, saved, atReturn[index]);
    }
    return modified("saved tensor " + index, op, t, null, creationSite, saved);
  }

  /** The op's own forward changed a tensor after saving it, so the rule would read the change. */
  private static IllegalStateException savedChangedByForward(String op, int index, Tensor t,
      int saved, int returned) {
    return new IllegalStateException(String.format(Locale.ROOT,
        "backward: saved tensor %d of '%s' (shape"
        + " %s) was changed in place by the op's own forward after it saved it (version %d"
        + " at ctx.save, %d when the forward returned, %d now); its backward rule reads what"
        + " was saved. Save the tensor once its value is final (call ctx.save after the"
        + " change), or save a copy (Tensor.copy())", index, op, t.shape(), saved, returned,
        t.version()));
  }

  /** A value the rule reads was changed in place after the forward pass. */
  static IllegalStateException modified(String what, String op, Tensor value, String name,
      Optional<StackTraceElement> creationSite, int recorded) {
    String creation = creationSite.map(site -> ", created at " + site).orElse("");
    return new IllegalStateException(String.format(Locale.ROOT,
        "backward: %s of '%s' (%sshape %s%s) was"
        + " modified in place after the forward pass (version %d -> %d); its backward rule needs"
        + " the values the forward pass saw. Change a copy (Tensor.copy()) instead, or change the"
        + " tensor only after backward has run", what, op,
        name == null ? "" : "'" + name + "', ", value.shape(), creation, recorded,
        value.version()));
  }

  /** An input that holds another tensor than the forward pass saw (withValues, toInPlace). */
  static IllegalStateException replaced(int index, String op, Variable input,
      Optional<StackTraceElement> creationSite) {
    String creation = creationSite.map(site -> ", created at " + site).orElse("");
    return new IllegalStateException(String.format(Locale.ROOT,
        "backward: input %d of '%s' (%sshape %s%s)"
        + " holds another tensor than the forward pass saw (given it by Autograd.withValues or"
        + " Variable.toInPlace since); its backward rule needs the values the forward pass saw:"
        + " go back through the graph before replacing the value, or record it again", index, op,
        input.name() == null ? "" : "'" + input.name() + "', ", input.shape(), creation));
  }

  /** The context was released by an earlier pass: "graph was freed", with how to keep one. */
  static IllegalStateException freed(String op, boolean byFailedPass) {
    if (byFailedPass) {
      return new IllegalStateException(String.format(Locale.ROOT,
          "backward: the graph through '%s' was freed"
          + " by an earlier backward pass that failed part way (its exception went to its"
          + " caller), which released the saved values of the ops it had gone through; to retry"
          + " a pass that may fail, pass Gradients.Options.retainingGraph() to it", op));
    }
    return new IllegalStateException(String.format(Locale.ROOT, 
        "backward: the graph through '%s' was freed by an earlier backward pass, which released"
            + " its saved values; to go through a graph twice, pass"
            + " Gradients.Options.retainingGraph() to the first backward (a freed op keeps no"
            + " links to its inputs either, so a pass that meets it cannot tell whether the"
            + " gradients asked for go through it: to differentiate only what was computed"
            + " after it, start from its output's detach())", op));
  }

  /** A forward changed its input {@code index} in place instead of returning a new tensor. */
  static IllegalStateException forwardChangedInput(String op, int index, Tensor value,
      int recorded) {
    return new IllegalStateException(String.format(Locale.ROOT,
        "%s: the forward changed its input %d"
        + " (shape %s) in place (version %d -> %d); a forward must leave its inputs as they"
        + " were and return a new tensor (work on x.copy(), or use the operations that"
        + " return one); unless another thread changed it while the forward ran (an optimizer"
        + " stepping the same parameters: a module and its optimizer train on one thread at a"
        + " time)", op, index, value.shape(), recorded, value.version()));
  }
}
