package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheck.Options;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The inputs whose every compared value lies within atol, judged apart. There each comparison
 * passes by atol alone, as a rule off by a factor of 2 or of the wrong sign would, and one large
 * value elsewhere (another input's, or v's in a second-order check, whose derivative is the
 * first gradient) must not vouch for them. Such an input is judged instead, in this order:
 * <ol>
 *   <li>against the central differences' rounding, about {@value #ROUNDING_ULPS} ulps of f over
 *       the step, where that floor lies well below the values (x² at 3·10⁻⁷, gelu at its
 *       minimum): a real comparison, with rtol, that a wrong rule fails;
 *   <li>as zero up to rounding where every central difference is exactly 0 (f did not change
 *       at the step), or where the largest does not hold at a step {@value #SMALLER_STEP} times
 *       smaller (a slope holds, within a factor of 2 and with its sign; rounding δ/h grows, or
 *       vanishes once the step is below f's resolution) and the engine's values lie a tenth
 *       below it (softmax(x).sum(), a centred sum: f's rounding comes from terms that cancel,
 *       which the floor above cannot see). A rule that gives values within atol where f is
 *       flat passes so, as in PyTorch's gradcheck: no finite difference can tell;
 *   <li>otherwise inconclusive: nothing about its derivative was judged.
 * </ol>
 */
final class SmallValues {
  /** Rounding of f's value per evaluation, in ulps of |f|, that the central difference divides. */
  static final int ROUNDING_ULPS = 8;
  /** How much smaller a step tells rounding (growing as 1/h) from a slope (holding). */
  static final int SMALLER_STEP = 100;

  private final Options options;
  private final List<Block> blocks = new ArrayList<>();

  /** One input's comparisons. */
  private static final class Block {
    double largest;
    double largestAnalytical;
    /** The largest rounding floor C·ulp(|f|)/h of its comparisons of values other than 0. */
    double floor;
    /** Whether every comparison agreed within floor + rtol·max(|a|, |n|). */
    boolean withinFloor = true;
    /** The comparison with the largest central difference, as (direction, weights, step, n). */
    Tensor direction;
    Tensor weights;
    double step;
    double numerical;
  }

  /** A judgement of the inputs within atol: a verdict and the detail that says why. */
  record Judgement(boolean inconclusive, String detail) {}

  SmallValues(Options options) {
    this.options = options;
  }

  /** A finite comparison of input {@code i}, as {@link Worst#offer} describes it. */
  void offer(int i, Tensor dir, Tensor w, double h, double a, double n, double f) {
    while (blocks.size() <= i) {
      blocks.add(new Block());
    }
    Block b = blocks.get(i);
    if (a == 0 && n == 0) {
      return;  // an element f does not depend on: agreed exactly, whatever f's rounding
    }
    b.largest = Math.max(b.largest, Math.max(Math.abs(a), Math.abs(n)));
    b.largestAnalytical = Math.max(b.largestAnalytical, Math.abs(a));
    double floor = ROUNDING_ULPS * Math.ulp(Math.abs(f)) / h;
    b.floor = Math.max(b.floor, floor);
    b.withinFloor &= Math.abs(a - n) <= floor + options.rtol() * Math.max(Math.abs(a),
        Math.abs(n));
    if (b.direction == null || Math.abs(n) > Math.abs(b.numerical)) {
      b.direction = dir;
      b.weights = w;
      b.step = h;
      b.numerical = n;
    }
  }

  /**
   * The judgement of the first input whose values all lie within atol and that could not be
   * judged, else of the first such input judged (a note for the report), else empty.
   */
  Optional<Judgement> judge(Probe probe) {
    Judgement note = null;
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b.largest == 0 || b.largest > options.atol()) {
        continue;
      }
      Judgement j = judge(probe, i, b);
      if (j.inconclusive()) {
        return Optional.of(j);
      }
      note = note == null ? j : note;
    }
    return Optional.ofNullable(note);
  }

  private Judgement judge(Probe probe, int i, Block b) {
    String within = String.format(Locale.ROOT,
        "every value compared is at most %.3g for input %d, within"
        + " atol = %.3g", b.largest, i, options.atol());
    // A floor a tenth of the values could tell a factor of 2; one above them judges nothing.
    if (b.withinFloor && b.floor <= b.largest / 10) {
      return new Judgement(false, within + String.format(Locale.ROOT,
          ", so it was judged against the central"
          + " differences' rounding instead (%d ulps of f over the step, at most %.3g) and rtol,"
          + " and agreed", ROUNDING_ULPS, b.floor));
    }
    if (b.numerical == 0) {
      return new Judgement(false, within + ", and every central difference is exactly 0 (f did"
          + " not change at the step), so the derivative is zero up to rounding and atol judged"
          + " the engine's values against zero");
    }
    double smaller = b.step / SMALLER_STEP;
    double fine;
    try {
      fine = probe.difference(i, b.direction, b.weights, smaller).change() / (2 * smaller);
    } catch (RuntimeException e) {
      fine = Double.NaN;  // a function that throws there: no evidence either way
    }
    boolean slope = Math.signum(fine) == Math.signum(b.numerical)
        && Math.abs(fine) > 0.5 * Math.abs(b.numerical)
        && Math.abs(fine) < 2 * Math.abs(b.numerical);
    if (Double.isFinite(fine) && !slope
        && b.largestAnalytical <= Math.max(Math.abs(fine), Math.abs(b.numerical)) / 10) {
      return new Judgement(false, within + String.format(Locale.ROOT,
          ", and the central differences are"
          + " rounding, not a slope: the largest, %.3g at step %.1g, is %.3g at step %.1g, so"
          + " the derivative is zero up to rounding and atol judged the engine's values against"
          + " zero", b.numerical, b.step, fine, smaller));
    }
    return new Judgement(true, within + String.format(Locale.ROOT,
        ", so each comparison passed by the"
        + " absolute tolerance alone, as a rule off by a factor of 2 or of the wrong sign would:"
        + " nothing about its derivative was judged (%s); check with an atol well below %.3g"
        + " (withTolerances), or at a point or scale where the gradients are larger",
        String.format(Locale.ROOT,
            "the central differences, %.3g at step %.1g and %.3g at step %.1g, are a"
            + " slope or no rounding the check can tell from one, and f's own rounding, up to"
            + " %.3g, is too coarse to judge them", b.numerical, b.step, fine, smaller, b.floor),
        b.largest));
  }
}
