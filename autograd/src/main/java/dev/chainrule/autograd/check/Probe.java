package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Evaluates a function at inputs moved along a direction. Each evaluation records a graph that is
 * then dropped: finite differences of a function that differentiates inside need one.
 */
final class Probe {
  /**
   * The smallest step, relative to the value stepped from. An absolute step falls below the
   * rounding of large values: x ± 1e-6 is x itself from |x| ≈ 1e10 on, and off the intended step
   * by u·|x| / 1e-6 (1 % at 1e8) long before, as is the change of x² there. At 1e-8·|x|, even the
   * diagnosis's step 100 times smaller lands within u / 1e-10 ≈ 1e-6 of its intended size (a
   * tenth of the default rtol). It binds only above |x| = 100 at the default step, and it stays
   * far below a fully relative step (eps·|x|, as SciPy takes it), whose truncation error
   * (eps·|x|)² fails smooth functions of ordinary curvature (sin at 1e4) that an absolute step
   * checks.
   */
  static final double RELATIVE_FLOOR = 1e-8;

  private final Function<List<Tensor>, Tensor> evaluator;
  private final Supplier<Tensor> unmoved;
  private final Differentiator differentiator;
  private final List<Tensor> inputs;

  private Probe(Function<List<Tensor>, Tensor> evaluator, Supplier<Tensor> unmoved,
      Differentiator differentiator, List<Tensor> inputs) {
    this.evaluator = evaluator;
    this.unmoved = unmoved;
    this.differentiator = differentiator;
    this.inputs = List.copyOf(inputs);
  }

  /** f at given input values, and the engine's gradients of ⟨w, f⟩ there. */
  @FunctionalInterface
  private interface Differentiator {
    Sample at(List<Tensor> values, Tensor weights, int input, Tensor direction);
  }

  /**
   * Probes a function of its inputs; {@code recording}: whether each evaluation records a graph
   * ({@link #evaluate}), which only a function that differentiates inside needs.
   */
  static Probe of(DifferentiableFunction f, List<Tensor> inputs, boolean recording) {
    List<Tensor> point = List.copyOf(inputs);
    Differentiator differentiator = (values, weights, input, direction) -> {
      List<Variable> leaves = values.stream().map(Variable::parameter).toList();
      try (var scope = Autograd.enableGrad()) {
        Variable out = checkNotNull(f.apply(leaves), "gradCheck: the function returned null");
        return Sample.of(out, leaves, weights, input, direction);
      }
    };
    return new Probe(values -> evaluate("gradCheck", f, values, recording),
        () -> evaluate("gradCheck", f, point, recording), differentiator, point);
  }

  /**
   * Probes a function that reads the parameters itself, evaluating it with the parameters
   * holding the moved values ({@link Autograd#withValues}), which gives each its own tensor back
   * after every evaluation. Those are never changed, their versions neither: a graph the caller
   * recorded through them before the check can still be walked back (moved in place, they were
   * refused by its backward as "modified in place after the forward pass").
   */
  static Probe ofParameters(Supplier<Variable> f, List<Variable> parameters) {
    List<Tensor> originals = parameters.stream().map(Variable::value).toList();
    Supplier<Tensor> evaluate = () -> {
      try (var scope = Autograd.enableGrad()) {
        return checkNotNull(f.get(), "gradCheck: the function returned null").value();
      }
    };
    Differentiator differentiator = (values, weights, input, direction) ->
        Autograd.withValues(parameters, values, () -> {
          try (var scope = Autograd.enableGrad()) {
            Variable out = checkNotNull(f.get(), "gradCheck: the function returned null");
            return Sample.of(out, parameters, weights, input, direction);
          }
        });
    return new Probe(values -> Autograd.withValues(parameters, values, evaluate), evaluate,
        differentiator, originals);
  }

  Shape shape(int input) {
    return inputs.get(input).shape();
  }

  /**
   * f at the inputs, as parameters with a graph recorded (and dropped), as the engine's own
   * evaluation sees them: a function that takes a gradient inside (a gradient penalty, an inner
   * step) needs both, and under {@code noGrad} with constant inputs it was refused by its own
   * {@code Gradients.of}, whose message blamed the caller. PyTorch's {@code gradcheck} evaluates
   * with grad mode on too. {@code op} names the caller in the error for a null.
   */
  static Tensor evaluate(String op, DifferentiableFunction f, List<Tensor> inputs) {
    return evaluate(op, f, inputs, true);
  }

  /**
   * {@link #evaluate(String, DifferentiableFunction, List)}, or without recording (constant
   * inputs, under {@code noGrad}) for a function known not to differentiate inside: one node's
   * op, whose forward works on tensors.
   */
  static Tensor evaluate(String op, DifferentiableFunction f, List<Tensor> inputs,
      boolean recording) {
    List<Variable> arguments = new ArrayList<>();
    for (Tensor x : inputs) {
      arguments.add(recording ? Variable.parameter(x) : Variable.constant(x));
    }
    try (var scope = recording ? Autograd.enableGrad() : Autograd.noGrad()) {
      return checkNotNull(f.apply(arguments), "%s: the function returned null", op).value();
    }
  }

  /** f at the point itself, nothing moved: for telling whether f gives the same value again. */
  Tensor atPoint() {
    return unmoved.get();
  }

  /** Input {@code i}'s step at each element: max(eps, 1e-8·|x|) ({@link #RELATIVE_FLOOR}). */
  Tensor steps(int i, double eps) {
    // An infinite element (a −∞ mask's score) stays itself at any step; a relative step there
    // would be ∞, and x + ∞·d NaN.
    return inputs.get(i).map(x -> Double.isFinite(x) ? Math.max(eps, RELATIVE_FLOOR * Math.abs(x))
        : eps);
  }

  /** f with input {@code i} replaced by x + t·direction. */
  Tensor outputAt(int i, Tensor direction, double t) {
    return evaluator.apply(moved(i, direction, t));
  }

  /** The inputs with input {@code i} replaced by x + t·direction. */
  private List<Tensor> moved(int i, Tensor direction, double t) {
    List<Tensor> moved = new ArrayList<>(inputs);
    moved.set(i, inputs.get(i).add(direction.mul(t)));
    return moved;
  }

  /**
   * f at x + t·d, with input {@code i} moved along {@code direction}, and the engine's slope
   * ⟨w, J·d⟩ there: a forward and a backward pass of a graph recorded at the moved point.
   */
  Sample sample(int i, Tensor direction, Tensor weights, double t) {
    return differentiator.at(moved(i, direction, t), weights, i, direction);
  }

  /**
   * f's value at a point and the engine's slope of ⟨w, f⟩ there along a direction.
   *
   * @param output f at the point
   * @param slope ⟨w, J·d⟩ as the engine computes it
   */
  record Sample(Tensor output, double slope) {
    static Sample of(Variable out, List<Variable> leaves, Tensor weights, int input,
        Tensor direction) {
      Tensor gradient = JacobianComparison.gradients(out, leaves, weights).get(input);
      return new Sample(out.value(), gradient.mul(direction).sum().item());
    }
  }

  /**
   * Central difference of ⟨w, f⟩ along d: ⟨w, f(x + h·d) − f(x − h·d)⟩ / 2h, and whether every
   * element of {@code at} (f at the point, or null for none) that is infinite holds the same value
   * at both steps (a −∞ mask's element). The two outputs are subtracted before they are weighted
   * and summed: the difference of two sums of many large terms keeps only the digits the sums'
   * rounding left, while the sum of the small differences keeps them all. A step of 1e-8, which
   * steps over a kink the step 1e-6 straddles, needs them.
   */
  Directional directional(int i, Tensor direction, Tensor weights, double h, Tensor at) {
    Tensor plus = outputAt(i, direction, h);
    Tensor minus = outputAt(i, direction, -h);
    double slope = change(plus, minus).mul(weights).sum().item() / (2 * h);
    return new Directional(slope, at == null || held(at, plus, minus));
  }

  /**
   * A central difference and whether f's infinite elements at the point held there.
   *
   * @param slope ⟨w, f(x + h·d) − f(x − h·d)⟩ / 2h
   * @param infinitiesHeld whether every element infinite at the point is the same at both steps
   */
  record Directional(double slope, boolean infinitiesHeld) {}

  /**
   * Whether every infinite element of {@code at} has its value in {@code plus} and {@code minus}.
   */
  private static boolean held(Tensor at, Tensor plus, Tensor minus) {
    double[] a = at.toArray();
    double[] p = plus.toArray();
    double[] m = minus.toArray();
    for (int j = 0; j < a.length; j++) {
      if (Double.isInfinite(a[j]) && (p[j] != a[j] || m[j] != a[j])) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a central difference divides by 2h: the change ⟨w, f(x + h·d) − f(x − h·d)⟩, subtracted
   * first as in {@link #directional}, and the size ⟨|w|, |f(x + h·d)| + |f(x − h·d)|⟩ of the
   * values it came from, against which rounding is judged.
   */
  Difference difference(int i, Tensor direction, Tensor weights, double h) {
    return Difference.of(outputAt(i, direction, h), outputAt(i, direction, -h), weights);
  }

  /**
   * The change of ⟨w, f⟩ across a step and the size of the values it was computed from.
   *
   * @param change ⟨w, f(x + h·d) − f(x − h·d)⟩
   * @param size ⟨|w|, |f(x + h·d)| + |f(x − h·d)|⟩
   * @param unit the unit roundoff of the output's type (2⁻⁵³ for float64, 2⁻²⁴ for float32)
   */
  record Difference(double change, double size, double unit) {
    /** ⟨w, plus − minus⟩, subtracted before it is weighted, and the size of plus and minus. */
    static Difference of(Tensor plus, Tensor minus, Tensor weights) {
      double change = Probe.change(plus, minus).mul(weights).sum().item();
      // An element infinite at both ends changed by 0 (change) and has no rounding to judge.
      double size = finite(plus.abs().add(minus.abs())).mul(weights.abs()).sum().item();
      // A float32 output (a cast back at the end keeps float32's rounding, but not its type).
      double unit = Math.max(Rounding.unit(plus.dtype()), Rounding.unit(minus.dtype()));
      return new Difference(change, size, unit);
    }
  }

  /**
   * after − before, elementwise, with 0 where the two are equal: an output infinite at both ends
   * (a −∞ mask passed through) did not change, where ∞ − ∞ is NaN and made every difference of
   * the output NaN, a function with a masked attention reported not finite. A NaN stays NaN.
   */
  static Tensor change(Tensor after, Tensor before) {
    Tensor difference = after.sub(before);
    // Only a NaN can need the mask (∞ − ∞); one pass tells, where three more cost localize 15 %.
    if (!Double.isNaN(difference.sum().item())) {
      return difference;
    }
    return Tensor.where(after.eq(before), Tensors.zerosLike(after), difference);
  }

  /** The tensor with its infinities as 0 (NaN stays): the values a −∞ mask leaves to judge by. */
  static Tensor finite(Tensor t) {
    return t.map(v -> Double.isInfinite(v) ? 0 : v);
  }
}
