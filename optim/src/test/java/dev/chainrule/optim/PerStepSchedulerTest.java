package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PerStepScheduler}, and the arguments {@link OneCycle} and restarts refuse. */
class PerStepSchedulerTest {
  private static final OneCycle CYCLE = LearningRateSchedule.oneCycle(20);

  private static Sgd sgd(double rate) {
    return Sgd.builder(rate).momentum(0.9)
        .build(List.of(Variable.parameter(Tensor.vector(1, 2), "w")));
  }

  @Test
  void madeItSetsTheFirstStepsRateAndEachStepTheNext() {
    Sgd sgd = sgd(0.1);
    PerStepScheduler scheduler = PerStepScheduler.of(sgd, CYCLE);
    assertEquals(CYCLE.rate(0.1, 0), sgd.learningRate(), "as PyTorch's constructor sets it");
    // The schedule reaches η₀/div_factor by its own arithmetic, not one division: measured 4
    // ulps of 0.004 (8.7e-19 each) off; 1e-17 is 11.
    assertEquals(0.1 / 25, sgd.learningRate(), 1e-17, "η₀/div_factor, give or take a few ulps");
    step(sgd, Tensor.vector(1, 1));
    assertEquals(CYCLE.rate(0.1, 1), scheduler.step());
    // The count is the optimizer's: a second call sets the same rate, where PyTorch's scheduler
    // would move on a step.
    assertEquals(CYCLE.rate(0.1, 1), scheduler.step());
    assertEquals(CYCLE.rate(0.1, 1), sgd.learningRate());
    assertEquals(CYCLE.rate(0.1, 15), scheduler.rateAt(15));
    assertEquals(CYCLE.rate(0.1, 1), sgd.learningRate(), "rateAt sets nothing");
    assertEquals(CYCLE.rate(0.5, 1), PerStepScheduler.of(sgd, CYCLE, 0.5).step(),
        "an explicit base rate");
  }

  /**
   * Seven steps, the optimizer's state into a new optimizer built at another rate, a new
   * scheduler: the next steps are the uninterrupted run's, bit for bit, rates and parameters.
   */
  @Test
  void aSchedulerOverARestoredOptimizerGoesOnWhereTheRunStopped() {
    Sgd whole = sgd(0.1);
    PerStepScheduler wholeScheduler = PerStepScheduler.of(whole, CYCLE);
    Sgd first = sgd(0.1);
    PerStepScheduler firstScheduler = PerStepScheduler.of(first, CYCLE);
    for (int s = 0; s < 7; s++) {
      step(whole, Tensor.vector(1, -2));
      wholeScheduler.step();
      step(first, Tensor.vector(1, -2));
      firstScheduler.step();
    }
    Sgd resumed = Sgd.builder(0.5).momentum(0.9).build(List.of(Variable.parameter(
        first.parameters().get(0).value(), "w")));
    resumed.loadState(first.state());
    PerStepScheduler resumedScheduler = PerStepScheduler.of(resumed, CYCLE);
    assertEquals(0.1, resumedScheduler.baseRate(), "the saved initial_lr, not the new 0.5");
    for (int s = 7; s < 20; s++) {
      assertEquals(whole.learningRate(), resumed.learningRate(), "the rate of step " + s);
      step(whole, Tensor.vector(1, -2));
      wholeScheduler.step();
      step(resumed, Tensor.vector(1, -2));
      resumedScheduler.step();
    }
    assertArrayEquals(whole.parameters().get(0).value().toArray(),
        resumed.parameters().get(0).value().toArray(), 0);
    // A scheduler over a fresh optimizer would have started the warm-up again.
    assertNotEquals(CYCLE.rate(0.1, 7), CYCLE.rate(0.1, 0));
  }

  @Test
  void aRateThatIsNoRateIsNamedWithItsStep() {
    PerStepScheduler scheduler = PerStepScheduler.of(sgd(0.1), LearningRateSchedule.exponential(
        10));
    assertMessage("PerStepScheduler: the schedule Exponential[gamma=10.0] gives Infinity at step"
        + " 400 from the base rate 0.1 (it overflowed or went below 0); end the growth sooner or"
        + " lower its factor", () -> scheduler.rateAt(400));
    assertMessage("PerStepScheduler: step -1 is outside the steps a schedule counts, 0 to"
        + " 2^31 - 1", () -> scheduler.rateAt(-1));
    assertMessage("PerStepScheduler: the base rate must be finite and non-negative, got NaN",
        () -> PerStepScheduler.of(sgd(0.1), CYCLE, Double.NaN));
  }

  @Test
  void oneCycleIsAValueWithPyTorchsDefaults() {
    assertEquals(new OneCycle(20, 0.3, 25, 1e4, OneCycle.Annealing.COS, false), CYCLE);
    assertEquals("OneCycle[totalSteps=20, pctStart=0.25, divFactor=10.0, finalDivFactor=100.0,"
        + " annealing=LINEAR, threePhase=true]", CYCLE.withPctStart(0.25).withDivFactor(10)
        .withFinalDivFactor(100).withAnnealing(OneCycle.Annealing.LINEAR).withThreePhase(true)
        .toString());
    // Counted in epochs it is the same function: LearningRateScheduler applies it too.
    assertEquals(CYCLE.rate(0.1, 6), LearningRateScheduler.of(sgd(0.1), CYCLE).apply(6));
    assertEquals(0.1, CYCLE.rate(0.1, 5), "the peak, η₀, at pct_start·total − 1");
  }

  @Test
  void oneCycleRefusesSettingsWithoutACycle() {
    assertMessage("oneCycle: the total steps must be at least 1, got 0",
        () -> LearningRateSchedule.oneCycle(0));
    assertMessage("oneCycle: pctStart must be in [0, 1.0), got 1.0",
        () -> CYCLE.withPctStart(1));
    assertMessage("oneCycle: pctStart must be in [0, 1.0), got -0.1",
        () -> CYCLE.withPctStart(-0.1));
    assertMessage("oneCycle: pctStart must be in [0, 0.5] with threePhase, got 0.6",
        () -> CYCLE.withPctStart(0.6).withThreePhase(true));
    assertMessage("oneCycle: pctStart must be in [0, 1.0), got NaN",
        () -> CYCLE.withPctStart(Double.NaN));
    assertMessage("oneCycle: pctStart 0.05 of 20 steps is a rise of exactly 1 step, which has no"
        + " length (PyTorch divides by zero there); take another pctStart",
        () -> CYCLE.withPctStart(0.05));
    assertMessage("oneCycle: divFactor must be finite and at least 1 (below, the first rate is"
        + " above the peak), got 0.5", () -> CYCLE.withDivFactor(0.5));
    assertMessage("oneCycle: finalDivFactor must be finite and at least 1 (below, the last rate"
        + " is above the first), got Infinity",
        () -> CYCLE.withFinalDivFactor(Double.POSITIVE_INFINITY));
    assertMessage("oneCycle: the step must not be negative, got -1", () -> CYCLE.rate(0.1, -1));
    assertMessage("oneCycle: step 21 is past the 20 steps the cycle was built for (PyTorch's"
        + " OneCycleLR raises there too); build it for the run's steps",
        () -> CYCLE.rate(0.1, 21));
  }

  /**
   * The cosine reaches each phase's target exactly at the phase's last step: there PyTorch's
   * OneCycleLR (step ≤ end_step) is still in the phase, at pct = 1, where cos π + 1 = 0 leaves
   * the target itself, so a run peaks at exactly the optimizer's rate. The next phase's start
   * computes the same rate mathematically but not always in floating point: the last phase,
   * from 0.01 down to 0.001, starts at 0.001 + (0.01 − 0.001) = 0.010000000000000002.
   */
  @Test
  void oneCyclesTurningPointsAreTheirTargetsExactly() {
    // Three phases over 20 steps, 25 % rising: the rise ends at step 4, the fall at step 8.
    OneCycle cycle = LearningRateSchedule.oneCycle(20).withPctStart(0.25).withDivFactor(10)
        .withFinalDivFactor(10).withThreePhase(true);
    assertEquals(0.1, cycle.rate(0.1, 4), "the peak, exactly the base rate");
    assertEquals(0.1 / 10, cycle.rate(0.1, 8), "back at the first rate, exactly");
    assertEquals(0.1 / 10 / 10, cycle.rate(0.1, 20), "the last rate, exactly");
  }

  @Test
  void warmRestartsRefuseBadSettings() {
    assertMessage("cosineWarmRestarts: the first period must be at least 1, got 0",
        () -> LearningRateSchedule.cosineWarmRestarts(0, 1, 0));
    assertMessage("cosineWarmRestarts: the period factor must be at least 1 (each cycle at least"
        + " as long as the one before), got 0",
        () -> LearningRateSchedule.cosineWarmRestarts(10, 0, 0));
    assertMessage("cosineWarmRestarts: the minimum rate must be finite and non-negative, got"
        + " -0.1", () -> LearningRateSchedule.cosineWarmRestarts(10, 2, -0.1));
    // Each cycle would climb from η₀ to a minimum above it: refused as the cosine's is.
    CosineWarmRestarts climbing = LearningRateSchedule.cosineWarmRestarts(10, 2, 0.5);
    String refusal = "cosineWarmRestarts: the minimum rate 0.5 is above the base rate 0.1 that "
        + climbing + " anneals from, so the rate would climb to it; give a minimum rate of at"
        + " most the base rate (the optimizer's learning rate)";
    assertMessage(refusal, () -> climbing.rate(0.1, 0));
    Sgd sgd = Sgd.builder(0.1).build(List.of(Variable.parameter(Tensor.vector(1, 2))));
    assertMessage(refusal, () -> PerStepScheduler.of(sgd, climbing));
    assertEquals(0.1, sgd.learningRate(), "unchanged");
    assertEquals(0.5, climbing.rate(0.5, 3), "a minimum equal to the base: constant");
    assertMessage("cosineWarmRestarts: the index must not be negative, got -1",
        () -> LearningRateSchedule.cosineWarmRestarts(10, 2, 0).rate(0.1, -1));
    // Cycles of 10⁹·3ⁱ: the second, of 3·10⁹ from 10⁹, outgrows an int holding its indices.
    CosineWarmRestarts huge = LearningRateSchedule.cosineWarmRestarts(1_000_000_000, 3, 0);
    assertEquals(0.1, huge.rate(0.1, 1_000_000_000), "the second cycle's start");
    assertEquals(0.1 * (1 + Math.cos(Math.PI * 1_147_483_647.0 / 3e9)) / 2,
        huge.rate(0.1, Integer.MAX_VALUE), 1e-17, "1,147,483,647 into it: an ulp or so");
  }

  @Test
  void theBaseRateAndTheStepsRunToTheirEdges() {
    PerStepScheduler still = PerStepScheduler.of(sgd(0.1), CYCLE, 0);
    assertEquals(0.0, still.baseRate(), 0.0, "a base rate of 0 trains nothing, and is a rate");
    assertSame(CYCLE, still.schedule());
    assertMessage("PerStepScheduler: the base rate must be finite and non-negative, got Infinity",
        () -> PerStepScheduler.of(sgd(0.1), CYCLE, Double.POSITIVE_INFINITY));
    // γ = 1: the rate at the last step a schedule counts is the base rate itself.
    PerStepScheduler constant = PerStepScheduler.of(sgd(0.1), LearningRateSchedule.exponential(1));
    assertEquals(0.1, constant.rateAt(Integer.MAX_VALUE), 0.0);
    assertMessage("PerStepScheduler: step 2147483648 is outside the steps a schedule counts, 0 to"
        + " 2^31 - 1", () -> constant.rateAt(Integer.MAX_VALUE + 1L));
  }

  @Test
  void aCosineBehindAWarmUpClimbingAboveTheBaseRateIsRefusedAsTheSchedulerIsMade() {
    // Its first step would be the fifth; refused before the warm-up sets any rate.
    Sgd sgd = sgd(0.1);
    assertMessage("cosine: the minimum rate 5.0 is above the base rate 0.1 that"
        + " CosineAnnealing[epochs=3, minRate=5.0] anneals from, so the rate would climb to it;"
        + " give a minimum rate of at most the base rate (the optimizer's learning rate)",
        () -> PerStepScheduler.of(sgd, LearningRateSchedule.warmUp(4, 0.1,
            LearningRateSchedule.cosine(3, 5.0))));
    assertEquals(0.1, sgd.learningRate(), 0.0, "the rate as it was");
  }
}
