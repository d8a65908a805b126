package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.graph.Graphs;
import dev.chainrule.core.DType;
import java.util.Locale;

/**
 * What {@link GradCheck} refuses to judge: a function whose output is float32, and one that
 * computes in float32 on the way from the inputs to a float64 output unless the step and the
 * relative tolerance are made for it. A value narrowed to float32 carries its rounding (2⁻²⁴ ≈
 * 6e-8 relative), which a central difference divides by 2·eps: about 3e-8·|f| / eps against a
 * tolerance rtol·|f′|, so only eps·rtol ≥ 1e-7 (a margin of three) tells it from a wrong
 * derivative. The defaults (1e-6 and 1e-5) are eleven orders too fine; a step of 1e-2 with a
 * relative tolerance of 1e-4, as the spec of {@code to} takes, is enough. The absolute tolerance
 * does not count: the rounding grows with |f|, which it does not.
 */
final class Float64Only {
  /** The least eps × rtol that sees through float32 rounding. */
  private static final double NARROWING_ALLOWANCE = 1e-7;

  private Float64Only() {}

  /** Refuses a function whose output is float32. */
  static void requireOutput(String op, DType output) {
    checkArgument(output == DType.FLOAT64, "%s: the function computes in %s (its output is %s);"
        + " finite differences need float64: convert the model with Module.to(DType.FLOAT64) and"
        + " its constants with to(DType.FLOAT64)", op, output, output);
  }

  /**
   * Refuses a function whose output is float32, or that narrows to float32 on the way; {@code
   * gradients}: whether the function is gradGradCheck's first gradients, where a backward rule
   * that returns float32 for a float64 input narrows as much as a float32 model does (the engine
   * widens the gradient back, so the first-order check cannot see it).
   */
  static void require(String op, Variable out, GradCheck.Options options, boolean gradients) {
    requireOutput(op, out.dtype());
    if (options.eps() * options.rtol() >= NARROWING_ALLOWANCE) {
      return;
    }
    for (Variable v : Graphs.dataFlowOrder(out)) {
      if (v.dtype() == DType.FLOAT32 && v.opContext().isPresent()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the function computes"
            + " in float32 inside ('%s' gives a float32 %s, though the output is float64), and"
            + " central differences at a step of %.1g cannot tell float32 rounding from a wrong"
            + " derivative: " + (gradients ? "make each backward rule return gradients of"
            + " its inputs' types, " : "") + "convert the model with Module.to(DType.FLOAT64)"
            + " and its constants with to(DType.FLOAT64), or check with a step and tolerances"
            + " made for float32 (Options.withEps(1e-2).withTolerances(1e-4, 1e-3))", op,
            v.opContext().get().op().name(), v.shape(), options.eps()));
      }
    }
  }
}
