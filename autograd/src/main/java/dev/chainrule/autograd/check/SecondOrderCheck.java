package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DisconnectedGradientException;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.Variables;
import dev.chainrule.autograd.graph.Graphs;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The second-order check behind {@link GradCheck#gradGradCheck}: the first gradients of ⟨v, f⟩,
 * recorded with {@code createGraph}, are checked at first order as a function of the inputs and
 * of v.
 */
final class SecondOrderCheck {
  private SecondOrderCheck() {}

  /** {@link GradCheck#gradGradCheck(DifferentiableFunction, List, GradCheck.Options)}. */
  static GradCheckReport check(DifferentiableFunction f, List<Tensor> inputs,
      GradCheck.Options options) {
    checkNotNull(f, "gradGradCheck: function is null");
    checkNotNull(inputs, "gradGradCheck: inputs are null");
    checkNotNull(options, "gradGradCheck: options are null");
    EvaluationPoint.requireFinite("gradGradCheck", inputs);
    List<Tensor> wide = EvaluationPoint.float64("gradGradCheck", inputs);
    checkArgument(!wide.isEmpty(), "gradGradCheck: no inputs to check");
    Tensor output = Probe.evaluate("gradGradCheck", f, wide);
    // The first gradients are float64 (their variables are) even when f narrows inside: its
    // float32 rounding would then pass for a wrong second derivative, where check refuses it.
    Float64Only.requireOutput("gradGradCheck", output.dtype());
    Shape outShape = output.shape();
    // The first gradients have the inputs' size whatever f's output is: an empty output would
    // give gradients of zeros that agree with themselves, so it is refused here.
    JacobianComparison.checkSomethingToCompare("gradGradCheck", "inputs",
        wide.stream().map(Tensor::shape).toList(), outShape);
    List<Variable> point = wide.stream().map(Variable::parameter).toList();
    Variable recorded;
    try (var scope = Autograd.enableGrad()) {
      recorded = checkNotNull(f.apply(point), "gradGradCheck: the function returned null");
    }
    requireSecondOrder(recorded, point);
    // An output the graph does not connect to the inputs has first gradients of zeros, which
    // agree with themselves to every order: a value computed off the graph
    // (Variable.constant(x.value().square())) passed. Its first derivatives are checked
    // instead, which such a function fails unless it truly is constant.
    if (!recorded.requiresGrad()) {
      GradCheckReport first = FirstOrderCheck.ofInputs(f, inputs, options);
      if (!first.passed()) {
        return first.withNote("gradGradCheck: the function's output is not connected to its"
            + " inputs in the graph (it was computed from their values, off the graph), so its"
            + " gradients are 0 to every order, and its first derivatives "
            + (first.verdict() == GradCheckReport.Verdict.INCONCLUSIVE
                ? "could not be judged already" : "are wrong already"));
      }
    }
    int count = wide.size();
    List<Tensor> withWeights = new ArrayList<>(wide);
    withWeights.add(Tensors.randn(outShape, options.seed() + 17));
    DifferentiableFunction firstGradients = xs -> {
      try (var scope = Autograd.enableGrad()) {
        List<Variable> leaves = new ArrayList<>();
        for (Variable x : xs.subList(0, count)) {
          leaves.add(x.requiresGrad() ? x : Variable.parameter(x.value()));
        }
        Variable weights = xs.get(count);
        Variable out = checkNotNull(f.apply(leaves), "gradGradCheck: the function returned null");
        List<Variable> flat = new ArrayList<>();
        if (!out.requiresGrad()) {
          wide.forEach(x -> flat.add(Variable.constant(Tensors.zeros(x.size()))));
        } else {
          for (Variable g : Gradients.of(List.of(out), leaves, List.of(weights),
              Gradients.Options.creatingGraph().withAllowUnused())) {
            flat.add(g.reshape(-1));
          }
        }
        return Variables.concat(0, flat.toArray(Variable[]::new));
      }
    };
    GradCheckReport report;
    try {
      report = FirstOrderCheck.check("gradGradCheck", firstGradients, withWeights, options, true);
    } catch (DisconnectedGradientException e) {
      report = refused(count, options, e);
    }
    // A rule that computes from constants (Variable.constant(ctx.saved(0))) is right at first
    // order and has a second derivative of exactly 0: "analytical 0.000" alone did not say why.
    if (report.verdict() == GradCheckReport.Verdict.WRONG_DERIVATIVE && report.input() < count
        && report.analytical() == 0 && report.numerical() != 0) {
      report = report.withNote("gradGradCheck: the engine's second derivative is exactly 0"
          + " there; a backward rule that builds its gradient from constants"
          + " (Variable.constant(ctx.saved(i)), an input's value()) instead of from ctx.input(i)"
          + " cuts it off the inputs, so its own derivative is 0: build it from ctx.input(i), or"
          + " declare the op firstOrderOnly()");
    }
    return EvaluationPoint.noteWidened(inputs, report);
  }

  /**
   * Refuses a function with an op declared first-order only on a path from the inputs: its rule
   * runs as the first gradients are recorded, and the derivative in v goes back through it, where
   * the engine's guard threw its own IllegalStateException from inside the check, about "a
   * gradient recorded through it with createGraph", which the caller never asked for. The
   * declaration says there is no second derivative to check: said up front, naming the op. One
   * that only parameters the function reads lead to (a model's weights) is never differentiated
   * here, and is let be, as the engine lets it be.
   */
  private static void requireSecondOrder(Variable out, List<Variable> leaves) {
    if (!out.requiresGrad()) {
      return;
    }
    Set<Variable> fromInputs = Collections.newSetFromMap(new IdentityHashMap<>());
    fromInputs.addAll(leaves);
    for (Variable v : Graphs.dataFlowOrder(out)) {
      if (v.inputs().stream().noneMatch(fromInputs::contains)) {
        continue;
      }
      fromInputs.add(v);
      if (v.opContext().isPresent() && !v.opContext().get().op().supportsHigherOrder()) {
        throw new FirstOrderOnly(String.format(Locale.ROOT, "gradGradCheck: op '%s' is declared"
            + " first-order only (firstOrderOnly()): its backward rule cannot be differentiated"
            + " again, so the function has no second derivatives to check; check its first"
            + " derivatives with GradCheck.check, and declare an OpSpec of it firstOrderOnly()"
            + " too", v.opContext().get().op().name()));
      }
    }
  }

  /**
   * The refusal of {@link #requireSecondOrder}, an IllegalArgumentException to its callers; its
   * own type so that {@link OpSpec#check} can tell it from other exceptions of a second-order
   * case, to which its advice about {@code firstOrderOnly()} does not apply.
   */
  static final class FirstOrderOnly extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    FirstOrderOnly(String message) {
      super(message);
    }
  }

  /**
   * The report of a second-order check whose first gradients the engine refused to record: a
   * user's rule or hook returned a gradient cut off the recorded v, exactly the defect the check
   * exists to report, so it fails with the refusal's message rather than throwing. Nothing was
   * compared, so the values are NaN; the input is v's, whose derivative the cut removes.
   */
  private static GradCheckReport refused(int count, GradCheck.Options options,
      DisconnectedGradientException e) {
    return new GradCheckReport(false, GradCheckReport.Verdict.WRONG_DERIVATIVE, "none", 0, count,
        new int[0], -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, options.eps(),
        options.atol(), options.rtol(), "the engine refused to record the first gradients, so"
        + " no second derivative was compared: " + e.getMessage());
  }
}
