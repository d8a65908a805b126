package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a backward pass starts, for both {@link Gradients#of} and {@link Variable#backward()}:
 * each output checked (it must require a gradient) and given its seed, and the refusals worded
 * for the public entry the caller used, so that the two passes refuse alike.
 */
final class Seeds {
  private Seeds() {}

  /**
   * Each output's seed: its gradient output, or 1 for a scalar given none. A non-scalar given
   * none is refused naming it as {@code output} does (null: "output i") and saying how the
   * caller's method takes a gradient ({@code howToSeed}), each public entry its own.
   */
  static List<Variable> of(String op, List<Variable> outputs, List<Variable> gradOutputs,
      String output, String howToSeed) {
    checkNotNull(outputs, "%s: outputs are null", op);
    checkArgument(!outputs.isEmpty(), "%s: no outputs given", op);
    checkArgument(gradOutputs == null || gradOutputs.size() == outputs.size(),
        "%s: %s gradient outputs for %s outputs", op,
        gradOutputs == null ? 0 : gradOutputs.size(), outputs.size());
    List<Variable> seeds = new ArrayList<>(outputs.size());
    for (int i = 0; i < outputs.size(); i++) {
      Variable out = checkNotNull(outputs.get(i), "%s: output %s is null", op, i);
      checkArgument(out.requiresGrad(), "%s: the output (%s) does not require a gradient: %sno"
          + " value it was computed from is a parameter that requires one (a frozen one,"
          + " requiresGrad(false), does not), it was computed under"
          + " Autograd.noGrad() or from a detach()ed variable, or it is a gradient taken without"
          + " Options.creatingGraph()", op, describe(out), insideUnrecordedPass());
      Variable seed = gradOutputs == null ? null : gradOutputs.get(i);
      if (seed == null) {
        checkArgument(out.value().size() == 1, "%s: %s has shape %s, not a scalar; pass a"
            + " gradient of that shape %s", op, output == null ? "output " + i : output,
            out.shape(), howToSeed);
        seed = Variable.constant(Tensors.onesLike(out.value()));
      }
      checkArgument(seed.shape().equals(out.shape()),
          "%s: gradient of shape %s does not match output of shape %s", op, seed.shape(),
          out.shape());
      seeds.add(seed.to(out.dtype()));
    }
    return seeds;
  }

  /**
   * The likeliest cause first when this runs inside a backward pass that records nothing: a
   * hook or a rule that takes gradients of values it computed got constants, and the usual
   * causes are then all false (a hunter's hook built its loss from a parameter).
   */
  private static String insideUnrecordedPass() {
    int mode = Autograd.mode();
    return (mode & Autograd.IN_BACKWARD) != 0 && (mode & Autograd.GRAD) == 0
        ? "it was computed inside a backward pass (in a hook or a rule), which records nothing"
            + " unless Autograd.enableGrad() is opened there; or " : "";
  }

  /** A variable as refusals name it: its name, if any, and its op. */
  static String describe(Variable v) {
    return v.name() != null ? "'" + v.name() + "', " + v.opName() : v.opName();
  }
}
