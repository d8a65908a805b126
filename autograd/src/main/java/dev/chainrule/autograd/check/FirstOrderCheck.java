package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The first-order checks behind {@link GradCheck}: of a function of its inputs, of one recorded
 * node's op (for {@link Localizer}), and of a function that reads parameters itself. Each records
 * the function once, refuses what it cannot judge, and hands the rest to {@link
 * JacobianComparison}.
 */
final class FirstOrderCheck {
  private FirstOrderCheck() {}

  /**
   * What {@link Localizer} says of the graph recorded for {@code out} where the check found the
   * gradient wrong: the node whose rule is wrong, or, when every rule agrees with its forward, that
   * the gradient leaves out a path the function reads the parameter through. Central differences
   * move a parameter wherever f reads it, the gradient follows only the recorded paths, so a
   * stop-gradient (detach(), a target made from a weight, an Embedding's padding row) differs by
   * design, as PyTorch's gradcheck finds too, and "the derivative is wrong" alone sent the author
   * of a right model to look for a wrong rule. Empty when localize judged no node wrong but
   * could not judge them all, or could not run.
   */
  private static Optional<String> localized(Variable out, GradCheck.Options options) {
    LocalizationReport nodes;
    try {
      nodes = Localizer.localize(out, options);
    } catch (RuntimeException cannotRun) {
      return Optional.empty();
    }
    if (nodes.culprit().isPresent()) {
      LocalizationReport.Node culprit = nodes.culprit().get();
      return Optional.of(String.format(Locale.ROOT, "localize finds the rule of #%d %s wrong"
          + " (GradCheck.localize on the function's output lists it)", culprit.position(),
          culprit.op()));
    }
    if (!nodes.flagged().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("every backward rule agrees with its forward (localize), so the gradient"
        + " leaves out a path through which the function reads the parameter: a stop-gradient"
        + " (detach(), a constant made from its value, an Embedding's padding row) differs from"
        + " the derivative by design; otherwise an op reads it outside the graph");
  }

  /** {@link GradCheck#check(DifferentiableFunction, List, GradCheck.Options)}. */
  static GradCheckReport ofInputs(DifferentiableFunction f, List<Tensor> inputs,
      GradCheck.Options options) {
    checkNotNull(f, "gradCheck: function is null");
    checkNotNull(inputs, "gradCheck: inputs are null");
    EvaluationPoint.requireFinite("gradCheck", inputs);
    return EvaluationPoint.noteWidened(inputs, check("gradCheck", f, inputs, options, true));
  }

  /**
   * {@link #ofInputs} of one recorded node's op, for {@link Localizer}: its forward works on
   * tensors and cannot differentiate inside, so its finite differences are taken without
   * recording a graph (a third of localize's time when they were).
   */
  static GradCheckReport ofNode(DifferentiableFunction f, List<Tensor> inputs,
      GradCheck.Options options) {
    return check("gradCheck", f, inputs, options, false);
  }

  /**
   * {@link #ofInputs}, named {@code op} in its messages; {@code recording}: whether f's
   * evaluations for finite differences record a graph.
   */
  static GradCheckReport check(String op, DifferentiableFunction f, List<Tensor> inputs,
      GradCheck.Options options, boolean recording) {
    checkNotNull(f, "gradCheck: function is null");
    checkNotNull(inputs, "gradCheck: inputs are null");
    checkNotNull(options, "gradCheck: options are null");
    List<Tensor> wide = EvaluationPoint.float64("gradCheck", inputs);
    checkArgument(!wide.isEmpty(), "gradCheck: no inputs to check");
    Probe probe = Probe.of(f, wide, recording);
    List<Variable> leaves = new ArrayList<>();
    for (Tensor x : wide) {
      leaves.add(Variable.parameter(x));
    }
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = checkNotNull(f.apply(leaves), "gradCheck: the function returned null");
    }
    // gradGradCheck's function is the first gradients, which a backward rule can narrow.
    Float64Only.require(op, out, options, op.equals("gradGradCheck"));
    return JacobianComparison.compare("inputs", probe, out, leaves, options);
  }

  /** {@link GradCheck#checkParameters(Supplier, List, GradCheck.Options)}. */
  static GradCheckReport ofParameters(Supplier<Variable> f, List<Variable> parameters,
      GradCheck.Options options) {
    checkNotNull(f, "gradCheck: function is null");
    checkNotNull(parameters, "gradCheck: parameters are null");
    checkNotNull(options, "gradCheck: options are null");
    checkArgument(!parameters.isEmpty(), "gradCheck: no parameters to check");
    Map<Variable, Integer> seen = new IdentityHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      Variable p = checkNotNull(parameters.get(i), "gradCheck: parameter %s is null", i);
      String named = p.name() != null ? " (" + p.name() + " " + p.shape() + ")" : "";
      checkArgument(p.requiresGrad(), "gradCheck: parameter %s%s requires no gradient (a"
          + " constant): list the variables that require one", i, named);
      checkArgument(p.dtype() == DType.FLOAT64, "gradCheck: parameter %s%s is %s; the check"
          + " needs float64 (convert a model with Module.to(DType.FLOAT64))", i, named, p.dtype());
      // Listed twice (a tied weight under each of its paths), the second copy's value would
      // overwrite the first's step, and the difference read 0: a right rule called wrong.
      Integer first = seen.put(p, i);
      checkArgument(first == null, "gradCheck: parameter %s%s is listed twice (first as"
          + " parameter %s); list each once, as Module.parameters() does", i, named, first);
      // Refused by Autograd.withValues too, but in its name, an API the caller never called, and
      // only after f has run once.
      checkArgument(!p.hasUpdateInBackward(), "gradCheck: parameter %s%s is updated in backward"
          + " (an optimizer's updateInBackward()); checkParameters evaluates the function with"
          + " other values in the parameters, where a step would be lost: remove the update (its"
          + " handle's remove()) first", i, named);
      EvaluationPoint.requireFinite("gradCheck", "parameter", i, named, p.value());
    }
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = checkNotNull(f.get(), "gradCheck: the function returned null");
    }
    Float64Only.require("gradCheck", out, options, false);
    Probe probe = Probe.ofParameters(f, parameters);
    GradCheckReport report = JacobianComparison.compare("parameters", probe, out, parameters,
        options);
    Variable worst = parameters.get(report.input());
    if (!report.passed() && worst.hasHooks()) {
      // The engine's gradient is what the hooks return: a gradient reversal or a clipping hook
      // differs from the derivative by design, and the verdict alone sends one to the rules.
      report = report.withNote("the parameter has gradient hooks (registerHook), and the engine's"
          + " value is the gradient they return: a hook that changes it (a reversal, a clip, a"
          + " scale) makes it differ from the function's derivative; check without the hooks");
    }
    if (report.verdict() == Verdict.WRONG_DERIVATIVE && !worst.hasHooks()) {
      report = localized(out, options).map(report::withNote).orElse(report);
    }
    return worst.name() == null ? report
        : report.withInputLabel(worst.name() + " " + worst.shape());
  }
}
