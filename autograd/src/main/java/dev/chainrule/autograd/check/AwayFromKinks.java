package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.KinkBounds.Survey;
import dev.chainrule.autograd.check.Probe.Difference;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * A failed comparison re-examined away from the kinks and jumps at the point: over the outputs
 * without one, and along the input elements without one. The outputs' split cannot help when
 * every output has a kink: a scalar loss such as 0.5·Σ|h| over ReLU activations, half of them
 * exact zeros. There the kinks' summed one-sided slopes span about Σ|d_k| over the kinked
 * elements, which grows as n, while a rule wrong at every other element errs by a sum of random
 * signs, which grows as √n: a rule that forgot the 0.5 passed as "a kink" (PyTorch's gradcheck
 * fails it). A kink of a piecewise smooth function lies on surfaces through the point, and a
 * direction that moves only elements whose own one-sided slopes do not jump crosses none of them.
 */
final class AwayFromKinks {
  /**
   * The elements sampled: each costs four evaluations of the function. A rule wrong at most
   * smooth elements shows among a few dozen; one wrong at a few elements of a large input is
   * beyond any projection (GradCheck.Options says so).
   */
  static final int SAMPLED = 48;

  private AwayFromKinks() {}

  /**
   * Wrong, if the rule is wrong away from the kinks and jumps at the point: over the outputs
   * whose slope does not jump ({@code own} marks those that jump along the check's direction; a
   * survey of more directions, kept in {@code surveyed[0]} for the caller, adds any others, and
   * {@link NearKinks} those with a kink within the step), or along the input elements whose
   * slopes do not. A kink or a jump excuses only the comparisons it lies in.
   */
  static Optional<Diagnosis> of(Probe probe, Worst worst, Tensor own, double[] steps,
      Survey[] surveyed) {
    if (worst.weights().mul(own.neg().add(1)).abs().sum().item() > 0) {
      surveyed[0] = Diagnosis.survey(probe, worst, worst.step());
      // Kinks near the point too: one that a smaller step straddles keeps the others from
      // settling, and a rule 1 % off passed localize's relu among them as a kink at the point.
      NearKinks near = NearKinks.of(probe, worst.input(), worst.direction(), worst.weights(),
          worst.step(), worst.options().rtol());
      Tensor kinked = surveyed[0].kinked(own).maximum(near.mask());
      Optional<Diagnosis> offKinks = overOutputs(probe, worst, kinked, steps);
      if (offKinks.isPresent()) {
        return offKinks;
      }
    }
    return alongInputs(probe, worst, steps);
  }

  /**
   * Wrong, if along the sampled input elements of the worst comparison's direction the engine
   * disagrees: with central differences along the smooth ones together, at both {@code steps},
   * which agree with each other beyond rounding; or, along one whose own slopes jump at the point,
   * with every subgradient there. Empty otherwise (a direction of one element, nothing to judge,
   * a kink along the smooth elements together, or agreement).
   *
   * <p>Along a single element each output bends one way at a kink there, so its one-sided slopes
   * bound the engine's value as the sums over many outputs and elements cannot: those sums
   * spread over every kink while a wrong subgradient's errors cancel in them (a clamp with a rule
   * of 2 at its bound passed among sixteen inputs at it).
   */
  static Optional<Diagnosis> alongInputs(Probe probe, Worst worst, double[] steps) {
    int i = worst.input();
    Tensor direction = worst.direction();
    Tensor weights = worst.weights();
    double[] d = direction.toArray();
    List<Integer> moved = new ArrayList<>();
    for (int k = 0; k < d.length; k++) {
      if (d[k] != 0) {
        moved.add(k);
      }
    }
    if (moved.size() < 2) {
      return Optional.empty();
    }
    // Seeded: the same check gives the same answer.
    Collections.shuffle(moved, new Random(0x736d6f6fL));
    double rtol = worst.options().rtol();
    Tensor at = probe.outputAt(i, direction, 0);
    double[] gradient = worst.engineGradient(weights).toArray();
    // Rounding's share of a one-sided slope at the smaller step: 8 roundings of ⟨|w|, |f|⟩.
    double rounding = NearKinks.ROUNDINGS * Rounding.unit(at.dtype())
        * weights.abs().mul(at.abs()).sum().item() / steps[1];
    double[] smooth = new double[d.length];
    int kept = 0;
    int sampled = Math.min(SAMPLED, moved.size());
    for (int k : moved.subList(0, sampled)) {
      double[] one = new double[d.length];
      one[k] = d[k];
      Tensor single = Tensor.of(one, direction.shape().dims());
      KinkBounds.Bounds wide = KinkBounds.of(probe, i, single, weights, steps[0], at);
      KinkBounds.Bounds fine = KinkBounds.of(probe, i, single, weights, steps[1], at);
      if (KinkBounds.kinkedAlong(wide, fine, rtol).sum().item() > 0) {
        double engine = gradient[k] * d[k];
        double margin = worst.tolerance(engine, Math.max(Math.abs(fine.low()),
            Math.abs(fine.high()))) + rounding;
        if (engine < fine.low() - margin || engine > fine.high() + margin) {
          return Optional.of(new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format(Locale.ROOT,
              "along input element %d alone, where the outputs have a kink at the point, their"
                  + " one-sided slopes at step %.1g bound a subgradient's value between %.10g"
                  + " and %.10g, and the engine's %.10g lies outside them: no subgradient there"
                  + " has that value, so the derivative is wrong", k, steps[1], fine.low(),
              fine.high(), engine)));
        }
      } else if (!nearKink(wide, at, steps[0], rtol)) {
        smooth[k] = d[k];
        kept++;
      }
    }
    Tensor along = Tensor.of(smooth, direction.shape().dims());
    if (kept == 0 || kinked(probe, i, along, weights, steps, at, rtol)) {
      return Optional.empty();
    }
    double engine = 0;
    for (int k = 0; k < smooth.length; k++) {
      engine += gradient[k] * smooth[k];
    }
    Slopes slopes = Slopes.of(probe, i, along, weights, steps);
    double[] numericals = slopes.numericals();
    if (slopes.settledApart(worst, engine)) {
      return Optional.of(new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format(Locale.ROOT,
          "the outputs may have a kink or a jump at the point; along the %d of %d sampled"
              + " input elements whose one-sided slopes do not jump there the engine's value is"
              + " %.10g and central differences give %.10g and %.10g at steps %.1g and %.1g: the"
              + " derivative is wrong away from the kinks", kept, sampled, engine, numericals[0],
          numericals[1], steps[0], steps[1])));
    }
    return Optional.empty();
  }

  /**
   * The comparison over the outputs whose slope does not jump at or near the point, apart: the
   * engine's ⟨w′, J·d⟩ against central differences of ⟨w′, f⟩, with w′ the weights of those
   * outputs alone. The kinked outputs' bounds would otherwise excuse an error of the rule
   * anywhere else that is smaller than their spread: a rule for |x| off by half, on an input with
   * some exact zeros, passed every other projection as "a kink". Wrong when both smaller steps
   * agree with each other and not with the engine (a kink near the point that one of them
   * straddles makes them disagree, and proves nothing).
   */
  private static Optional<Diagnosis> overOutputs(Probe probe, Worst worst, Tensor kinked,
      double[] steps) {
    return OverOutputs.of(probe, worst, kinked, steps).filter(o -> o.settledApart(worst))
        .map(o -> new Diagnosis(Verdict.WRONG_DERIVATIVE,
            o.describe("may have a kink at or near the point")
            + ": the derivative is wrong away from the kinks"));
  }

  /**
   * The comparison over the outputs without a kink within the first step, when some have one
   * near the point rather than at it ({@link NearKinks}): a parameter of a wide ReLU layer moves
   * all its pre-activations, and dozens lie within the step of their kink, each adding its own
   * error to the central differences, fewer at each smaller step, so that they do not settle (a
   * trained 784-256-128-10 network's right rule was called wrong). Wrong when the other outputs
   * settle apart from the engine. A finite-difference artefact when they agree with it at both
   * smaller steps and the engine's value over the kinked outputs lies between their one-sided
   * slopes, where a right rule's does: the disagreement is then those kinks'. Empty otherwise.
   */
  static Optional<Diagnosis> pastNearKinks(Probe probe, Worst worst, NearKinks near,
      double[] steps) {
    Optional<OverOutputs> over = OverOutputs.of(probe, worst, near.mask(), steps);
    if (over.isEmpty()) {
      return Optional.empty();
    }
    OverOutputs o = over.get();
    if (o.settledApart(worst)) {
      return Optional.of(new Diagnosis(Verdict.WRONG_DERIVATIVE,
          o.describe("have a kink within the first step") + ": the derivative is wrong away from"
              + " the kinks"));
    }
    double[] numericals = o.slopes().numericals();
    Tensor kinkedWeights = worst.weights().mul(near.mask());
    double kinkedEngine = worst.engineAlong(kinkedWeights);
    double tolerance = worst.options().atol() + worst.options().rtol() * Math.abs(kinkedEngine);
    if (worst.violation(o.engine(), numericals[0]) <= 1
        && worst.violation(o.engine(), numericals[1]) <= 1
        && near.explains(kinkedEngine, worst.weights(), tolerance)) {
      // The kinks' summed slopes excuse much: the input elements are judged one by one first.
      Optional<Diagnosis> alongInputs = alongInputs(probe, worst, steps);
      if (alongInputs.isPresent()) {
        return alongInputs;
      }
      return Optional.of(new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT,
          o.describe("have a kink within the first step, near the point") + ", in agreement, and"
              + " over the kinked outputs the engine's value lies between their one-sided slopes:"
              + " the disagreement is those kinks', which the steps straddle, not the rule's"));
    }
    return Optional.empty();
  }

  /**
   * The engine against central differences over the outputs that {@code kinked} leaves out.
   *
   * @param kinks how many outputs were left out
   * @param outputs how many there are
   * @param engine the engine's ⟨w′, J·d⟩ over the others
   * @param slopes their central differences at the smaller steps
   * @param steps those steps
   */
  record OverOutputs(int kinks, int outputs, double engine, Slopes slopes,
      double[] steps) {
    /** Empty when no output is left out, or every weighted one is. */
    static Optional<OverOutputs> of(Probe probe, Worst worst, Tensor kinked, double[] steps) {
      int kinks = kinked.countNonZero();
      Tensor smoothWeights = worst.weights().mul(kinked.neg().add(1));
      if (kinks == 0 || smoothWeights.abs().sum().item() == 0) {
        return Optional.empty();
      }
      return Optional.of(new OverOutputs(kinks, kinked.size(), worst.engineAlong(smoothWeights),
          Slopes.of(probe, worst.input(), worst.direction(), smoothWeights, steps), steps));
    }

    boolean settledApart(Worst worst) {
      return slopes.settledApart(worst, engine);
    }

    String describe(String kinkedOutputs) {
      double[] numericals = slopes.numericals();
      return String.format(Locale.ROOT, "%d of the %d outputs %s; over the other outputs alone"
              + " the engine's value is %.10g and central differences give %.10g and %.10g at"
              + " steps %.1g and %.1g", kinks, outputs, kinkedOutputs, engine, numericals[0],
          numericals[1], steps[0], steps[1]);
    }
  }

  /** Whether some output's slope jumps along {@code direction} at both steps. */
  private static boolean kinked(Probe probe, int i, Tensor direction, Tensor weights,
      double[] steps, Tensor at, double rtol) {
    KinkBounds.Bounds wide = KinkBounds.of(probe, i, direction, weights, steps[0], at);
    KinkBounds.Bounds fine = KinkBounds.of(probe, i, direction, weights, steps[1], at);
    return KinkBounds.kinkedAlong(wide, fine, rtol).sum().item() > 0;
  }

  /**
   * Whether some output's slope jumps at the larger of the smaller steps (h/10, {@code wide}) by
   * more than rounding could make it jump: a kink between h/100 and h/10, which h/10 straddles,
   * keeps an element's steps from settling, and one such element among the sampled kept the rest
   * from showing a rule 1 % off (relu(x)·|v| summed, x with exact zeros and others within the
   * step of 0). A smooth element taken for kinked only leaves the comparison.
   */
  private static boolean nearKink(KinkBounds.Bounds wide, Tensor at, double step, double rtol) {
    double unit = Rounding.unit(at.dtype());
    double[] values = at.toArray();
    double[] left = wide.left().toArray();
    double[] right = wide.right().toArray();
    for (int k = 0; k < values.length; k++) {
      double jump = Math.abs(right[k] - left[k]);
      double noise = NearKinks.ROUNDINGS * unit * Math.abs(values[k]);
      if (jump > rtol / 4 * Math.max(Math.abs(left[k]), Math.abs(right[k]))
          && noise / step < jump / 4) {
        return true;
      }
    }
    return false;
  }

  /** Central differences of ⟨weights, f⟩ along a direction at each step, with rounding's shares. */
  record Slopes(double[] numericals, double[] shares) {
    static Slopes of(Probe probe, int input, Tensor direction, Tensor weights, double[] steps) {
      double[] numericals = new double[steps.length];
      double[] shares = new double[steps.length];
      for (int s = 0; s < steps.length; s++) {
        Difference d = probe.difference(input, direction, weights, steps[s]);
        numericals[s] = d.change() / (2 * steps[s]);
        shares[s] = Rounding.share(d, steps[s]);
      }
      return new Slopes(numericals, shares);
    }

    /** {@link Rounding#settledApart} of these slopes against the engine's {@code engine}. */
    boolean settledApart(Worst worst, double engine) {
      return Rounding.settledApart(worst, engine, numericals, shares);
    }
  }
}
