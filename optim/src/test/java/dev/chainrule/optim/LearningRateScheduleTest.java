package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules at chosen epochs against their closed forms, worked by hand from η₀ = 0.1. */
class LearningRateScheduleTest {
  private static final double BASE = 0.1;
  /** The closed forms are evaluated in a different order than by hand: an ulp or two of 0.1. */
  private static final double TOLERANCE = 1e-16;

  private static void assertRate(double expected, LearningRateSchedule schedule, int epoch) {
    assertEquals(expected, schedule.rate(BASE, epoch), TOLERANCE, () -> schedule + " at " + epoch);
  }

  @Test
  void constant() {
    assertRate(0.1, LearningRateSchedule.constant(), 0);
    assertRate(0.1, LearningRateSchedule.constant(), 1000);
  }

  @Test
  void stepDecayMultipliesByGammaEveryKEpochs() {
    LearningRateSchedule schedule = LearningRateSchedule.stepDecay(3, 0.5);
    assertRate(0.1, schedule, 0);
    assertRate(0.1, schedule, 2);      // ⌊2/3⌋ = 0
    assertRate(0.05, schedule, 3);     // ⌊3/3⌋ = 1
    assertRate(0.05, schedule, 5);
    assertRate(0.025, schedule, 6);
    assertRate(0.0125, schedule, 10);  // 0.1·0.5³
  }

  @Test
  void multiStepMultipliesByGammaAtEachMilestone() {
    LearningRateSchedule schedule = LearningRateSchedule.multiStep(new int[] {2, 5, 6}, 0.1);
    // PyTorch 1.13: MultiStepLR(SGD(lr=0.1), milestones=[2, 5, 6], gamma=0.1), its lr at the
    // start of epochs 0-9. PyTorch multiplies the current rate at each milestone and we take
    // η₀·γᵐ, yet both round to the same doubles here: compared exactly.
    double[] torch = {0.1, 0.1, 0.010000000000000002, 0.010000000000000002,
        0.010000000000000002, 0.0010000000000000002, 0.00010000000000000003,
        0.00010000000000000003, 0.00010000000000000003, 0.00010000000000000003};
    for (int e = 0; e < torch.length; e++) {
      assertEquals(torch[e], schedule.rate(BASE, e), "epoch " + e);
    }
    assertRate(0.1 * 0.5 * 0.5, LearningRateSchedule.multiStep(new int[] {30, 80}, 0.5), 1000);
    // The record's own constructor takes List.of, whose lists refuse contains(null).
    assertEquals(LearningRateSchedule.multiStep(new int[] {30, 80}, 0.1),
        new LearningRateSchedule.MultiStep(List.of(30, 80), 0.1));
  }

  @Test
  void exponentialMultipliesByGammaEveryEpoch() {
    LearningRateSchedule schedule = LearningRateSchedule.exponential(0.9);
    assertRate(0.1, schedule, 0);
    assertRate(0.081, schedule, 2);             // 0.1·0.81
    assertRate(0.03486784401, schedule, 10);    // 0.1·0.9¹⁰ = 0.1·0.3486784401
  }

  @Test
  void cosineAnnealsToTheMinimumThenStays() {
    LearningRateSchedule schedule = LearningRateSchedule.cosine(10, 0.001);
    // η_min + (η₀ − η_min)·(1 + cos(πe/T))/2 with η₀ − η_min = 0.099.
    assertRate(0.1, schedule, 0);                      // cos 0 = 1
    assertRate(0.0905463412215599, schedule, 2);       // 0.001 + 0.0495·(1 + (1 + √5)/4)
    assertRate(0.0505, schedule, 5);                   // cos(π/2) = 0: halfway
    assertRate(0.010453658778440104, schedule, 8);     // 0.001 + 0.0495·(1 − (1 + √5)/4)
    assertRate(0.001, schedule, 10);                   // cos π = −1
    assertRate(0.001, schedule, 25);                   // held, not climbing back
  }

  @Test
  void warmUpThenCosine() {
    LearningRateSchedule schedule =
        LearningRateSchedule.warmUp(5, 0.1, LearningRateSchedule.cosine(10, 0));
    assertRate(0.01, schedule, 0);     // 0.1·0.1
    assertRate(0.028, schedule, 1);    // 0.1·(0.1 + 0.9·1/5)
    assertRate(0.082, schedule, 4);    // 0.1·(0.1 + 0.9·4/5)
    assertRate(0.1, schedule, 5);      // the cosine's epoch 0
    assertRate(0.05, schedule, 10);    // the cosine's epoch 5
    assertRate(0, schedule, 15);       // the cosine's end, η_min = 0
    for (int e = 1; e < 15; e++) {
      double before = schedule.rate(BASE, e - 1);
      double now = schedule.rate(BASE, e);
      assertTrue(e <= 5 ? now > before : now < before, "rises, then falls, at " + e);
    }
  }

  @Test
  void schedulesAreValues() {
    assertEquals(new LearningRateSchedule.WarmUp(5, 0.1, new LearningRateSchedule.CosineAnnealing(
        10, 0)), LearningRateSchedule.warmUp(5, 0.1, LearningRateSchedule.cosine(10, 0)));
    assertEquals("StepDecay[everyEpochs=3, gamma=0.5]",
        LearningRateSchedule.stepDecay(3, 0.5).toString());
    int[] milestones = {30, 80};
    LearningRateSchedule multiStep = LearningRateSchedule.multiStep(milestones, 0.1);
    milestones[0] = 1;  // the schedule copied them
    assertEquals(LearningRateSchedule.multiStep(new int[] {30, 80}, 0.1), multiStep);
    assertEquals("WarmUp[epochs=5, startFactor=0.1, then=MultiStep[milestones=[30, 80],"
        + " gamma=0.1]]", LearningRateSchedule.warmUp(5, 0.1, multiStep).toString());
  }

  @Test
  void rejectsBadArguments() {
    assertMessage("stepDecay: the period must be at least 1 epoch, got 0",
        () -> LearningRateSchedule.stepDecay(0, 0.5));
    assertMessage("multiStep: the milestones must be positive and strictly increasing, got"
        + " [30, 30]", () -> LearningRateSchedule.multiStep(new int[] {30, 30}, 0.1));
    assertMessage("multiStep: the milestones must be positive and strictly increasing, got"
        + " [0, 10]", () -> LearningRateSchedule.multiStep(new int[] {0, 10}, 0.1));
    assertMessage("multiStep: the milestones must be positive and strictly increasing, got"
        + " [20, 10]", () -> LearningRateSchedule.multiStep(new int[] {20, 10}, 0.1));
    assertMessage("multiStep: give at least one milestone (without one the rate is constant())",
        () -> LearningRateSchedule.multiStep(new int[0], 0.1));
    // Through the record's own constructor a list may hold a null, which no int[] can.
    assertMessage("multiStep: a milestone is null: [10, null]",
        () -> new LearningRateSchedule.MultiStep(Arrays.asList(10, null), 0.1));
    assertMessage("multiStep: gamma must be finite and positive, got NaN",
        () -> LearningRateSchedule.multiStep(new int[] {10}, Double.NaN));
    assertMessage("exponential: gamma must be finite and positive, got 0.0",
        () -> LearningRateSchedule.exponential(0));
    assertMessage("cosine: the length must be at least 1 epoch, got 0",
        () -> LearningRateSchedule.cosine(0, 0));
    assertMessage("cosine: the minimum rate must be finite and non-negative, got -1.0",
        () -> LearningRateSchedule.cosine(10, -1));
    assertMessage("warmUp: the start factor must be in (0, 1], got 0.0",
        () -> LearningRateSchedule.warmUp(5, 0, LearningRateSchedule.constant()));
    assertMessage("learning-rate schedule: the epoch must not be negative, got -1",
        () -> LearningRateSchedule.exponential(0.9).rate(BASE, -1));
  }

  @Test
  void theSchedulerSetsTheOptimizersRateEachEpoch() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).build(List.of(w));
    LearningRateScheduler scheduler =
        LearningRateScheduler.of(sgd, LearningRateSchedule.stepDecay(2, 0.1));
    assertEquals(0.1, scheduler.apply(0));
    assertEquals(0.1, sgd.learningRate());
    step(sgd, Tensor.vector(1, 1));
    scheduler.apply(2);
    assertEquals(0.1 * 0.1, sgd.learningRate(), TOLERANCE);

    // Resuming: a restored optimizer holds epoch 2's rate, but a new scheduler starts from the
    // rate the optimizer was built with, so the decay is not applied twice.
    Sgd resumed = Sgd.builder(0.1).momentum(0.9).build(List.of(w));
    resumed.loadState(sgd.state());
    assertEquals(sgd.learningRate(), resumed.learningRate());
    LearningRateScheduler again =
        LearningRateScheduler.of(resumed, LearningRateSchedule.stepDecay(2, 0.1));
    assertEquals(scheduler.apply(4), again.apply(4));
    assertEquals(0.5 * 0.01, LearningRateScheduler.of(resumed, LearningRateSchedule.stepDecay(2,
        0.1), 0.5).apply(5), TOLERANCE);
  }

  @Test
  void aScheduleThatOverflowsIsNamedNotTheOptimizer() {
    Sgd sgd = Sgd.builder(0.1).build(List.of(Variable.parameter(Tensor.vector(1, 2))));
    LearningRateSchedule growth = LearningRateSchedule.exponential(10);
    assertMessage("LearningRateScheduler: the schedule " + growth + " gives Infinity at epoch"
        + " 400 from the base rate 0.1 (it overflowed or went below 0); end the growth sooner or"
        + " lower its factor", () -> LearningRateScheduler.of(sgd, growth).apply(400));
    assertEquals(0.1, sgd.learningRate(), "unchanged");
  }
  /** A schedule of one's own that computes something undefined: 0/0 at every epoch. */
  private record Undefined() implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return 0.0 / 0.0;
    }
  }

  @Test
  void aScheduleThatGivesNanIsNamedAsSuchNotAsAnOverflow() {
    Sgd sgd = Sgd.builder(0.1).build(List.of(Variable.parameter(Tensor.vector(1, 2))));
    assertMessage("LearningRateScheduler: the schedule Undefined[] gives NaN at epoch 3 from the"
        + " base rate 0.1, which is no learning rate; a schedule's rate is a number from 0 up",
        () -> LearningRateScheduler.of(sgd, new Undefined()).apply(3));
    assertEquals(0.1, sgd.learningRate(), "unchanged");
  }

  @Test
  void aCosineMinimumAboveTheBaseRateIsRefusedWhereTheScheduleMeetsTheRate() {
    // cosine(3, 5) from 0.1 would rise to 5: the minimum is known when the schedule is built,
    // the base rate only when it is applied, so the refusal comes then, naming both.
    LearningRateSchedule climbing = LearningRateSchedule.cosine(3, 5.0);
    String refusal = "cosine: the minimum rate 5.0 is above the base rate 0.1 that"
        + " CosineAnnealing[epochs=3, minRate=5.0] anneals from, so the rate would climb to it;"
        + " give a minimum rate of at most the base rate (the optimizer's learning rate)";
    assertMessage(refusal, () -> climbing.rate(BASE, 0));
    Sgd sgd = Sgd.builder(0.1).build(List.of(Variable.parameter(Tensor.vector(1, 2))));
    assertMessage(refusal, () -> LearningRateScheduler.of(sgd, climbing));
    // Behind a warm-up the cosine is reached only at epoch 5; the scheduler refuses it at once.
    assertMessage(refusal, () -> LearningRateScheduler.of(sgd,
        LearningRateSchedule.warmUp(5, 0.1, climbing)));
    assertMessage("cosine: the minimum rate 0.2 is above the base rate 0.1 that"
        + " CosineAnnealing[epochs=3, minRate=0.2] anneals from, so the rate would climb to it;"
        + " give a minimum rate of at most the base rate (the optimizer's learning rate)",
        () -> LearningRateScheduler.of(sgd, LearningRateSchedule.cosine(3, 0.2), 0.1));
    assertEquals(0.1, sgd.learningRate(), "unchanged");
    // A minimum equal to the base rate is a constant rate, not a climb.
    assertRate(0.1, LearningRateSchedule.cosine(3, 0.1), 2);
    // A warm-up rises on purpose and stays accepted, as do growth factors PyTorch allows.
    LearningRateScheduler.of(sgd, LearningRateSchedule.warmUp(5, 0.1,
        LearningRateSchedule.cosine(3, 0.1)));
    assertEquals(0.2, LearningRateScheduler.of(sgd, LearningRateSchedule.exponential(2))
        .apply(1));
  }
}
