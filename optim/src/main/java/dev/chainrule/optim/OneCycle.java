package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The 1cycle policy (Smith &amp; Topin 2017) as PyTorch 1.13's {@code OneCycleLR} computes the
 * learning rate, from {@link LearningRateSchedule#oneCycle}: from η₀/{@code divFactor} up to the
 * peak η₀ (the base rate, PyTorch's {@code max_lr}) over the first {@code pctStart} of the steps,
 * then down to η₀/{@code divFactor}/{@code finalDivFactor} at the last. With {@code threePhase}
 * the rate comes back down to η₀/{@code divFactor} over as many steps as it went up, then anneals
 * to the minimum. Each phase runs from its start rate to its end rate along a half cosine,
 * end + (start − end)·(1 + cos(π·p))/2, or a line, p being the share of the phase done.
 *
 * <p>PyTorch's phase boundaries are fractional ({@code pct_start·total_steps − 1}): the same
 * doubles are computed here in the same order, so the rates equal PyTorch's to the last bits of
 * the cosine. Two differences, both at steps a run of {@code totalSteps} steps never takes:
 * PyTorch allows one more scheduler step after the last optimizer step and there continues the
 * curve past its end (a cosine climbing back up, a line below zero: a negative rate); here the
 * rate at step {@code totalSteps} is the final minimum, as {@link LearningRateSchedule#cosine}
 * holds its minimum. A later step is refused, as PyTorch refuses it.
 *
 * <p>Only the learning rate: PyTorch's {@code cycle_momentum} also cycles SGD's momentum or Adam's
 * β₁ inversely (0.95 down to 0.85 and back), which this schedule does not do; turn it off in
 * PyTorch ({@code cycle_momentum=False}) to compare runs.
 *
 * @param totalSteps the steps the cycle spans, positive
 * @param pctStart the share of the steps spent rising to the peak, in [0, 1) (at most 0.5 with
 *     {@code threePhase}), with pctStart·totalSteps ≠ 1
 * @param divFactor η₀ over the first step's rate, finite and at least 1
 * @param finalDivFactor the first step's rate over the last's, finite and at least 1
 * @param annealing how each phase moves from its start rate to its end rate
 * @param threePhase whether the rate falls back to the first step's before the final annealing
 */
public record OneCycle(int totalSteps, double pctStart, double divFactor, double finalDivFactor,
    Annealing annealing, boolean threePhase) implements LearningRateSchedule {
  /** PyTorch's default {@code pct_start}. */
  public static final double PCT_START = 0.3;
  /** PyTorch's default {@code div_factor}. */
  public static final double DIV_FACTOR = 25;
  /** PyTorch's default {@code final_div_factor}. */
  public static final double FINAL_DIV_FACTOR = 1e4;

  /** How a phase moves between its rates: PyTorch's {@code anneal_strategy}. */
  public enum Annealing {
    /** {@code 'cos'}: end + (start − end)·(1 + cos(π·p))/2, flat at both ends. */
    COS,
    /** {@code 'linear'}: start + (end − start)·p. */
    LINEAR
  }

  /**
   * Checks the settings.
   *
   * @param totalSteps the steps the cycle spans
   * @param pctStart the share of the steps spent rising
   * @param divFactor η₀ over the first step's rate
   * @param finalDivFactor the first step's rate over the last's
   * @param annealing how each phase moves between its rates
   * @param threePhase whether the rate falls back before the final annealing
   */
  public OneCycle {
    checkArgument(totalSteps >= 1, "oneCycle: the total steps must be at least 1, got %s",
        totalSteps);
    double most = threePhase ? 0.5 : 1;
    // At 1 (two phases) the annealing has no step; past 0.5 (three) the fall back overruns the
    // end. PyTorch divides by zero at the first and runs phases backwards at the second.
    checkArgument(pctStart >= 0 && (threePhase ? pctStart <= most : pctStart < most),
        "oneCycle: pctStart must be in [0, %s%s, got %s", most, threePhase ? "] with threePhase"
            : ")", pctStart);
    // Then the first phase ends at step 0 where it starts: PyTorch computes its share as 0/0.
    checkArgument(pctStart * totalSteps != 1, "oneCycle: pctStart %s of %s steps is a rise of"
        + " exactly 1 step, which has no length (PyTorch divides by zero there); take another"
        + " pctStart", pctStart, (Object) totalSteps);
    checkArgument(divFactor >= 1 && divFactor < Double.POSITIVE_INFINITY,
        "oneCycle: divFactor must be finite and at least 1 (below, the first rate is above the"
            + " peak), got %s", divFactor);
    checkArgument(finalDivFactor >= 1 && finalDivFactor < Double.POSITIVE_INFINITY,
        "oneCycle: finalDivFactor must be finite and at least 1 (below, the last rate is above"
            + " the first), got %s", finalDivFactor);
    checkNotNull(annealing, "oneCycle: the annealing is null");
  }

  /**
   * PyTorch's defaults over {@code totalSteps} steps.
   *
   * @param totalSteps the steps the cycle spans, positive
   * @return the schedule
   */
  public static OneCycle of(int totalSteps) {
    return new OneCycle(totalSteps, PCT_START, DIV_FACTOR, FINAL_DIV_FACTOR, Annealing.COS, false);
  }

  /**
   * This cycle rising over another share of its steps ({@code pct_start}).
   *
   * @param share in [0, 1), at most 0.5 with three phases
   * @return the schedule
   */
  public OneCycle withPctStart(double share) {
    return new OneCycle(totalSteps, share, divFactor, finalDivFactor, annealing, threePhase);
  }

  /**
   * This cycle starting at η₀/{@code factor} ({@code div_factor}).
   *
   * @param factor finite, at least 1
   * @return the schedule
   */
  public OneCycle withDivFactor(double factor) {
    return new OneCycle(totalSteps, pctStart, factor, finalDivFactor, annealing, threePhase);
  }

  /**
   * This cycle ending at the first rate over {@code factor} ({@code final_div_factor}).
   *
   * @param factor finite, at least 1
   * @return the schedule
   */
  public OneCycle withFinalDivFactor(double factor) {
    return new OneCycle(totalSteps, pctStart, divFactor, factor, annealing, threePhase);
  }

  /**
   * This cycle with another way between rates ({@code anneal_strategy}).
   *
   * @param how cosine or linear
   * @return the schedule
   */
  public OneCycle withAnnealing(Annealing how) {
    return new OneCycle(totalSteps, pctStart, divFactor, finalDivFactor, how, threePhase);
  }

  /**
   * This cycle with or without the fall back to the first rate ({@code three_phase}).
   *
   * @param three whether there are three phases
   * @return the schedule
   */
  public OneCycle withThreePhase(boolean three) {
    return new OneCycle(totalSteps, pctStart, divFactor, finalDivFactor, annealing, three);
  }

  @Override
  public double rate(double baseRate, int step) {
    checkArgument(step >= 0, "oneCycle: the step must not be negative, got %s", step);
    checkArgument(step <= totalSteps, "oneCycle: step %s is past the %s steps the cycle was built"
        + " for (PyTorch's OneCycleLR raises there too); build it for the run's steps", step,
        totalSteps);
    // PyTorch's initial_lr, max_lr and min_lr, computed as it computes them.
    double first = baseRate / divFactor;
    double last = first / finalDivFactor;
    if (step == totalSteps) {
      return last;
    }
    double riseEnd = pctStart * totalSteps - 1;
    double[] ends = threePhase ? new double[] {riseEnd, 2 * pctStart * totalSteps - 2,
        totalSteps - 1} : new double[] {riseEnd, totalSteps - 1};
    double[] from = threePhase ? new double[] {first, baseRate, first}
        : new double[] {first, baseRate};
    double[] to = threePhase ? new double[] {baseRate, first, last}
        : new double[] {baseRate, last};
    double start = 0;
    int phase = 0;
    // The first phase whose end is not before the step; a phase ending before step 0 (a rise
    // shorter than a step) is passed over, as in PyTorch.
    while (phase < ends.length - 1 && step > ends[phase]) {
      start = ends[phase++];
    }
    double share = (step - start) / (ends[phase] - start);
    return anneal(from[phase], to[phase], share);
  }

  private double anneal(double start, double end, double share) {
    if (annealing == Annealing.LINEAR) {
      return (end - start) * share + start;
    }
    return end + (start - end) / 2.0 * (Math.cos(Math.PI * share) + 1);
  }
}
