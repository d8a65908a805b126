package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.KinkBounds.Survey;
import dev.chainrule.autograd.check.Probe.Difference;
import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * A failed comparison re-examined at smaller steps: a kink or a jump that fooled central
 * differences, or a derivative that is wrong.
 *
 * @param verdict what the re-examination found
 * @param detail how, with the numbers
 */
record Diagnosis(Verdict verdict, String detail) {
  /**
   * The smallest jump, relative to the values it is a change of, taken for a discontinuity rather
   * than rounding: float32 rounding (6e-8) inside a float64 check stays 16 times below it.
   */
  private static final double JUMP = 1e-6;
  /**
   * The larger steps, as multiples of the first, at which differences that scatter like rounding
   * are taken again: rounding's share falls as 1/step, and the truncation error (step²·f‴/6) at
   * 1000 times the default step, 1e-3, is 1.7e-7·f‴, below the default rtol for ordinary
   * curvature. Agreement at two neighbouring ones is asked for, not one: at a single step,
   * rounding still above the tolerance can agree with any value by chance. Even then the verdict
   * is INCONCLUSIVE, not an artefact: x + 1e-9·sin(1e9·x) with a rule that leaves out the
   * ripple looks the same (GradCheckDiagnosisTest), for central differences see only values.
   */
  private static final double[] LARGER = {10, 100, 1000};

  static Diagnosis of(Probe probe, Worst worst) {
    double h = worst.step();
    // A smaller step steps over a kink that the first one straddles: h / 10 over nine in ten of
    // them, with a tenth of the rounding error of h / 100, which over the tens of thousands of
    // outputs of a layer can exceed the tolerance.
    double[] steps = {h / 10, h / 100};
    Difference[] differences = new Difference[steps.length];
    double[] numericals = new double[steps.length];
    double[] shares = new double[steps.length];
    double disagreement = Math.abs(worst.numerical() - worst.analytical());
    // A smaller step that agrees within its own rounding share proves nothing, but it leaves a
    // kink possible: such a comparison is never called wrong (relu(x)·k + 1e6 at 0 was).
    boolean agreedWithinRounding = false;
    for (int s = 0; s < steps.length; s++) {
      differences[s] = probe.difference(worst.input(), worst.direction(), worst.weights(),
          steps[s]);
      numericals[s] = differences[s].change() / (2 * steps[s]);
      shares[s] = Rounding.share(differences[s], steps[s]);
      if (s == 0) {
        // The values' size barely changes between h and h/10: step h's share from h/10's.
        double share = shares[0] * steps[0] / h;
        if (disagreement <= share) {
          return Rounding.diagnose(probe, worst, share, differences[0].size());
        }
      }
      // Agreement at a step whose rounding reaches the disagreement at h can be chance.
      if (worst.violation(worst.analytical(), numericals[s]) <= 1) {
        if (shares[s] < disagreement && StepTrend.curves(worst, numericals, s)) {
          // Agreement reached by quadratic convergence is curvature, not a kink: log at 1e-4,
          // sqrt at 1e-5 and sin at 1e6 were said to have "a kink or a jump within the step".
          return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(Locale.ROOT,
              "at step %.1g the numerical value is %.10g and agrees, its error having fallen about"
                  + " a hundredfold per tenfold smaller step (%.3g at step %.1g, %.3g at %.1g)",
              steps[s], numericals[s], disagreement, h,
              Math.abs(numericals[s] - worst.analytical()), steps[s])
              + curvature("the first step"));
        }
        if (shares[s] < disagreement) {
          return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(Locale.ROOT,
              "at step %.1g the numerical value is %.10g and agrees: a kink or a jump lies"
                  + " within the first step", steps[s], numericals[s]));
        }
        agreedWithinRounding = true;
      }
    }
    double small = steps[1];
    double numericalSmall = numericals[1];
    // A smooth function's central difference errs by about h²·f‴/6: at a large |x| the step
    // (1e-8·|x|) is large too, and sin at 1e8 (step 1) erred by 0.099, 0.0010 and 1.3e-5 at
    // steps 1, 0.1 and 0.01, converging on the engine's value where a wrong value stays put.
    // Quadratic convergence (a hundredfold per tenfold step; 25 leaves room for rounding) is the
    // step's error, not the rule's.
    double analytical = worst.analytical();
    double[] errors = {Math.abs(worst.numerical() - analytical),
        Math.abs(numericals[0] - analytical), Math.abs(numericalSmall - analytical)};
    if (StepTrend.quadratic(errors)) {
      return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(Locale.ROOT,
          "the numerical value approaches the engine's as the step shrinks, its error falling"
              + " about a hundredfold per step (%.3g at step %.1g, %.3g at %.1g, %.3g at %.1g)",
          errors[0], h, errors[1], steps[0], errors[2], small) + curvature("these steps"));
    }
    KinkBounds.Bounds wide = KinkBounds.of(probe, worst.input(), worst.direction(),
        worst.weights(), h);
    KinkBounds.Bounds bounds = KinkBounds.of(probe, worst.input(), worst.direction(),
        worst.weights(), small);
    Tensor own = KinkBounds.kinkedAlong(wide, bounds, worst.options().rtol());
    // Surveyed only when needed (it costs two dozen evaluations): a full Jacobian's entry has
    // one output, whose own jump already sets it apart, and an excused value needs no bends.
    Survey[] surveyed = new Survey[1];
    // A jump: the change across the step stays put as the step shrinks, so the central
    // difference grows as 1/step; a smooth function's change shrinks with the step, and so does
    // a kink's.
    double change = 2 * h * worst.numerical();
    if (steady(change, differences[0].change()) && steady(change, differences[1].change())
        && Math.signum(differences[0].change()) == Math.signum(change)
        && Math.signum(differences[1].change()) == Math.signum(change)
        && Math.abs(differences[1].change()) > JUMP * differences[1].size()) {
      // A jump excuses only the outputs and elements it lies in: x³ + step(x) with a rule of
      // 2x², on 5,000 elements one of them 0, passed as a jump.
      Optional<Diagnosis> away = AwayFromKinks.of(probe, worst, own, steps, surveyed);
      if (away.isPresent()) {
        return away.get();
      }
      return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(Locale.ROOT,
          "the change across the step stays at %.3g, %.3g and %.3g as the step shrinks from %.1g"
              + " to %.1g and %.1g, so the numerical value grows as 1/step (%.3g, %.3g, %.3g):"
              + " the function jumps at the point (or within %.1g of it), is not differentiable"
              + " there, and finite differences cannot judge the engine's value there",
          change, differences[0].change(), differences[1].change(), h, steps[0], small,
          worst.numerical(), numericals[0], numericalSmall, small));
    }
    double tolerance = worst.options().atol() + worst.options().rtol()
        * Math.abs(worst.analytical());
    // A kink's jump in slope stays put as the step shrinks; a smooth function's shrinks with it,
    // and rounding noise (u·|f|/h: float32 values, a step as large as the `to` row's) grows
    // 100-fold. The outputs' jumps are summed by size: the weighted sum's own can cancel.
    if (bounds.spread() > tolerance && steady(wide.spread(), bounds.spread())) {
      Optional<Diagnosis> away = AwayFromKinks.of(probe, worst, own, steps, surveyed);
      if (away.isPresent()) {
        return away.get();
      }
      Survey survey = surveyed[0];
      // The margin, a quarter of the sum's jump, absorbs the slopes' O(step) error. A rule of 5
      // for |x| at 0 lies far outside [−1, 1]: a kink excuses only values a subgradient could
      // take (PyTorch's gradcheck fails it).
      double margin = tolerance + Math.abs(bounds.jump()) / 4;
      double excess = Math.max(bounds.low() - worst.analytical(),
          worst.analytical() - bounds.high());
      if (excess <= margin) {
        return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(Locale.ROOT,
            "the one-sided slopes differ by %.3g at step %.1g and by %.3g at step %.1g: a kink"
                + " at the point itself, where any subgradient is defensible",
            wide.spread(), h, bounds.spread(), small));
      }
      String outside = String.format(Locale.ROOT,
          "the outputs' one-sided slopes at step %.1g (a kink at the"
          + " point) bound a subgradient's value between %.10g and %.10g, and the engine's"
          + " %.10g lies outside them", small, bounds.low(), bounds.high(), worst.analytical());
      // A quarter: the reach is read off four directions, the excess off the check's own.
      survey = survey != null ? survey : survey(probe, worst, h);
      if (survey.bothWaysReach(worst.weights()) >= excess / 4) {
        return new Diagnosis(Verdict.INCONCLUSIVE, outside + "; but an output bends up along"
            + " one direction and down along another there (as relu(a) − relu(b) at a = b = 0),"
            + " where a subgradient can lie outside its slopes: check at a point off the kink,"
            + " or with the full Jacobian (withFullJacobianLimit)");
      }
      // Kinks near the point, on both sides within even the smaller step, look like one at it.
      return BetweenKinks.confirm(probe, worst, numericals, new Diagnosis(
          Verdict.WRONG_DERIVATIVE, outside
          + ": no subgradient there has that value, so the derivative is wrong (unless several"
          + " kinks of one output lie at the point and bend opposite ways, as a sum over ReLU"
          + " units with exact zeros: the chain rule's sum of their subgradients can lie outside"
          + " the sum's slopes, and localize judges each op on its own, output by output)"));
    }
    // "Wrong" rests on the central differences agreeing with each other as the step shrinks,
    // within the check's own tolerance, while disagreeing with the engine.
    if (numericals[0] == 0 && numericalSmall == 0 && worst.numerical() != 0) {
      // Inconclusive, not wrong: differences of a function that does not move say nothing of the
      // derivative's value, right or wrong (it failed as WRONG_DERIVATIVE, against its text).
      return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
          "the function's value does not change at all at steps %.1g and %.1g (numerical"
              + " value %.10g at step %.1g): it is rounded or constant at that scale, which"
              + " float32 arithmetic inside the function does, and central differences cannot"
              + " judge the derivative, which may be right; check it in float64 throughout, or"
              + " with a step and tolerance made for float32", steps[0], small,
          worst.numerical(), h));
    }
    // Agreement at a step counts only where the disagreement exceeds rounding's share there:
    // changes of 10k and k ulps at h/10 and h/100 agree exactly, and are both off by rounding.
    boolean settledSmall = Rounding.beyond(analytical, numericalSmall, shares[1])
        && worst.violation(worst.numerical(), numericalSmall) <= 1;
    boolean settledApart = Rounding.settledApart(worst, analytical, numericals, shares);
    if (settledSmall || settledApart) {
      // Steps settle on the mean of the one-sided slopes across a kink at the point, too.
      Optional<Diagnosis> atKinks = KinksAtThePoint.of(probe, worst, steps);
      if (atKinks.isPresent()) {
        return atKinks.get();
      }
    }
    // Steps that settle can still do so by chance among many kinks near the point: every
    // verdict of wrong from here on is checked between them along the step (BetweenKinks).
    if (settledSmall) {
      return BetweenKinks.confirm(probe, worst, numericals, new Diagnosis(
          Verdict.WRONG_DERIVATIVE, String.format(Locale.ROOT,
          "at step %.1g the numerical value is %.10g, consistent with step %.1g: the"
              + " derivative is wrong%s", small, numericalSmall, h, scale(worst, numericalSmall))));
    }
    if (settledApart) {
      // Step h alone is off (it straddles a kink near the point, say): the smaller two agree.
      return BetweenKinks.confirm(probe, worst, numericals, new Diagnosis(
          Verdict.WRONG_DERIVATIVE, String.format(Locale.ROOT,
          "at steps %.1g and %.1g the numerical values are %.10g and %.10g, consistent with"
              + " each other (step %.1g gave %.10g): the derivative is wrong%s", steps[0], small,
          numericals[0], numericalSmall, h, worst.numerical(), scale(worst, numericalSmall))));
    }
    // Kinks near the point, within the first step but not at the point, scatter the differences
    // so that they neither settle nor jump: the outputs without one are compared apart. Only
    // after the settled checks: smaller steps that settle measure the derivative, unique near a
    // kink (unlike at one), where the kinked outputs' slopes would excuse a wrong value.
    NearKinks near = NearKinks.of(probe, worst.input(), worst.direction(), worst.weights(), h,
        worst.options().rtol());
    Optional<Diagnosis> pastKinks = AwayFromKinks.pastNearKinks(probe, worst, near, steps);
    if (pastKinks.isPresent()) {
      return pastKinks.get();
    }
    String scatter = String.format(Locale.ROOT, "%.10g at step %.1g, %.10g at %.1g, %.10g at %.1g",
        worst.numerical(), h, numericals[0], steps[0], numericalSmall, small);
    if (StepTrend.scatters(worst, numericals)) {
      double[] larger = new double[LARGER.length];
      for (int s = 0; s < LARGER.length; s++) {
        larger[s] = probe.difference(worst.input(), worst.direction(), worst.weights(),
            h * LARGER[s]).change() / (2 * h * LARGER[s]);
        if (s > 0 && worst.violation(worst.analytical(), larger[s - 1]) <= 1
            && worst.violation(worst.analytical(), larger[s]) <= 1) {
          return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
              "the central differences"
              + " scatter more the smaller the step (%s), as rounding in the function's values"
              + " does (its share grows as 1/step), and at the larger steps %.1g and %.1g they"
              + " are %.10g and %.10g and agree with the engine's: the function's values vary at"
              + " a scale finer than those steps, by rounding (cancellation, or float32"
              + " arithmetic inside the function), which makes the rule right, or by a real"
              + " ripple the rule leaves out, which makes it wrong, and central differences"
              + " cannot tell which; if its values are rounded, check with an eps of %.1g", scatter,
              h * LARGER[s - 1], h * LARGER[s], larger[s - 1], larger[s],
              worst.options().eps() * LARGER[s]));
        }
      }
    }
    if (agreedWithinRounding) {
      return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
          "the numerical value does not"
          + " settle as the step shrinks (%s), and where a smaller step agrees with the engine's"
          + " value the rounding of the function's values there is as large as the disagreement:"
          + " a kink within the first step or rounding, not shown to be a wrong rule; check with"
          + " a larger eps, or where the output is smaller", scatter));
    }
    return BetweenKinks.confirm(probe, worst, numericals, new Diagnosis(Verdict.WRONG_DERIVATIVE,
        String.format(Locale.ROOT,
        "the numerical value does not settle as the step shrinks (%s) and no kink or jump at the"
            + " point explains the disagreement: the derivative is probably wrong, or the"
            + " function is too rough or too noisy at these steps for central differences to"
            + " tell", scatter)));
  }

  /** Why an error that falls as the step shrinks says nothing against the rule. */
  private static String curvature(String steps) {
    return ": the function curves too much over " + steps + " for central differences (their"
        + " error is about step²·f‴/6), not a wrong derivative; check with a smaller eps or"
        + " nearer 0";
  }

  /**
   * What a wrong value's ratio to the right one suggests. The engine's rows are taken with the
   * incoming gradient −2 and divided by it, so a rule that ignores g gives −½ of the derivative
   * (PyTorch's gradcheck says "backward not multiplied by grad_output"). {@code numerical} is
   * the settled central difference.
   */
  private static String scale(Worst worst, double numerical) {
    double tolerance = worst.options().atol() + worst.options().rtol() * Math.abs(numerical);
    if (Math.abs(worst.analytical() + numerical / 2) <= tolerance) {
      return " (the engine's value is −½ of the derivative: the rule ignores the incoming"
          + " gradient, which the check sets to −2; multiply by it)";
    }
    if (Math.abs(worst.analytical() + numerical) <= tolerance) {
      return " (the engine's value is the derivative's negative: a sign error, or a rule that"
          + " takes |g|)";
    }
    return "";
  }

  static Survey survey(Probe probe, Worst worst, double h) {
    return Survey.of(probe, worst.input(), worst.direction(), worst.weights(), h,
        worst.options().rtol());
  }

  /** Whether {@code later} is within a factor of 2 of {@code first} in size. */
  private static boolean steady(double first, double later) {
    return Math.abs(later) > 0.5 * Math.abs(first) && Math.abs(later) < 2 * Math.abs(first);
  }
}
