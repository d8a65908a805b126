package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheck.Options;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The worst comparison so far, judged by how far it exceeds its tolerance. A comparison with a
 * non-finite value is kept apart ({@link NonFinites}). A finite comparison that is wrong decides
 * the verdict; only without one is the check NOT_FINITE.
 */
final class Worst {
  /**
   * The most failing comparisons re-examined when the worst is a kink or a jump: each costs a
   * few evaluations of the function, and beyond this many the rest are not called excused. A
   * ReLU at 0 in every one of its units fails every random projection at once: 64 was too few
   * for a layer of 66 units at zero biases, whose right rule it then called wrong.
   */
  static final int EXAMINED = 1024;

  private final Options options;
  private final Reexaminations reexaminations = new Reexaminations();
  /** Every finite comparison beyond its tolerance, to look past a kink at the others. */
  private final List<Failure> failures = new ArrayList<>();
  private final Optional<Determinism> determinism;
  private int comparisons;
  private final NonFinites nonFinite = new NonFinites();
  /** The comparison reported and diagnosed; before any, a placeholder violating nothing. */
  private Failure current = new Failure(0, 0, 0, null, null, 0, 0, 0, 0, -1);
  /** The largest |a| or |n| of any finite comparison: 0 when only zeros were compared. */
  private double largest;
  /** The inputs whose values all lie within atol, which atol alone cannot judge. */
  private final SmallValues small;
  private final EngineSlope engine;

  /**
   * Collects comparisons; {@code determinism} is where the function gave two values at the same
   * point, if it did, which decides the verdict whatever the comparisons find; {@code engine}
   * gives the engine's slopes for other weights, for the diagnosis.
   */
  Worst(Options options, Optional<Determinism> determinism, EngineSlope engine) {
    this.options = options;
    this.determinism = determinism;
    this.engine = engine;
    this.small = new SmallValues(options);
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
      small.offer(i, dir, w, h, a, n, f);
    }
    if (!bad && v > 1) {
      failures.add(new Failure(i, k, j, dir, w, h, a, n, f, v));
    }
    if (bad) {
      nonFinite.offer(new Failure(i, k, j, dir, w, h, a, n, f, v));
    } else if (v > current.violation()) {
      become(new Failure(i, k, j, dir, w, h, a, n, f, v));
    }
  }

  /** A comparison beyond its tolerance, or not finite, as {@link #offer} was given it. */
  record Failure(int input, int index, int output, Tensor direction, Tensor weights,
      double step, double analytical, double numerical, double value, double violation) {}

  /** Makes {@code f} the comparison this object reports and {@link Diagnosis} examines. */
  private void become(Failure f) {
    current = f;
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
    Failure worst = current;
    List<Failure> others = failures.stream()
        .filter(f -> f.input() != worst.input() || f.index() != worst.index()
            || f.output() != worst.output() || f.direction() != worst.direction())
        .sorted(Comparator.comparingDouble(Failure::violation).reversed()).toList();
    // A full Jacobian's comparison within its own output's rounding (float64's, the least) is not
    // examined: a sum of 4096 values near −90 failed 1659, and the cap called the 1025th wrong.
    Map<Boolean, List<Failure>> split = others.stream().collect(Collectors.partitioningBy(
        f -> f.output() >= 0 && Rounding.evident(Math.abs(f.analytical() - f.numerical()),
            f.value(), f.step())));
    List<Failure> rounded = split.get(true);
    others = split.get(false);
    Failure undecided = first.verdict() == Verdict.INCONCLUSIVE ? worst : null;
    Diagnosis undecidedDiagnosis = undecided == null ? null : first;
    // Whether the comparison reported is one of the rounded, which the report then counts apart.
    boolean reportedRounded = undecided == null && !rounded.isEmpty();
    if (reportedRounded) {
      // A kink or a jump besides rounding: the rounding undecides, as an examined one would.
      undecided = rounded.get(0);
      undecidedDiagnosis = Rounding.undecided(Math.abs(undecided.analytical()
          - undecided.numerical()), undecided.value(), undecided.step(), first.detail());
    }
    int examined = 0;
    for (Failure other : others) {
      if (examined == EXAMINED) {
        become(other);
        return new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format(Locale.ROOT,
            "%d comparisons disagree;"
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
        return new Diagnosis(next.verdict(), String.format(Locale.ROOT,
            "%s (%s, which does not excuse this"
            + " one)", next.detail(), larger));
      }
      if (undecided == null && next.verdict() == Verdict.INCONCLUSIVE) {
        undecided = other;
        undecidedDiagnosis = next;
      }
    }
    String rest = (others.isEmpty() ? "" : others.size() == 1
        ? "; the other disagreeing comparison is not wrong either"
        : "; none of the other " + others.size() + " disagreeing comparisons is wrong either")
        + Rounding.others(others.size(), rounded.size() - (reportedRounded ? 1 : 0));
    if (undecided != null) {
      become(undecided);
      return new Diagnosis(Verdict.INCONCLUSIVE, undecidedDiagnosis.detail() + rest);
    }
    become(worst);
    return new Diagnosis(first.verdict(), first.detail() + (others.size() == 1
        ? "; so is the other disagreeing comparison"
        : "; so are the other " + others.size() + " disagreeing comparisons"));
  }

  /**
   * Why another comparison may not be re-examined along its step ({@link Reexaminations}), or
   * empty if it may, which counts it.
   */
  Optional<String> whyNotReexamined() {
    return reexaminations.whyNot(failures.size(), comparisons);
  }

  /** How many tolerances apart a and n are; equal values are 0 apart even at zero tolerance. */
  double violation(double a, double n) {
    double difference = Math.abs(a - n);
    if (difference == 0) {
      return 0;
    }
    return difference / tolerance(a, n);
  }

  /** atol + rtol·max(|a|, |n|): how far apart a and n may be. */
  double tolerance(double a, double n) {
    return options.atol() + options.rtol() * Math.max(Math.abs(a), Math.abs(n));
  }

  Options options() {
    return options;
  }

  int input() {
    return current.input();
  }

  Tensor direction() {
    return current.direction();
  }

  Tensor weights() {
    return current.weights();
  }

  /**
   * The step of the worst comparison: for a full Jacobian the element's, max(eps, 1e-8·|x|); for
   * a projection eps, along a direction that carries each element's ratio to it.
   */
  double step() {
    return current.step();
  }

  double analytical() {
    return current.analytical();
  }

  /** The engine's slope along the worst comparison's direction, weighted by {@code w}. */
  double engineAlong(Tensor w) {
    return engine.along(current.input(), current.direction(), w);
  }

  /** The engine's gradient of ⟨w, f⟩ for the worst comparison's input: Jᵀ·w. */
  Tensor engineGradient(Tensor w) {
    return engine.gradient(current.input(), w);
  }

  double numerical() {
    return current.numerical();
  }

  /** The worst comparison's input element (−1 for a projection). */
  int index() {
    return current.index();
  }

  /** The worst comparison's output element (−1 for a projection). */
  int output() {
    return current.output();
  }

  /** The function's value the worst comparison is the slope of. */
  double value() {
    return current.value();
  }

  GradCheckReport report(Probe probe, boolean full) {
    String method = full ? "full Jacobian" : "random projection";
    boolean within = current.violation() <= 1;
    boolean agreed = within && nonFinite.first() == null && determinism.isEmpty();
    // An input whose every value lies within atol passed by atol alone, as a wrong rule would:
    // judged apart (SmallValues), and not a pass where nothing could judge it.
    Optional<SmallValues.Judgement> smallJudged = agreed ? small.judge(probe) : Optional.empty();
    boolean inconclusive = smallJudged.map(SmallValues.Judgement::inconclusive).orElse(false);
    boolean passed = agreed && !inconclusive;
    // First, for the diagnosis may report another comparison than the worst.
    Diagnosis diagnosis = within || determinism.isPresent() ? null : diagnose(probe);
    if (nonFinite.first() != null && (diagnosis == null
        || diagnosis.verdict() != Verdict.WRONG_DERIVATIVE)) {
      // No finite comparison is wrong: the non-finite one is reported, and judges nothing.
      diagnosis = null;
      become(nonFinite.first());
    }
    Failure c = current;
    double abs = Math.abs(c.analytical() - c.numerical());
    double scale = Math.max(Math.abs(c.analytical()), Math.abs(c.numerical()));
    double rel = scale == 0 ? 0 : abs / scale;
    int[] position = c.index() < 0 ? new int[0] : probe.shape(c.input()).unravel(c.index());
    Verdict verdict = Verdict.PASSED;
    String detail = "";
    if (determinism.isPresent()) {
      // Before NOT_FINITE too: a value that differs from one evaluation to the next explains
      // anything the comparisons found, a NaN included.
      verdict = Verdict.NOT_DETERMINISTIC;
      detail = determinism.get().detail();
    } else if (diagnosis != null) {
      verdict = diagnosis.verdict();
      // The report's eps is the option; at a large |x| the element moved by more.
      detail = (full && c.step() != options.eps() ? String.format(Locale.ROOT,
          "this element's step was %.1g, max(eps, 1e-8·|x|); ", c.step()) : "")
          + diagnosis.detail() + nonFinite.besides(probe);
    } else if (nonFinite.first() != null) {
      verdict = Verdict.NOT_FINITE;
      detail = NotFinite.detail(probe, this, position);
    } else if (smallJudged.isPresent()) {
      verdict = inconclusive ? Verdict.INCONCLUSIVE : Verdict.PASSED;
      detail = smallJudged.get().detail();
    } else if (largest == 0) {
      // Only zeros: a function that ignores its inputs passes any rule that gives zeros. Said,
      // not failed: a constant (or piecewise constant) function is a legitimate thing to check.
      detail = "no input influenced the output: every gradient the engine gave and every"
          + " central difference is exactly 0, so only zeros were compared (a function meant to"
          + " depend on its inputs computes its output off the graph or from constants)";
    } else if (rel > options.rtol()) {
      // Values near zero are judged by atol (as PyTorch's gradcheck judges them): say so, or
      // "PASSED ... rel error 0.500" reads as a contradiction.
      detail = String.format(Locale.ROOT,
          "passed by the absolute tolerance: |a − n| = %.3g is within atol +"
          + " rtol·max(|a|, |n|) = %.3g although the relative error exceeds rtol", abs,
          tolerance(c.analytical(), c.numerical()));
    }
    return new GradCheckReport(passed, verdict, method, comparisons, c.input(), position,
        c.output(), c.analytical(), c.numerical(), abs, rel, options.eps(), options.atol(),
        options.rtol(), detail);
  }
}
