package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.KinkBounds.Survey;
import dev.chainrule.autograd.check.Probe.Difference;
import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * A failed comparison re-examined away from the kinks and jumps at the point: over the outputs
 * without one, and along the input elements ({@link AlongInputs}), which judges where every output
 * has a kink.
 */
final class AwayFromKinks {
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
    Tensor kinked = own;
    if (worst.weights().mul(own.neg().add(1)).abs().sum().item() > 0) {
      surveyed[0] = Diagnosis.survey(probe, worst, worst.step());
      // Kinks near the point too: one that a smaller step straddles keeps the others from
      // settling, and a rule 1 % off passed localize's relu among them as a kink at the point.
      NearKinks near = NearKinks.of(probe, worst.input(), worst.direction(), worst.weights(),
          worst.step(), worst.options().rtol());
      kinked = surveyed[0].kinked(own).maximum(near.mask());
      Optional<Diagnosis> offKinks = overOutputs(probe, worst, kinked, steps);
      if (offKinks.isPresent()) {
        return offKinks;
      }
    }
    return AlongInputs.judge(probe, worst, steps, kinked);
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
      // The kinks' summed slopes excuse much where a kink lies at the point (a ReLU rule of 3
      // at 0 under a max pool's ties): the input elements are judged one by one first. Kinks
      // only near it, as a trained network's, jump at h/100 along no element, and one by one
      // the elements would judge only what the comparison above did, at hundreds of evaluations
      // (localize took 2.5 to 5 times as long on the harness's largest networks).
      Tensor atThePoint = KinksAtThePoint.outputs(probe, worst, steps);
      Optional<Diagnosis> alongInputs = worst.weights().mul(atThePoint).abs().sum().item() > 0
          ? AlongInputs.judge(probe, worst, steps, near.mask()) : Optional.empty();
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
  record OverOutputs(int kinks, int outputs, double engine, Slopes slopes, double[] steps) {
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
