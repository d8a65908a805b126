package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.DisconnectedGradientException;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks the engine's gradients against central differences in float64. Small problems compare
 * the full Jacobian element by element; large ones compare random projections ⟨Jᵀv, u⟩ against
 * ⟨v, Ju⟩. A failure is re-examined at a step 100 times smaller, to tell a wrong derivative (the
 * finite differences agree with each other, not with the engine) from a kink or a jump within the
 * step. The function is evaluated once more at the point itself, before any comparison: one that
 * gives a different value there (a random layer in training mode) cannot be judged by finite
 * differences, and its check says so ({@link GradCheckReport.Verdict#NOT_DETERMINISTIC}) rather
 * than blaming the rule. A check whose every value lies within the absolute tolerance, of a
 * function with a slope there, fails as {@link GradCheckReport.Verdict#INCONCLUSIVE} (atol alone
 * passed each comparison, as it would a wrong rule; PyTorch's gradcheck passes it, and why this
 * one does not is said there); one whose central differences are rounding, or exact zeros,
 * passes with a note (the derivative is zero up to rounding, or no input influenced the output).
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
   * @throws IllegalStateException if the engine refuses a backward rule's result (a gradient of
   *     another shape than its input's), naming the op
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
   *     elements, or an output without elements), an input holds a NaN or an infinity (named by
   *     input, position and value: finite differences cannot step from it), the function
   *     computes in float32, or it gives outputs of different shapes at the same inputs
   * @throws NullPointerException if an argument or an input is null, or the function returns null
   * @throws IllegalStateException if the engine refuses a backward rule's result (a gradient of
   *     another shape than its input's), naming the op
   */
  public static GradCheckReport check(DifferentiableFunction f, List<Tensor> inputs,
      Options options) {
    return FirstOrderCheck.ofInputs(f, inputs, options);
  }

  /**
   * Checks the gradient of a function that reads the parameters itself, such as a model's loss
   * {@code () -> loss.compute(model.forward(x), y)}: the engine's ∂f/∂p against central
   * differences taken by giving each parameter moved values ({@link
   * dev.chainrule.autograd.Autograd#withValues}). Each gets its own tensor back afterwards,
   * unchanged (its version too), so a graph the caller recorded through the parameters before the
   * check can still be walked back. The report's input index is the parameter's position in the
   * list.
   *
   * <p>{@code f} runs once recorded, once more at the same values (to tell whether it is
   * deterministic) and twice per comparison's step; state that a run changes, such as the running
   * statistics of a batch normalization in training mode, changes with every run and is not
   * restored. Training-mode outputs that depend only on the batch still check; a random layer in
   * training mode gets {@link GradCheckReport.Verdict#NOT_DETERMINISTIC}.
   *
   * <p>A {@link GradCheckReport.Verdict#WRONG_DERIVATIVE} report's detail ends with what {@link
   * #localize} finds in the graph {@code f} recorded, among the nodes that depend on the reported
   * parameter: the node whose rule is wrong, or that every rule there agrees with its forward, and
   * so a gradient hook on the way, or a path the gradient leaves out (a stop-gradient, wrong only
   * as a derivative), or a rule not differentiable again in a function made of gradients.
   *
   * @param f computes the scalar (or any output) from the parameters it reads
   * @param parameters the float64 parameters to check, which {@code f} reads
   * @param options the check's settings
   * @return the report of the worst comparison
   * @throws IllegalArgumentException if there is nothing to compare (no parameters, none with
   *     an element, or an output without elements), a parameter is not a float64 variable that
   *     requires a gradient, is listed twice, is updated in backward ({@link
   *     Variable#updateInBackward}) or holds a NaN or an infinity, the function computes
   *     in float32, or it gives outputs of different shapes at the same values
   * @throws NullPointerException if an argument or a parameter is null, or f returns null
   */
  public static GradCheckReport checkParameters(Supplier<Variable> f, List<Variable> parameters,
      Options options) {
    return FirstOrderCheck.ofParameters(f, parameters, options);
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
   * kink, a jump or curvature within the step explains is listed as a finite-difference
   * artefact, not as wrong.
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
   *     elements, or an output without elements), an input holds a NaN or an infinity, the
   *     function computes in float32, or an op declared {@code firstOrderOnly()} lies on its way
   *     from the inputs (named: there is no second derivative through it to check)
   * @throws NullPointerException if an argument or an input is null, or the function returns null
   */
  public static GradCheckReport gradGradCheck(DifferentiableFunction f, List<Tensor> inputs,
      Options options) {
    return SecondOrderCheck.check(f, inputs, options);
  }
}
