package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DisconnectedGradientException;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Checks the engine's gradients against central differences in float64. Small problems compare
 * the full Jacobian element by element; large ones compare random projections ⟨Jᵀv, u⟩ against
 * ⟨v, Ju⟩. A failure is re-examined at a step 100 times smaller, to tell a wrong derivative (the
 * finite differences agree with each other, not with the engine) from a kink or a jump within the
 * step. The function is evaluated once more at the point itself, before any comparison: one that
 * gives a different value there (a random layer in training mode) cannot be judged by finite
 * differences, and its check says so ({@link GradCheckReport.Verdict#NOT_DETERMINISTIC}) rather
 * than blaming the rule.
 *
 * <p>Always in float64: float32 inputs are widened first (the report's detail says so, since the
 * float32 path then never ran), and a function that computes in float32
 * anyway (a model whose parameters are float32, a {@code to(DType.FLOAT32)} inside) is refused,
 * because float32 rounding (6e-8 relative) divided by the default step swamps the comparison,
 * unless the step and relative tolerance are made for it ({@link Float64Only}). Convert such a
 * model with {@code Module.to(DType.FLOAT64)} to check it.
 */
public final class GradCheck {
  private GradCheck() {}

  /**
   * Settings of a check.
   *
   * @param eps central-difference step; 1e-6 balances truncation (eps²) and rounding (u/eps).
   *     An element x moves by max(eps, 1e-8·|x|) (along a random projection, each element by its
   *     own step): the default step is absolute up to |x| = 100 and grows with |x| beyond, so
   *     that the rounding of x ± step stays below 1e-6 of the step, where an absolute step would
   *     be lost in it (x ± 1e-6 is x itself from |x| ≈ 1e10 on)
   * @param atol absolute tolerance
   * @param rtol relative tolerance: a comparison passes when |a − n| ≤ atol + rtol·max(|a|, |n|)
   * @param fullJacobianLimit compare the full Jacobian when outputs × inputs is at most this
   * @param projections random projections compared above the limit (each averages over every
   *     element, so an error confined to a few elements of a large input shows at about 1/√n of
   *     its size: check rules with special cases on inputs small enough for the full Jacobian)
   * @param seed seed of the random projections and of gradGradCheck's output weights
   */
  public record Options(double eps, double atol, double rtol, int fullJacobianLimit,
      int projections, long seed) {
    /**
     * Checks the settings. An infinite tolerance would pass any gradient and an infinite or NaN
     * step would compare against NaN, so both are refused here rather than misjudged later.
     *
     * @param eps the finite-difference step
     * @param atol the absolute tolerance
     * @param rtol the relative tolerance
     * @param fullJacobianLimit the full Jacobian when outputs × inputs (elements) is at most
     *     this, random projections above
     * @param projections random projections per larger input
     * @param seed the seed of the random projections
     * @throws IllegalArgumentException if eps is not finite and positive, a tolerance is not
     *     finite and non-negative, the limit is negative or projections is not positive
     */
    public Options {
      checkArgument(Double.isFinite(eps) && eps > 0,
          "GradCheck.Options: eps must be finite and > 0, got %s", eps);
      checkArgument(Double.isFinite(atol) && atol >= 0,
          "GradCheck.Options: atol must be finite and >= 0, got %s", atol);
      checkArgument(Double.isFinite(rtol) && rtol >= 0,
          "GradCheck.Options: rtol must be finite and >= 0, got %s", rtol);
      checkArgument(fullJacobianLimit >= 0,
          "GradCheck.Options: fullJacobianLimit must be >= 0, got %s", fullJacobianLimit);
      checkArgument(projections > 0,
          "GradCheck.Options: projections must be > 0, got %s", projections);
    }

    /**
     * The default options.
     *
     * @return the default options
     */
    public static Options defaults() {
      return new Options(1e-6, 1e-6, 1e-5, 4096, 3, 0L);
    }

    /**
     * The options with other tolerances.
     *
     * @param newAtol the absolute tolerance
     * @param newRtol the relative tolerance
     * @return a copy with this setting
     * @throws IllegalArgumentException if a tolerance is negative, infinite or NaN
     */
    public Options withTolerances(double newAtol, double newRtol) {
      return new Options(eps, newAtol, newRtol, fullJacobianLimit, projections, seed);
    }

    /**
     * The options with another finite-difference step.
     *
     * @param newEps the finite-difference step
     * @return a copy with this setting
     * @throws IllegalArgumentException if the step is not positive, infinite or NaN
     */
    public Options withEps(double newEps) {
      return new Options(newEps, atol, rtol, fullJacobianLimit, projections, seed);
    }

    /**
     * The options with another size limit for full Jacobians.
     *
     * @param limit a check whose outputs × inputs (elements) is at most this compares the full
     *     Jacobian, element by element; a larger one compares random projections
     * @return a copy with this setting
     * @throws IllegalArgumentException if the limit is negative
     */
    public Options withFullJacobianLimit(int limit) {
      return new Options(eps, atol, rtol, limit, projections, seed);
    }

    /**
     * The options with another seed.
     *
     * @param newSeed the seed of the random projections
     * @return a copy with this setting
     */
    public Options withSeed(long newSeed) {
      return new Options(eps, atol, rtol, fullJacobianLimit, projections, newSeed);
    }
  }

  /**
   * Checks every input's gradient with the default options.
   *
   * @param f the function to check, of the inputs as variables
   * @param inputs the inputs, in order
   * @return the report: pass or fail, the worst element, both values and the errors
   * @throws IllegalArgumentException if there is nothing to compare (no inputs, no input
   *     elements, or an output without elements) or the function computes in float32
   * @throws NullPointerException if an argument or an input is null, or the function returns null
   */
  public static GradCheckReport check(DifferentiableFunction f, List<Tensor> inputs) {
    return check(f, inputs, Options.defaults());
  }

  /**
   * Checks the gradient of {@code f} with respect to every input. Float32 inputs are widened to
   * float64 (exactly), and the report's detail names them: a pass then says nothing of the
   * float32 path, which {@link OpSpec#checkFloat32} compares with float64.
   *
   * @param f the function to check, of the inputs as variables
   * @param inputs the inputs, in order
   * @param options step, tolerances and seed
   * @return the report: pass or fail, the worst element, both values and the errors
   * @throws IllegalArgumentException if there is nothing to compare (no inputs, no input
   *     elements, or an output without elements), the function computes in float32, or it gives
   *     outputs of different shapes at the same inputs
   * @throws NullPointerException if an argument or an input is null, or the function returns null
   */
  public static GradCheckReport check(DifferentiableFunction f, List<Tensor> inputs,
      Options options) {
    return noteWidened(inputs, check("gradCheck", f, inputs, options, true));
  }

  /**
   * {@link #check(DifferentiableFunction, List, Options)} of one recorded node's op, for {@link
   * Localizer}: its forward works on tensors and cannot differentiate inside, so its finite
   * differences are taken without recording a graph (a third of localize's time when they were).
   */
  static GradCheckReport checkNode(DifferentiableFunction f, List<Tensor> inputs,
      Options options) {
    return check("gradCheck", f, inputs, options, false);
  }

  /**
   * {@link #check(DifferentiableFunction, List, Options)}, named {@code op} in its messages;
   * {@code recording}: whether f's evaluations for finite differences record a graph.
   */
  private static GradCheckReport check(String op, DifferentiableFunction f, List<Tensor> inputs,
      Options options, boolean recording) {
    checkNotNull(f, "gradCheck: function is null");
    checkNotNull(inputs, "gradCheck: inputs are null");
    checkNotNull(options, "gradCheck: options are null");
    List<Tensor> wide = float64("gradCheck", inputs);
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
    Float64Only.require(op, out, options);
    return JacobianComparison.compare("inputs", probe, out, leaves, options);
  }

  /**
   * Checks the gradient of a function that reads the parameters itself, such as a model's loss
   * {@code () -> loss.compute(model.forward(x), y)}: the engine's ∂f/∂p against central
   * differences taken by moving each parameter's value in place. The values are restored bitwise
   * afterwards; a graph the caller retained through them cannot be walked again (their versions
   * moved on). The report's input index is the parameter's position in the list.
   *
   * <p>{@code f} runs once recorded, once more at the same values (to tell whether it is
   * deterministic) and twice per comparison's step; state that a run changes, such as the running
   * statistics of a batch normalization in training mode, changes with every run and is not
   * restored. Training-mode outputs that depend only on the batch still check; a random layer in
   * training mode gets {@link GradCheckReport.Verdict#NOT_DETERMINISTIC}.
   *
   * @param f computes the scalar (or any output) from the parameters it reads
   * @param parameters the float64 parameters to check, which {@code f} reads
   * @param options the check's settings
   * @return the report of the worst comparison
   * @throws IllegalArgumentException if there is nothing to compare (no parameters, none with
   *     an element, or an output without elements), a parameter is not a float64 variable that
   *     requires a gradient or is listed twice, the function computes in float32, or it gives
   *     outputs of different shapes at the same values
   * @throws NullPointerException if an argument or a parameter is null, or f returns null
   */
  public static GradCheckReport checkParameters(Supplier<Variable> f, List<Variable> parameters,
      Options options) {
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
    }
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = checkNotNull(f.get(), "gradCheck: the function returned null");
    }
    Float64Only.require("gradCheck", out, options);
    Probe probe = Probe.ofParameters(f, parameters);
    try {
      GradCheckReport report = JacobianComparison.compare("parameters", probe, out, parameters,
          options);
      Variable worst = parameters.get(report.input());
      return worst.name() == null ? report
          : report.withInputLabel(worst.name() + " " + worst.shape());
    } finally {
      probe.restore(parameters);
    }
  }

  /**
   * {@link #checkParameters(Supplier, List, Options)} with the default options.
   *
   * @param f computes the scalar (or any output) from the parameters it reads
   * @param parameters the float64 parameters to check, which {@code f} reads
   * @return the report of the worst comparison
   * @throws IllegalArgumentException as {@link #checkParameters(Supplier, List, Options)} does
   * @throws NullPointerException as {@link #checkParameters(Supplier, List, Options)} does
   */
  public static GradCheckReport checkParameters(Supplier<Variable> f, List<Variable> parameters) {
    return checkParameters(f, parameters, Options.defaults());
  }

  /**
   * Finds the op whose backward rule is wrong: checks every node of the graph recorded for
   * {@code output}, each on its own, at the values it saw. A node's op is run again on those
   * values (the inputs that needed no gradient held fixed) and its rule's vector-Jacobian
   * products are compared with central differences of its forward, by the full Jacobian or random
   * projections as {@link #check} does, in float64 (a float32 graph's values are widened). The
   * report lists the nodes that fail in topological order from the inputs, with the op, its input
   * shapes, the worst element and both values, and where the node was created when the graph was
   * recorded inside {@link dev.chainrule.autograd.Autograd#recordCreationSites()}; a failure that a
   * kink within the step explains is listed as a kink, not as wrong.
   *
   * <p>The graph must still be recorded: call it before {@code backward}, or after a backward
   * that retained the graph. An op whose forward is not a function of its inputs alone (one that
   * draws random numbers) is listed as not checked.
   *
   * @param output a variable computed by recorded ops, of any shape
   * @return the nodes that fail, the first wrong one being the culprit
   */
  public static LocalizationReport localize(Variable output) {
    return localize(output, Options.defaults());
  }

  /**
   * {@link #localize(Variable)} with other options; a built-in op whose row declares options of
   * its own (a step its float32 round trip needs) keeps them. The node at position n (counted
   * from 0 at the inputs) is checked with seed {@code options.seed() + n}, so that nodes draw
   * independent random projections and {@link #check} of that node's op alone, with that seed,
   * gives the same numbers.
   *
   * @param output a variable computed by recorded ops, of any shape
   * @param options the step, tolerances, projection count and seed of each node's check
   * @return the nodes that fail, the first wrong one being the culprit
   */
  public static LocalizationReport localize(Variable output, Options options) {
    return Localizer.localize(output, options);
  }

  /**
   * Checks second derivatives: the gradient of ⟨v, f⟩ (for a random v), computed with
   * {@code createGraph}, is itself gradient-checked with respect to the inputs and to v.
   *
   * @param f the function to check, of the inputs as variables
   * @param inputs the inputs, in order
   * @return the report: pass or fail, the worst element, both values and the errors
   * @throws IllegalArgumentException as {@link #gradGradCheck(DifferentiableFunction, List,
   *     Options)} does
   * @throws NullPointerException as {@link #gradGradCheck(DifferentiableFunction, List,
   *     Options)} does
   */
  public static GradCheckReport gradGradCheck(DifferentiableFunction f, List<Tensor> inputs) {
    return gradGradCheck(f, inputs, Options.defaults());
  }

  /** Whether {@code f} of parameters made from {@code inputs} returns a variable of the graph. */
  private static boolean recordsOutput(DifferentiableFunction f, List<Tensor> inputs) {
    try (var scope = Autograd.enableGrad()) {
      List<Variable> leaves = inputs.stream().map(Variable::parameter).toList();
      return checkNotNull(f.apply(leaves), "gradGradCheck: the function returned null")
          .requiresGrad();
    }
  }

  /**
   * Checks second derivatives: the first gradients of ⟨v, f⟩, for a random v, computed with
   * {@code createGraph}, are themselves gradient-checked, with respect to the inputs and to v,
   * as PyTorch's gradgradcheck does. The derivative with respect to v is the one that catches a
   * backward rule that uses its incoming gradient's value but cuts it off the graph: its first
   * derivatives are right, and so is the part of its second derivatives through the inputs, but
   * Hessian-vector products and forward-mode products through it are wrong. (A user's rule or
   * gradient hook whose result does not depend on g in the graph at all, {@code
   * Variable.constant(g.value())}, is refused by the engine as it records the first gradients,
   * with a {@link DisconnectedGradientException}: the report then fails as {@link
   * GradCheckReport.Verdict#WRONG_DERIVATIVE} of v, method {@code "none"}, no comparison made and
   * NaN values, with the refusal's message as its detail.) The report's input {@code
   * inputs.size()}, one past the last, is v; float32 inputs are widened, and the report says so.
   *
   * @param f the function to check, of the inputs as variables
   * @param inputs the inputs, in order
   * @param options step, tolerances and seed
   * @return the report: pass or fail, the worst element, both values and the errors
   * @throws IllegalArgumentException if there is nothing to compare (no inputs, no input
   *     elements, or an output without elements) or the function computes in float32
   * @throws NullPointerException if an argument or an input is null, or the function returns null
   */
  public static GradCheckReport gradGradCheck(DifferentiableFunction f, List<Tensor> inputs,
      Options options) {
    checkNotNull(f, "gradGradCheck: function is null");
    checkNotNull(inputs, "gradGradCheck: inputs are null");
    checkNotNull(options, "gradGradCheck: options are null");
    List<Tensor> wide = float64("gradGradCheck", inputs);
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
    // An output the graph does not connect to the inputs has first gradients of zeros, which
    // agree with themselves to every order: a value computed off the graph
    // (Variable.constant(x.value().square())) passed. Its first derivatives are checked
    // instead, which such a function fails unless it truly is constant.
    if (!recordsOutput(f, wide)) {
      GradCheckReport first = check(f, inputs, options);
      if (!first.passed()) {
        return first.withNote("gradGradCheck: the function's output is not connected to its"
            + " inputs in the graph (it was computed from their values, off the graph), so its"
            + " gradients are 0 to every order, and its first derivatives are wrong already");
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
        return Variable.concat(0, flat.toArray(Variable[]::new));
      }
    };
    GradCheckReport report;
    try {
      report = check("gradGradCheck", firstGradients, withWeights, options, true);
    } catch (DisconnectedGradientException e) {
      report = refused(count, options, e);
    }
    return noteWidened(inputs, report);
  }

  /**
   * The report of a second-order check whose first gradients the engine refused to record: a
   * user's rule or hook returned a gradient cut off the recorded v, exactly the defect the check
   * exists to report, so it fails with the refusal's message rather than throwing. Nothing was
   * compared, so the values are NaN; the input is v's, whose derivative the cut removes.
   */
  private static GradCheckReport refused(int count, Options options,
      DisconnectedGradientException e) {
    return new GradCheckReport(false, GradCheckReport.Verdict.WRONG_DERIVATIVE, "none", 0, count,
        new int[0], -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, options.eps(),
        options.atol(), options.rtol(), "the engine refused to record the first gradients, so"
        + " no second derivative was compared: " + e.getMessage());
  }

  /**
   * {@code report}, saying which of {@code inputs} were float32 and were checked in float64: a
   * pass then says nothing of the float32 path, which the caller may have meant to check (a
   * float32 model's parameters), while {@link #checkParameters}, which cannot widen what the
   * function reads, refuses them.
   */
  private static GradCheckReport noteWidened(List<Tensor> inputs, GradCheckReport report) {
    StringJoiner narrow = new StringJoiner(", ");
    int count = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).dtype() == DType.FLOAT32) {
        narrow.add(Integer.toString(i));
        count++;
      }
    }
    if (count == 0) {
      return report;
    }
    String which = (count == 1 ? "input " : "inputs ") + narrow + (count == 1 ? " was" : " were");
    return report.withNote(which + " float32, checked in float64 (widened exactly): the rule is"
        + " checked, not the float32 path, which OpSpec.checkFloat32 compares with float64");
  }

  /**
   * The inputs in float64, as copies: float32 values widen exactly, and a function that changes
   * its input in place changes the check's copy, never the caller's tensor (it did, and the
   * check then went on from the changed values).
   */
  private static List<Tensor> float64(String op, List<Tensor> inputs) {
    List<Tensor> wide = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      Tensor input = checkNotNull(inputs.get(i), "%s: input %s is null", op, i);
      wide.add(input.dtype() == DType.FLOAT64 ? input.copy() : input.to(DType.FLOAT64));
    }
    return wide;
  }

}
