package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheck.Options;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The worst comparison so far, judged by how far it exceeds its tolerance. A comparison with a
 * non-finite value (the function's, the engine's or the central difference's) ranks above every
 * finite one, and the first such is kept: no tolerance can judge it, and it must not be reported
 * as a finite disagreement.
 */
final class Worst {
  /**
   * The most failing comparisons re-examined when the worst is a kink or a jump: each costs a
   * few evaluations of the function, and beyond this many the rest are not called excused. A
   * ReLU at 0 in every one of its units fails every random projection at once: 64 was too few
   * for a layer of 66 units at zero biases, whose right rule it then called wrong.
   */
  static final int EXAMINED = 1024;

  /**
   * How much larger a step tells a small slope from rounding: a slope holds across it (its
   * truncation error, about (100·eps)²·f‴/6, stays far below the atol it is compared within),
   * while rounding's δ/h falls a hundredfold.
   */
  private static final double LARGER_STEP = 100;

  private final Options options;
  /** Every finite comparison beyond its tolerance, to look past a kink at the others. */
  private final List<Failure> failures = new ArrayList<>();
  private final Optional<Determinism> determinism;
  private int comparisons;
  private double violation = -1;
  private boolean nonFinite;
  private int input;
  private int index;
  private int output;
  private Tensor direction;
  private Tensor weights;
  private double step;
  private double analytical;
  private double numerical;
  private double value;
  /** The largest |a| or |n| of any finite comparison: 0 when only zeros were compared. */
  private double largest;
  /** The finite comparison with the largest central difference, if any. */
  private Failure steepest;

  /**
   * Collects comparisons; {@code determinism} is where the function gave two values at the same
   * point, if it did, which decides the verdict whatever the comparisons find.
   */
  Worst(Options options, Optional<Determinism> determinism) {
    this.options = options;
    this.determinism = determinism;
  }

  /**
   * One comparison: input {@code i}'s element {@code k} (−1 for a projection) against output
   * {@code j} (−1 for a projection), the engine's {@code a} and the central difference's
   * {@code n} at step {@code h} along {@code dir}, and {@code f} the function's value they are
   * the slope of (the output element, or ⟨w, f⟩ for a projection; the caller leaves out an
   * infinite element that is a constant, as a −∞ mask's is).
   */
  void offer(int i, int k, int j, Tensor dir, Tensor w, double h, double a, double n, double f) {
    comparisons++;
    boolean bad = !Double.isFinite(a) || !Double.isFinite(n) || !Double.isFinite(f);
    double v = bad ? Double.POSITIVE_INFINITY : violation(a, n);
    if (!bad) {
      largest = Math.max(largest, Math.max(Math.abs(a), Math.abs(n)));
      if (steepest == null || Math.abs(n) > Math.abs(steepest.numerical())) {
        steepest = new Failure(i, k, j, dir, w, h, a, n, f, v);
      }
    }
    if (!bad && v > 1) {
      failures.add(new Failure(i, k, j, dir, w, h, a, n, f, v));
    }
    if (nonFinite || !(bad || v > violation)) {
      return;
    }
    nonFinite = bad;
    become(new Failure(i, k, j, dir, w, h, a, n, f, v));
  }

  /** A comparison beyond its tolerance, as {@link #offer} was given it. */
  private record Failure(int input, int index, int output, Tensor direction, Tensor weights,
      double step, double analytical, double numerical, double value, double violation) {}

  /** Makes {@code f} the comparison this object reports and {@link Diagnosis} examines. */
  private void become(Failure f) {
    violation = f.violation();
    input = f.input();
    index = f.index();
    output = f.output();
    direction = f.direction();
    weights = f.weights();
    step = f.step();
    analytical = f.analytical();
    numerical = f.numerical();
    value = f.value();
  }

  /**
   * The worst comparison's diagnosis, unless it is a kink or a jump, or undecided between
   * rounding and a wrong rule: then the other failing comparisons, worst first, until one is
   * wrong. One element on a kink (a ReLU's input at 0, as XOR's first row gives at zero biases)
   * outranked a rule off by a factor of 2 elsewhere, and excused it: the rule passed. The
   * comparison that decides becomes the one reported; with none wrong, an undecided one goes
   * before a kink, for a kink says nothing against the rule and an undecided one may.
   */
  private Diagnosis diagnose(Probe probe) {
    Diagnosis first = Diagnosis.of(probe, this);
    if (first.verdict() == Verdict.WRONG_DERIVATIVE || failures.size() < 2) {
      return first;
    }
    Failure worst = new Failure(input, index, output, direction, weights, step, analytical,
        numerical, value, violation);
    List<Failure> others = failures.stream()
        .filter(f -> f.input() != worst.input() || f.index() != worst.index()
            || f.output() != worst.output() || f.direction() != worst.direction())
        .sorted(Comparator.comparingDouble(Failure::violation).reversed()).toList();
    Failure undecided = first.verdict() == Verdict.INCONCLUSIVE ? worst : null;
    Diagnosis undecidedDiagnosis = undecided == null ? null : first;
    int examined = 0;
    for (Failure other : others) {
      if (examined == EXAMINED) {
        become(other);
        return new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format("%d comparisons disagree;"
            + " the %d worst are %s (%s), and the other %d were not examined, so that they are"
            + " not excused: check the rule at a point farther from kinks", failures.size(),
            examined + 1, undecided == null ? "kinks or jumps" : "kinks, jumps or rounding",
            first.detail(), others.size() - examined));
      }
      become(other);
      examined++;
      Diagnosis next = Diagnosis.of(probe, this);
      if (next.verdict() == Verdict.WRONG_DERIVATIVE) {
        String larger = examined == 1
            ? "the larger disagreement is " + (undecided == null ? "a kink or a jump"
                : "a kink, a jump or rounding")
            : "the " + examined + " larger disagreements are " + (undecided == null
                ? "kinks or jumps" : "kinks, jumps or rounding");
        return new Diagnosis(next.verdict(), String.format("%s (%s, which does not excuse this"
            + " one)", next.detail(), larger));
      }
      if (undecided == null && next.verdict() == Verdict.INCONCLUSIVE) {
        undecided = other;
        undecidedDiagnosis = next;
      }
    }
    String rest = others.size() == 1 ? "; the other disagreeing comparison is not wrong either"
        : "; none of the other " + others.size() + " disagreeing comparisons is wrong either";
    if (undecided != null) {
      become(undecided);
      return new Diagnosis(Verdict.INCONCLUSIVE, undecidedDiagnosis.detail() + rest);
    }
    become(worst);
    return new Diagnosis(first.verdict(), first.detail() + (others.size() == 1
        ? "; so is the other disagreeing comparison"
        : "; so are the other " + others.size() + " disagreeing comparisons"));
  }

  /** How many tolerances apart a and n are; equal values are 0 apart even at zero tolerance. */
  double violation(double a, double n) {
    double difference = Math.abs(a - n);
    if (difference == 0) {
      return 0;
    }
    return difference / tolerance(a, n);
  }

  private double tolerance(double a, double n) {
    return options.atol() + options.rtol() * Math.max(Math.abs(a), Math.abs(n));
  }

  Options options() {
    return options;
  }

  int input() {
    return input;
  }

  Tensor direction() {
    return direction;
  }

  Tensor weights() {
    return weights;
  }

  /**
   * The step of the worst comparison: for a full Jacobian the element's, max(eps, 1e-8·|x|); for
   * a projection eps, along a direction that carries each element's ratio to it.
   */
  double step() {
    return step;
  }

  double analytical() {
    return analytical;
  }

  double numerical() {
    return numerical;
  }

  /** The worst comparison's input element (−1 for a projection). */
  int index() {
    return index;
  }

  /** The worst comparison's output element (−1 for a projection). */
  int output() {
    return output;
  }

  /** The function's value the worst comparison is the slope of. */
  double value() {
    return value;
  }

  GradCheckReport report(Probe probe, boolean full) {
    String method = full ? "full Jacobian" : "random projection";
    boolean agreed = violation <= 1 && !nonFinite && determinism.isEmpty();
    // Every value at or below atol: each comparison passed by atol alone, which a rule off by a
    // factor of 2 (or of the wrong sign) passes too. Not a pass (see GradCheckReport.Verdict)
    // where f has a slope there, which the steepest central difference holding at a step 100
    // times larger shows. Where it does not hold, the differences were rounding (δ/h shrinks as
    // h grows): the derivative is zero up to rounding, as softmax(x).sum()'s is, and zero is
    // what atol judges well.
    boolean small = agreed && largest > 0 && largest <= options.atol();
    double wider = Double.NaN;
    if (small && steepest.numerical() != 0) {
      double h = LARGER_STEP * steepest.step();
      wider = probe.difference(steepest.input(), steepest.direction(), steepest.weights(), h)
          .change() / (2 * h);
    }
    // The same sign too: rounding's sign is as likely to flip as not.
    boolean inconclusive = small && Math.signum(wider) == Math.signum(steepest.numerical())
        && Diagnosis.steady(steepest.numerical(), wider);
    boolean passed = agreed && !inconclusive;
    // First, for the diagnosis may report another comparison than the worst.
    Diagnosis diagnosis = agreed || nonFinite || determinism.isPresent() ? null
        : diagnose(probe);
    double abs = Math.abs(analytical - numerical);
    double scale = Math.max(Math.abs(analytical), Math.abs(numerical));
    double rel = scale == 0 ? 0 : abs / scale;
    int[] position = index < 0 ? new int[0] : probe.shape(input).unravel(index);
    Verdict verdict = Verdict.PASSED;
    String detail = "";
    if (determinism.isPresent()) {
      // Before NOT_FINITE too: a value that differs from one evaluation to the next explains
      // anything the comparisons found, a NaN included.
      verdict = Verdict.NOT_DETERMINISTIC;
      detail = determinism.get().detail();
    } else if (nonFinite) {
      verdict = Verdict.NOT_FINITE;
      detail = NotFinite.detail(probe, this, position);
    } else if (diagnosis != null) {
      verdict = diagnosis.verdict();
      // The report's eps is the option; at a large |x| the element moved by more.
      detail = (full && step != options.eps() ? String.format("this element's step was %.1g,"
          + " max(eps, 1e-8·|x|); ", step) : "") + diagnosis.detail();
    } else if (inconclusive) {
      verdict = Verdict.INCONCLUSIVE;
      detail = String.format("every value compared is at most %.3g, within atol = %.3g, so each"
          + " comparison passed by the absolute tolerance alone, as a rule off by a factor of 2"
          + " or of the wrong sign would: nothing about the derivative was judged; check with"
          + " an atol well below %.3g (withTolerances; the central differences' rounding, about"
          + " 1e-16·|f| / eps, sets how far below), or at a point or scale where the gradients"
          + " are larger", largest, options.atol(), largest);
    } else if (small) {
      detail = String.format("every value compared is at most %.3g, within atol = %.3g, and %s,"
          + " so the derivative is zero up to rounding and atol judged the engine's values"
          + " against zero", largest, options.atol(), steepest.numerical() == 0
              ? "every central difference is exactly 0" : String.format("the central"
                  + " differences are rounding, not a slope: the largest, %.3g at step %.1g, is"
                  + " %.3g at step %.1g", steepest.numerical(), steepest.step(), wider,
                  LARGER_STEP * steepest.step()));
    } else if (largest == 0) {
      // Only zeros: a function that ignores its inputs passes any rule that gives zeros. Said,
      // not failed: a constant (or piecewise constant) function is a legitimate thing to check.
      detail = "no input influenced the output: every gradient the engine gave and every"
          + " central difference is exactly 0, so only zeros were compared (a function meant to"
          + " depend on its inputs computes its output off the graph or from constants)";
    } else if (rel > options.rtol()) {
      // Values near zero are judged by atol (as PyTorch's gradcheck judges them): say so, or
      // "PASSED ... rel error 0.500" reads as a contradiction.
      detail = String.format("passed by the absolute tolerance: |a − n| = %.3g is within atol +"
          + " rtol·max(|a|, |n|) = %.3g although the relative error exceeds rtol", abs,
          tolerance(analytical, numerical));
    }
    return new GradCheckReport(passed, verdict, method, comparisons, input, position, output,
        analytical, numerical, abs, rel, options.eps(), options.atol(), options.rtol(), detail);
  }
}
