package dev.chainrule.autograd.check;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a gradient check found: whether it passed and, for the worst comparison, where it was, the
 * two values, their errors and the tolerances used. When it failed, {@link #verdict()} says
 * whether the derivative is wrong, finite differences were fooled by a kink or a jump, a value was
 * not finite, the function did not give the same value twice at the same point, or the
 * comparisons could not judge the derivative at all ({@link Verdict#INCONCLUSIVE}).
 *
 * @param passed every comparison was within tolerance, and every input whose values all lie
 *     within the absolute tolerance was judged otherwise (against rounding, or as zero up to
 *     it), not let through by atol alone ({@link Verdict#INCONCLUSIVE})
 * @param verdict the diagnosis of the worst comparison
 * @param method {@code "full Jacobian"} or {@code "random projection"}; {@code "none"} when the
 *     engine refused a user's rule before anything was compared ({@link
 *     GradCheck#gradGradCheck}), where the values and errors are NaN
 * @param comparisons how many analytical-numerical pairs were compared
 * @param input which input the worst comparison perturbed
 * @param inputIndex the element of that input (empty for a projection)
 * @param outputIndex the flat output element (−1 for a projection, or for an input element
 *     compared against the outputs weighted, as a rule not linear in g is reported)
 * @param analytical the engine's value
 * @param numerical the central-difference value
 * @param absError |analytical − numerical|
 * @param relError |a − n| / max(|a|, |n|), 0 when both are 0
 * @param eps the finite-difference step (at least 1e-8·|x| at each element x; see
 *     {@link GradCheck.Options})
 * @param atol absolute tolerance
 * @param rtol relative tolerance
 * @param detail how the verdict was reached; for a pass, empty unless there is a note: only the
 *     absolute tolerance let the worst comparison pass, an input's values all within atol were
 *     judged against rounding or found zero up to it, or only zeros were compared (no input
 *     influenced the output); either way it ends with a note when float32 inputs were checked
 *     in float64. {@link SpecReport} counts the passes with a note and shows the first
 * @param inputLabel what that input is, where the check knows: a named parameter's name and
 *     shape ({@code "0.weight [3, 2]"}) in {@link GradCheck#checkParameters}; empty otherwise
 */
public record GradCheckReport(
    boolean passed, Verdict verdict, String method, int comparisons, int input, int[] inputIndex,
    int outputIndex, double analytical, double numerical, double absError, double relError,
    double eps, double atol, double rtol, String detail, String inputLabel) {

  /**
   * A null label is none.
   *
   * @param passed every comparison was within tolerance
   * @param verdict the diagnosis of the worst comparison
   * @param method {@code "full Jacobian"}, {@code "random projection"} or {@code "none"}
   * @param comparisons how many analytical-numerical pairs were compared
   * @param input which input the worst comparison perturbed
   * @param inputIndex the element of that input (empty for a projection)
   * @param outputIndex the flat output element (−1 for a projection, or for an input element
   *     compared against the outputs weighted, as a rule not linear in g is reported)
   * @param analytical the engine's value
   * @param numerical the central-difference value
   * @param absError |analytical − numerical|
   * @param relError |a − n| / max(|a|, |n|), 0 when both are 0
   * @param eps the finite-difference step
   * @param atol absolute tolerance
   * @param rtol relative tolerance
   * @param detail how the verdict was reached
   * @param inputLabel what that input is, or null or empty where the check does not know
   */
  public GradCheckReport {
    inputLabel = inputLabel == null ? "" : inputLabel;
  }

  /**
   * A report whose input has no label.
   *
   * @param passed every comparison was within tolerance
   * @param verdict the diagnosis of the worst comparison
   * @param method {@code "full Jacobian"}, {@code "random projection"} or {@code "none"}
   * @param comparisons how many analytical-numerical pairs were compared
   * @param input which input the worst comparison perturbed
   * @param inputIndex the element of that input (empty for a projection)
   * @param outputIndex the flat output element (−1 for a projection, or for an input element
   *     compared against the outputs weighted, as a rule not linear in g is reported)
   * @param analytical the engine's value
   * @param numerical the central-difference value
   * @param absError |analytical − numerical|
   * @param relError |a − n| / max(|a|, |n|), 0 when both are 0
   * @param eps the finite-difference step
   * @param atol absolute tolerance
   * @param rtol relative tolerance
   * @param detail how the verdict was reached
   */
  public GradCheckReport(boolean passed, Verdict verdict, String method, int comparisons,
      int input, int[] inputIndex, int outputIndex, double analytical, double numerical,
      double absError, double relError, double eps, double atol, double rtol, String detail) {
    this(passed, verdict, method, comparisons, input, inputIndex, outputIndex, analytical,
        numerical, absError, relError, eps, atol, rtol, detail, "");
  }

  /** The diagnosis of a gradient check. */
  public enum Verdict {
    /** Every comparison was within tolerance. */
    PASSED,
    /**
     * The finite differences disagree with the engine at every step tried and no kink or jump
     * explains it; {@link #detail()} says whether they agreed with each other across steps (the
     * usual case) or did not settle.
     */
    WRONG_DERIVATIVE,
    /**
     * A kink or discontinuity within the step fooled the finite differences, or the function
     * curves too much over it (their error then falls a hundredfold per tenfold smaller step);
     * at a kink, the engine's value lies between the one-sided slopes, where a subgradient's
     * does. {@link #detail()} says which.
     */
    FINITE_DIFFERENCE_ARTEFACT,
    /**
     * The function's value, the engine's gradient or the central difference was infinite or NaN
     * (a point outside the function's domain or at its edge, a step that leaves the domain, or
     * an overflow): not a verdict on the derivative; {@link #detail()} says which value.
     */
    NOT_FINITE,
    /**
     * The function gave different values when evaluated twice at the same point (it draws random
     * numbers, as Dropout does in training mode, or reads state its evaluations change), so its
     * central differences compare different functions: not a verdict on the derivative;
     * {@link #detail()} names the output element and both values. The comparisons are made and
     * reported all the same, and the check does not pass.
     */
    NOT_DETERMINISTIC,
    /**
     * The check could not judge the derivative, and says why in {@link #detail()}; it does not
     * pass, though nothing is known to be wrong. Either every value compared for an input, the
     * engine's and the central differences' alike, was within the absolute tolerance, so atol
     * alone passed each comparison, as it would a rule off by a factor of 2 or of the wrong sign,
     * and neither f's rounding nor a smaller step could judge them otherwise (the detail gives
     * the largest value and asks for an atol below it or a point where the gradients are
     * larger); or a comparison failed, its central differences scatter more the smaller the
     * step, as rounding in the function's values makes them, and at two larger steps they agree
     * with the engine, which rounding (a right rule) and a real variation finer than those steps
     * that the rule leaves out (a wrong one) explain alike; or the function's value did not change
     * at all at the two smaller steps (rounded, or constant at that scale) while the engine's
     * derivative is not 0.
     *
     * <p>PyTorch's gradcheck passes such a check (and JAX's check_grads); here it fails because a
     * pass is read as "the rule is right" (an {@code assertTrue(report.passed())}, a spec's
     * count), and a pass that could not have failed is the worst outcome a check can give, while
     * a failure that names its reason costs one more run with other settings. Values within atol
     * that f's rounding is fine enough to judge are judged so, and central differences that are
     * rounding (exactly 0, or not holding at a step 100 times smaller) with the engine's values
     * below them are zero up to rounding, as softmax(x).sum()'s are; those checks pass with a
     * note ({@link #detail()}), as do exact zeros (a function that ignores its inputs).
     */
    INCONCLUSIVE
  }

  /**
   * The relative error where the values are large enough for it to mean something (either at
   * least 1e-6), the absolute error otherwise: |a − n| / max(|a|, |n|) of two numbers near 1e-12
   * is rounding noise. The measure by which {@link SpecReport} picks its worst case.
   *
   * @return the relative or the absolute error
   */
  public double significantError() {
    return Math.max(Math.abs(analytical), Math.abs(numerical)) >= 1e-6 ? relError : absError;
  }

  /** This report with {@code note} after its detail. */
  GradCheckReport withNote(String note) {
    return new GradCheckReport(passed, verdict, method, comparisons, input, inputIndex,
        outputIndex, analytical, numerical, absError, relError, eps, atol, rtol,
        detail.isEmpty() ? note : detail + "; " + note, inputLabel);
  }

  /** This report with {@code label} saying what its input is. */
  GradCheckReport withInputLabel(String label) {
    return new GradCheckReport(passed, verdict, method, comparisons, input, inputIndex,
        outputIndex, analytical, numerical, absError, relError, eps, atol, rtol, detail, label);
  }

  @Override
  public String toString() {
    // "input 0" alone sends a reader counting through a model's parameter list.
    String which = inputLabel.isEmpty() ? "input " + input
        : "input " + input + " (" + inputLabel + ")";
    if (comparisons == 0 && "none".equals(method)) {
      // Nothing was compared (the engine refused the rule first): no worst element to show.
      return String.format(Locale.ROOT,
          "%s (%s, 0 comparisons) at %s; %s", verdict, method, which, detail);
    }
    // An element against the outputs weighted is Linearity's, whose detail says how.
    String where = outputIndex >= 0
        ? String.format(Locale.ROOT,
            "%s at %s, output element %d", which, Arrays.toString(inputIndex),
            outputIndex)
        : inputIndex.length > 0
            ? String.format(Locale.ROOT,
                "%s at %s, the outputs weighted", which, Arrays.toString(inputIndex))
            : String.format(Locale.ROOT, "%s (projection)", which);
    return String.format(Locale.ROOT, 
        "%s (%s, %d comparisons); worst: %s: analytical %.10g, numerical %.10g, abs error %.3g,"
            + " rel error %.3g (eps %.1g, atol %.1g, rtol %.1g)%s",
        verdict, method, comparisons, where, analytical, numerical, absError, relError, eps,
        atol, rtol, detail.isEmpty() ? "" : "; " + detail);
  }
}
