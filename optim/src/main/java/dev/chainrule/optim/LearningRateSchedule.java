package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.List;

/**
 * The learning rate for an index, given the base rate η₀. A schedule is a pure function of the
 * index, carrying nothing from one call to the next, so a resumed run computes the same rates as
 * one that never stopped. What the index counts is the applier's choice, not the schedule's:
 * {@link LearningRateScheduler} (and {@code Trainer.Builder.schedule}) applies one each epoch with
 * the epoch, {@link PerStepScheduler} (and {@code scheduleEveryStep}) before each optimizer step
 * with the optimizer's step count, so {@code warmUp(500, 0.01, cosine(9500, 0))} warms up over
 * 500 steps there. {@link #oneCycle} and {@link #cosineWarmRestarts} are meant for steps, as
 * PyTorch's {@code OneCycleLR} and {@code CosineAnnealingWarmRestarts} are stepped after every
 * batch. Indices count from 0; the factories return values ({@code equals}, {@code toString}) and
 * compose: {@code warmUp(5, 0.1, cosine(95, 1e-5))}.
 *
 * <p>PyTorch's schedulers update the rate recursively from the previous one in places ({@code
 * LinearLR}, {@code CosineAnnealingLR}, {@code CosineAnnealingWarmRestarts}'s cycle count); these
 * are closed forms of the index. They agree to rounding where PyTorch's recursion stays on its
 * curve, and the factories say where it does not.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /**
   * The learning rate at index {@code epoch} ≥ 0 for the base rate η₀ = {@code baseRate}.
   *
   * @param baseRate the learning rate the schedule scales
   * @param epoch the 0-based epoch
   * @return the learning rate of the epoch
   */
  double rate(double baseRate, int epoch);

  /**
   * Refuses a base rate this schedule has no meaningful rates for. The schedulers and the
   * trainer ask it as they take the schedule, before its first rate: a schedule reached only
   * later (a warm-up's {@code then}) is refused at the run's start, not epochs into it. By
   * default every base rate is accepted; a schedule that holds another passes the question on.
   *
   * @param baseRate the learning rate the schedule is to scale
   * @throws IllegalArgumentException when the schedule cannot scale {@code baseRate}
   */
  default void checkBaseRate(double baseRate) {}

  /**
   * η₀ at every epoch.
   *
   * @return the schedule
   */
  static LearningRateSchedule constant() {
    return new Constant();
  }

  /**
   * Step decay, η₀·γ^⌊e/k⌋: multiplied by γ every k epochs (PyTorch's {@code StepLR}).
   *
   * @param everyEpochs epochs between decays, positive
   * @param gamma the factor of each decay, finite and positive (above 1 the rate grows, as
   *     PyTorch allows)
   * @return the schedule
   */
  static LearningRateSchedule stepDecay(int everyEpochs, double gamma) {
    return new StepDecay(everyEpochs, gamma);
  }

  /**
   * Decay at chosen epochs, η₀·γ^m with m the number of milestones ≤ e: multiplied by γ at each
   * milestone (PyTorch's {@code MultiStepLR}; {@code multiStep(new int[] {30, 80}, 0.1)} trains
   * epochs 0-29 at η₀, 30-79 at η₀/10 and the rest at η₀/100).
   *
   * @param milestones the epochs at which the rate is multiplied, positive and strictly
   *     increasing, at least one
   * @param gamma the factor of each decay, finite and positive (above 1 the rate grows, as
   *     PyTorch allows)
   * @return the schedule
   */
  static LearningRateSchedule multiStep(int[] milestones, double gamma) {
    checkNotNull(milestones, "multiStep: the milestones are null");
    return new MultiStep(Arrays.stream(milestones).boxed().toList(), gamma);
  }

  /**
   * Exponential decay, η₀·γᵉ: multiplied by γ every epoch (PyTorch's {@code ExponentialLR}).
   *
   * @param gamma the factor of each decay, finite and positive (above 1 the rate grows, as
   *     PyTorch allows)
   * @return the schedule
   */
  static LearningRateSchedule exponential(double gamma) {
    return new Exponential(gamma);
  }

  /**
   * Cosine annealing from η₀ to a minimum over T epochs, then the minimum (PyTorch's {@code
   * CosineAnnealingLR} closed form; Loshchilov &amp; Hutter 2017, SGDR, without restarts):
   * η_min + (η₀ − η_min)·(1 + cos(π·e/T))/2 for e ≤ T, η_min after.
   *
   * @param epochs epochs the schedule spans, positive
   * @param minRate the rate reached at the end, finite, non-negative and at most the base rate:
   *     above it the "annealing" would climb, so it is refused when the schedule is applied
   *     (PyTorch's {@code CosineAnnealingLR} climbs)
   * @return the schedule
   */
  static LearningRateSchedule cosine(int epochs, double minRate) {
    return new CosineAnnealing(epochs, minRate);
  }

  /**
   * Linear warm-up over w epochs from η₀·s to η₀ (PyTorch's {@code LinearLR}), then {@code then}
   * from its own epoch 0 (as PyTorch's {@code SequentialLR}): η₀·(s + (1 − s)·e/w) for e &lt; w,
   * {@code then.rate(η₀, e − w)} after. Large batches and Adam-type optimizers often need it: the
   * first updates, made with poor gradient statistics, are the ones most likely to diverge.
   *
   * @param epochs epochs the schedule spans, positive
   * @param startFactor the share of the base rate in the first epoch, in (0, 1]
   * @param then the schedule after the warm-up, counting its epochs from the warm-up's end
   * @return the schedule
   */
  static LearningRateSchedule warmUp(int epochs, double startFactor, LearningRateSchedule then) {
    return new WarmUp(epochs, startFactor, then);
  }

  /**
   * PyTorch's {@code OneCycleLR(optimizer, max_lr=η₀, total_steps)} with its defaults ({@code
   * pct_start=0.3}, {@code anneal_strategy='cos'}, {@code div_factor=25}, {@code
   * final_div_factor=1e4}, {@code three_phase=False}): the peak is the base rate η₀, reached
   * after 30 % of the steps from η₀/25, then annealed to η₀/25/10⁴ at the last. {@link OneCycle}'s
   * {@code with} methods change the options. Counted in optimizer steps: {@code
   * oneCycle(epochs * batchesPerEpoch)} with {@code scheduleEveryStep}.
   *
   * @param totalSteps the steps the cycle spans, positive; asked for a later step it throws, as
   *     PyTorch does
   * @return the schedule
   */
  static OneCycle oneCycle(int totalSteps) {
    return OneCycle.of(totalSteps);
  }

  /**
   * Cosine annealing with warm restarts (PyTorch's {@code CosineAnnealingWarmRestarts(T_0,
   * T_mult, eta_min)}; Loshchilov &amp; Hutter 2017, SGDR): {@link #cosine} over a cycle of T₀
   * steps, then again from η₀ over T₀·m, T₀·m², and so on.
   *
   * @param firstPeriod T₀, the first cycle's length, positive
   * @param periodFactor m, the factor each cycle's length grows by, at least 1
   * @param minRate η_min, the rate each cycle anneals to, at most the base rate (refused above
   *     it when the schedule is applied, as {@link #cosine}'s is)
   * @return the schedule
   */
  static CosineWarmRestarts cosineWarmRestarts(int firstPeriod, int periodFactor,
      double minRate) {
    return new CosineWarmRestarts(firstPeriod, periodFactor, minRate);
  }

  /** See {@link #constant()}. */
  record Constant() implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      ScheduleChecks.epoch(epoch);
      return baseRate;
    }
  }

  /**
   * See {@link #stepDecay(int, double)}.
   *
   * @param everyEpochs how many epochs the rate is held before each multiplication by gamma
   * @param gamma the factor the rate is multiplied by every {@code everyEpochs} epochs
   */
  record StepDecay(int everyEpochs, double gamma) implements LearningRateSchedule {
    /**
     * Checks the arguments.
     *
     * @param everyEpochs epochs between decays, positive
     * @param gamma the factor of each decay
     */
    public StepDecay {
      checkArgument(everyEpochs >= 1, "stepDecay: the period must be at least 1 epoch, got %s",
          everyEpochs);
      ScheduleChecks.factor("stepDecay", gamma);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * Math.pow(gamma, ScheduleChecks.epoch(epoch) / everyEpochs);
    }
  }

  /**
   * See {@link #multiStep(int[], double)}. The milestones are a list, so that the schedule is a
   * value: an array's {@code equals} and {@code toString} are its identity's.
   *
   * @param milestones the epochs, in increasing order, from which the rate is one more factor of
   *     gamma lower
   * @param gamma the factor the rate is multiplied by at each milestone passed
   */
  record MultiStep(List<Integer> milestones, double gamma) implements LearningRateSchedule {
    /**
     * Checks the arguments and copies the milestones.
     *
     * @param milestones the epochs at which the rate is multiplied
     * @param gamma the factor of each decay
     */
    public MultiStep {
      milestones = ScheduleChecks.milestones(milestones);
      ScheduleChecks.factor("multiStep", gamma);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      ScheduleChecks.epoch(epoch);
      int passed = 0;
      while (passed < milestones.size() && milestones.get(passed) <= epoch) {
        passed++;
      }
      return baseRate * Math.pow(gamma, passed);
    }
  }

  /**
   * See {@link #exponential(double)}.
   *
   * @param gamma the factor the rate is multiplied by after every epoch
   */
  record Exponential(double gamma) implements LearningRateSchedule {
    /**
     * Checks the arguments.
     *
     * @param gamma the factor of each decay
     */
    public Exponential {
      ScheduleChecks.factor("exponential", gamma);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * Math.pow(gamma, ScheduleChecks.epoch(epoch));
    }
  }

  /**
   * See {@link #cosine(int, double)}.
   *
   * @param epochs the length T of the half cosine wave, after which the rate stays at the minimum
   * @param minRate η_min, the rate the schedule anneals to and holds after T epochs
   */
  record CosineAnnealing(int epochs, double minRate) implements LearningRateSchedule {
    /**
     * Checks the arguments.
     *
     * @param epochs epochs the schedule spans, positive
     * @param minRate the rate reached at the end
     */
    public CosineAnnealing {
      checkArgument(epochs >= 1, "cosine: the length must be at least 1 epoch, got %s", epochs);
      checkArgument(minRate >= 0 && minRate < Double.POSITIVE_INFINITY,
          "cosine: the minimum rate must be finite and non-negative, got %s", minRate);
    }

    @Override
    public void checkBaseRate(double baseRate) {
      CosineCurve.checkFloor("cosine", this, minRate, baseRate);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      checkBaseRate(baseRate);
      // Held at the minimum after T: PyTorch's recursive form would climb back up a cosine.
      return CosineCurve.annealed(baseRate, minRate, Math.min(ScheduleChecks.epoch(epoch), epochs),
          epochs);
    }
  }

  /**
   * See {@link #warmUp(int, double, LearningRateSchedule)}.
   *
   * @param epochs how many epochs the rate rises linearly before {@code then} takes over
   * @param startFactor the share of the base rate used in epoch 0, from which the rise starts
   * @param then the schedule that runs after the warm-up, counting its epochs from 0 again
   */
  record WarmUp(int epochs, double startFactor, LearningRateSchedule then)
      implements LearningRateSchedule {
    /**
     * Checks the arguments.
     *
     * @param epochs epochs the schedule spans, positive
     * @param startFactor the share of the base rate in the first epoch
     * @param then the schedule after the warm-up
     */
    public WarmUp {
      checkArgument(epochs >= 1, "warmUp: the length must be at least 1 epoch, got %s", epochs);
      checkArgument(startFactor > 0 && startFactor <= 1,
          "warmUp: the start factor must be in (0, 1], got %s", startFactor);
      checkNotNull(then, "warmUp: the schedule after the warm-up is null");
    }

    @Override
    public void checkBaseRate(double baseRate) {
      // The warm-up rises to η₀ on purpose; what follows it may not accept η₀.
      then.checkBaseRate(baseRate);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      if (ScheduleChecks.epoch(epoch) >= epochs) {
        return then.rate(baseRate, epoch - epochs);
      }
      return baseRate * (startFactor + (1 - startFactor) * epoch / epochs);
    }
  }
}
