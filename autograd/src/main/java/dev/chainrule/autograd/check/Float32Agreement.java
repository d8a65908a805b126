package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One case of an op run in float32 against float64: its value and its vector-Jacobian product
 * (for a random cotangent) must be float32 when its inputs are, and agree with float64 on the
 * same values (the float64 run gets the float32 inputs widened, so only the float32 kernels'
 * rounding shows) within
 *
 * <pre>  |r₃₂ − r₆₄| ≤ 1e-4 · max(1, max |r₆₄|)</pre>
 *
 * per result. An op rounds a handful of times at 6e-8 relative; inputs drawn in [−3, 3] and away
 * from poles keep even steep rules (1/x² at |x| ≥ 0.3, exp of sums) far inside 1e-4 of the
 * largest element, while a rule that computes in the wrong type (a float64 constant made inside)
 * or drops a term is off by the type's change or the term itself. The floor of 1 is for results
 * small by cancellation, which round at the inputs' scale (standardize's gradient at eps 1e-5 over
 * a pair, driven by eps, which float32 loses in var + eps, is off by 1e-7 on values of 1e-7); it
 * also means that a float32 path wrong only at values below 1e-4 passes (zeros for an op whose
 * values are 1e-5): such an op is checked on inputs scaled up.
 */
final class Float32Agreement {
  /** The bound on |r₃₂ − r₆₄| / max(1, max |r₆₄|); see the class comment. */
  static final double TOLERANCE = 1e-4;

  private Float32Agreement() {}

  /**
   * The case's agreement: its largest scaled difference, and what failed (empty when none did).
   *
   * @param error the largest |r₃₂ − r₆₄| / max(1, max |r₆₄|) over the value and the gradients
   * @param failure what failed, or empty
   */
  record Result(double error, String failure) {
    boolean passed() {
      return failure.isEmpty();
    }

    @Override
    public String toString() {
      // NaN when no difference was measured (another type, another shape): none is printed.
      String measured = Double.isNaN(error) ? ""
          : String.format(Locale.ROOT, " largest difference %.3g of max(1, |r|),", error);
      return (passed() ? "PASSED" : "FAILED: " + failure)
          + String.format(Locale.ROOT,
              " (float32 against float64,%s bound %.0e)", measured, TOLERANCE);
    }
  }

  private record Run(Tensor value, List<Tensor> gradients) {}

  /** Runs {@code c} in both types, its cotangent drawn from {@code seed}. */
  static Result check(OpCase c, long seed) {
    List<Tensor> narrow = new ArrayList<>();
    List<Tensor> wide = new ArrayList<>();
    for (Tensor x : c.inputs()) {
      narrow.add(x.to(DType.FLOAT32));
      wide.add(x.to(DType.FLOAT32).to(DType.FLOAT64));
    }
    Run r64 = run(c, wide, seed, DType.FLOAT64);
    Run r32 = run(c, narrow, seed, DType.FLOAT32);
    if (r32.value().dtype() != DType.FLOAT32) {
      return new Result(Double.NaN, "the value is " + r32.value().dtype() + " for float32"
          + " inputs: the op computes in a wider type (a float64 constant made inside?)");
    }
    double worst = difference(r64.value(), r32.value());
    String failure = Double.isNaN(worst) ? disagreement("the value", r32.value(), r64.value())
        : "";
    for (int i = 0; i < wide.size(); i++) {
      Tensor g32 = r32.gradients().get(i);
      if (g32.dtype() != DType.FLOAT32) {
        return new Result(Double.NaN, "the gradient of input " + i + " is " + g32.dtype());
      }
      double error = difference(r64.gradients().get(i), g32);
      if (Double.isNaN(error) && failure.isEmpty()) {
        failure = disagreement("the gradient of input " + i, g32, r64.gradients().get(i));
      }
      worst = Double.isNaN(worst) || Double.isNaN(error) ? Double.NaN : Math.max(worst, error);
    }
    return new Result(worst, failure);
  }

  /**
   * Why {@code what} failed: it differs from float64's, or, where both types hold a NaN, it is
   * not finite in either, which the float32 path did not cause. Said as "differs from float64's:
   * float32 tensor([NaN]) against tensor([NaN])", it read as a float32 defect.
   */
  private static String disagreement(String what, Tensor narrow, Tensor wide) {
    if (hasNaN(narrow) && hasNaN(wide)) {
      return what + " is not finite in either type (float32 " + narrow + ", float64 " + wide
          + "): the op's or its rule's doing at this case, not the float32 path's; check()"
          + " examines the rule";
    }
    return what + " differs from float64's: float32 " + narrow + " against " + wide;
  }

  private static boolean hasNaN(Tensor t) {
    return t.ne(t).sum().item() > 0;
  }

  private static Run run(OpCase c, List<Tensor> inputs, long seed, DType dtype) {
    List<Variable> leaves = new ArrayList<>();
    for (Tensor x : inputs) {
      leaves.add(Variable.parameter(x));
    }
    Variable out = c.function().apply(leaves);
    Tensor cotangent = Tensors.randn(out.shape(), Tensors.seeded(seed), dtype);
    List<Tensor> grads = new ArrayList<>();
    for (Variable g : Gradients.of(List.of(out), leaves, List.of(Variable.constant(cotangent)),
        Gradients.Options.defaults().withAllowUnused())) {
      grads.add(g.value());
    }
    return new Run(out.value(), grads);
  }

  /**
   * max |narrow − wide| / max(1, max |wide|) over the finite elements, or NaN when the two are
   * not close by NumPy's rule with that bound (an infinity is close only to the same infinity, a
   * NaN to nothing) or their shapes differ.
   */
  private static double difference(Tensor wide, Tensor narrow) {
    if (!wide.shape().equals(narrow.shape())) {
      return Double.NaN;
    }
    if (wide.size() == 0) {
      return 0;
    }
    Tensor widened = narrow.to(DType.FLOAT64);
    double scale = Math.max(1, wide.map(v -> Double.isFinite(v) ? Math.abs(v) : 0).max().item());
    if (!widened.allClose(wide, 0, TOLERANCE * scale)) {
      return Double.NaN;
    }
    return widened.sub(wide).map(v -> Double.isFinite(v) ? Math.abs(v) : 0).max().item() / scale;
  }
}
