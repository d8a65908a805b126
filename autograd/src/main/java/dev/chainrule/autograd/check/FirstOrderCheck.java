package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.graph.Graphs;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
   * gradient by {@code p} wrong, among the nodes that depend on {@code p}: the node whose rule
   * is wrong, a gradient hook on the way, or, when every rule there agrees with its forward
   * (finite-difference artefacts included), that the gradient leaves out a path the function
   * reads {@code p} through. Central differences move a parameter wherever f reads it, the
   * gradient follows only the recorded paths, so a stop-gradient (detach(), a target made from a
   * weight, an Embedding's padding row) differs by design, as PyTorch's gradcheck finds too, and
   * "the derivative is wrong" alone sent the author of a right model to look for a wrong rule.
   * Localize judges first derivatives, so in a function made of gradients a rule that is right
   * once but not differentiable again looks the same, and the note says so. Empty where a node
   * on the way could not be judged, or localize could not run.
   */
  private static Optional<String> localized(Variable out, Variable p, GradCheck.Options options) {
    LocalizationReport report;
    try {
      report = Localizer.localize(out, options);
    } catch (RuntimeException cannotRun) {
      return Optional.empty();
    }
    Set<Variable> onPath = dependents(out, p);
    List<LocalizationReport.Node> flagged = report.flagged().stream()
        .filter(n -> onPath.contains(n.output())).toList();
    Optional<LocalizationReport.Node> culprit = flagged.stream()
        .filter(n -> n.finding().isWrong()).findFirst();
    if (culprit.isPresent()) {
      return Optional.of(String.format(Locale.ROOT, "localize finds the rule of #%d %s wrong"
          + " (GradCheck.localize on the function's output lists it)", culprit.get().position(),
          culprit.get().op()));
    }
    if (flagged.stream().anyMatch(n -> n.finding() != LocalizationReport.Finding.KINK)) {
      return Optional.empty();
    }
    if (onPath.stream().anyMatch(v -> v != p && v.hasHooks())) {
      return Optional.of("every backward rule agrees with its forward (localize), and a variable"
          + " between the parameter and the output has gradient hooks (registerHook), whose"
          + " return replaces its gradient: a hook that changes it (a reversal, a clip, a scale)"
          + " makes the gradient differ from the derivative; check without the hooks");
    }
    return Optional.of("every backward rule agrees with its forward (localize), so the gradient"
        + " leaves out a path through which the function reads the parameter: a stop-gradient"
        + " (detach(), a constant made from its value, an Embedding's padding row) differs from"
        + " the derivative by design; in a function made of gradients (Gradients.of with"
        + " creatingGraph), so does a rule that is right but not differentiable again (one built"
        + " from constants: gradGradCheck its op); otherwise an op reads it outside the graph");
  }

  /** The variables of {@code out}'s graph that depend on {@code p}, {@code p} included. */
  private static Set<Variable> dependents(Variable out, Variable p) {
    Set<Variable> dependent = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Variable v : Graphs.dataFlowOrder(out)) {
      if (v == p || v.inputs().stream().anyMatch(dependent::contains)) {
        dependent.add(v);
      }
    }
    return dependent;
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
      checkArgument(p.requiresGrad(), "gradCheck: parameter %s%s requires no gradient (%s):"
          + " list the variables that require one", i, named,
          p.isParameter() ? "frozen with requiresGrad(false)" : "a constant");
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
      report = localized(out, worst, options).map(report::withNote).orElse(report);
    }
    return worst.name() == null ? report
        : report.withInputLabel(worst.name() + " " + worst.shape());
  }
}
