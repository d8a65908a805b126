package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * The outputs with a kink at the point itself, set apart before the smaller steps' agreement is
 * taken for the derivative. Across such a kink a central difference is the mean of the one-sided
 * slopes at every step, so the differences at h/10 and h/100 settle on a value that no
 * subgradient need equal; and where kinks near the point change the slopes at step h too, the
 * summed bounds of all the kinks cannot tell the jump at the point from theirs (a right clamp
 * with two inputs exactly at its bound and a dozen within the step was called wrong). An
 * output's kink counts as at the point when its slope's jump holds from h/10 to h/100 and to
 * {@link BetweenKinks#NEAR} of the step, the resolution BetweenKinks judges the point at: a kink
 * farther off is gone from the finer steps, and a smooth output's jump falls with the step.
 *
 * <p>The verdict is an artefact only when all three pass: along each sampled input element alone
 * the engine's value lies between f's one-sided slopes where a kink lies there and agrees with
 * central differences over the smooth elements together; over the kinked outputs it lies
 * between their one-sided slopes at h/100 (where every subgradient's does); and over the others
 * it agrees with central differences at h/10 and h/100.
 */
final class KinksAtThePoint {
  private KinksAtThePoint() {}

  /**
   * An artefact, when the outputs with a kink at the point explain the disagreement and the
   * others agree with the engine at {@code steps} (h/10 and h/100); wrong, when the engine
   * disagrees along the input elements judged one by one ({@link AlongInputs});
   * inconclusive, when outputs that bend both ways may put a subgradient outside the kinks'
   * slopes; empty otherwise, for the settled steps' verdict to be examined as before.
   */
  static Optional<Diagnosis> of(Probe probe, Worst worst, double[] steps) {
    Kinked found = Kinked.find(probe, worst, steps);
    Tensor kinked = found.mask();
    KinkBounds.Bounds fine = found.fine();
    Tensor weights = worst.weights();
    Tensor kinkedWeights = weights.mul(kinked);
    if (kinkedWeights.abs().sum().item() == 0) {
      return Optional.empty();
    }
    KinkBounds.Bounds bounds = KinkBounds.Bounds.weighted(fine.left(), fine.right(),
        kinkedWeights);
    double engine = worst.engineAlong(kinkedWeights);
    // The summed bounds spread over every kink, while a wrong subgradient's errors cancel in the
    // engine's sum (a clamp with a rule of 2 at its bound passed among sixteen inputs at it), and
    // they say nothing of the smooth elements (a ReLU rule of 0.5 passed before a matmul whose
    // every output an exact zero kinked): the input elements are judged one by one first.
    Optional<Diagnosis> alongInputs = AlongInputs.judge(probe, worst, steps, kinked);
    if (alongInputs.isPresent()) {
      return alongInputs;
    }
    double excess = Math.max(bounds.low() - engine, engine - bounds.high());
    if (excess > worst.tolerance(engine, engine)) {
      // A quarter: the reach is read off four directions, the excess off the check's own.
      if (Diagnosis.survey(probe, worst, worst.step()).bothWaysReach(kinkedWeights)
          >= excess / 4) {
        return Optional.of(new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
            "%d of the %d outputs have a kink at the point, and over them the engine's value"
                + " %.10g lies outside their one-sided slopes, %.10g and %.10g; but an output"
                + " bends up along one direction and down along another there (as relu(a) −"
                + " relu(b) at a = b = 0), where a subgradient can lie outside its slopes, and"
                + " no sampled input element alone shows the engine's value outside its own:"
                + " check at a point off the kink", kinked.countNonZero(), kinked.size(), engine,
            bounds.low(), bounds.high())));
      }
      return Optional.empty();
    }
    String kinks = String.format(Locale.ROOT, "%d of the %d outputs have a kink at the point"
        + " (their slopes jump alike at steps %.1g, %.1g and %.1g), across which central"
        + " differences give the mean of the one-sided slopes at every step; over them the"
        + " engine's value %.10g lies between their one-sided slopes, %.10g and %.10g, as every"
        + " subgradient's does", kinked.countNonZero(), kinked.size(), steps[0], steps[1],
        BetweenKinks.NEAR * worst.step(), engine, bounds.low(), bounds.high());
    Optional<AwayFromKinks.OverOutputs> others = AwayFromKinks.OverOutputs.of(probe, worst,
        kinked, steps);
    if (others.isEmpty()) {
      return Optional.of(new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, kinks
          + "; no other output counts: the disagreement is the kinks', not the rule's"));
    }
    AwayFromKinks.OverOutputs o = others.get();
    double[] numericals = o.slopes().numericals();
    if (worst.violation(o.engine(), numericals[0]) > 1
        || worst.violation(o.engine(), numericals[1]) > 1) {
      return Optional.empty();
    }
    return Optional.of(new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(
        Locale.ROOT, "%s; over the other outputs the engine's value is %.10g and central"
            + " differences give %.10g and %.10g at steps %.1g and %.1g, in agreement: the"
            + " disagreement is the kinks', not the rule's", kinks, o.engine(), numericals[0],
        numericals[1], steps[0], steps[1])));
  }

  /**
   * 1 for each output of the worst comparison with a kink at the point, 0 for the others (six
   * evaluations of f).
   */
  static Tensor outputs(Probe probe, Worst worst, double[] steps) {
    return Kinked.find(probe, worst, steps).mask();
  }

  /** The outputs with a kink at the point, and all outputs' one-sided slopes at h/100. */
  private record Kinked(Tensor mask, KinkBounds.Bounds fine) {
    static Kinked find(Probe probe, Worst worst, double[] steps) {
      int i = worst.input();
      Tensor direction = worst.direction();
      Tensor weights = worst.weights();
      Tensor at = probe.outputAt(i, direction, 0);
      KinkBounds.Bounds middle = KinkBounds.of(probe, i, direction, weights, steps[0], at);
      KinkBounds.Bounds fine = KinkBounds.of(probe, i, direction, weights, steps[1], at);
      double finest = BetweenKinks.NEAR * worst.step();
      KinkBounds.Bounds nearest = KinkBounds.of(probe, i, direction, weights, finest, at);
      return new Kinked(atThePoint(at, middle, fine, nearest, finest, worst.options().rtol()),
          fine);
    }
  }

  /**
   * 1 for each output whose slope jumps beyond a quarter of rtol of its slopes at step h/10 and
   * by the same ({@link KinkBounds#steady}) at h/100 and at {@code finest}, where rounding could
   * not make it so; 0 for the others.
   */
  private static Tensor atThePoint(Tensor at, KinkBounds.Bounds middle, KinkBounds.Bounds fine,
      KinkBounds.Bounds nearest, double finest, double rtol) {
    double unit = Rounding.unit(at.dtype());
    double[] values = at.toArray();
    double[] ml = middle.left().toArray();
    double[] mr = middle.right().toArray();
    double[] fl = fine.left().toArray();
    double[] fr = fine.right().toArray();
    double[] nl = nearest.left().toArray();
    double[] nr = nearest.right().toArray();
    double[] mask = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      double jump = mr[k] - ml[k];
      double size = Math.abs(jump);
      double noise = NearKinks.ROUNDINGS * unit * Math.abs(values[k]);
      boolean beyond = size > rtol / 4 * Math.max(Math.abs(ml[k]), Math.abs(mr[k]));
      boolean holds = KinkBounds.steady(jump, fr[k] - fl[k])
          && KinkBounds.steady(jump, nr[k] - nl[k]);
      mask[k] = beyond && holds && noise / finest < KinkBounds.STEADY * size ? 1 : 0;
    }
    return Tensor.of(mask, at.shape().dims());
  }
}
