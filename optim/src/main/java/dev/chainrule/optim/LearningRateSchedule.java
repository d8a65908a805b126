package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The learning rate for an epoch (or step) index, given the base rate η₀. A schedule is a pure
 * function of the index, carrying nothing from one call to the next, so a resumed run computes the
 * same rates as one that never stopped. {@link LearningRateScheduler} applies one to an optimizer
 * each epoch. Indices count from 0; the factories return values ({@code equals}, {@code
 * toString}) and compose: {@code warmUp(5, 0.1, cosine(95, 1e-5))}.
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
   * @param minRate the rate reached at the end
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

  /** See {@link #constant()}. */
  record Constant() implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      checkEpoch(epoch);
      return baseRate;
    }
  }

  /** See {@link #stepDecay(int, double)}. */
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
      checkFactor("stepDecay", gamma);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * Math.pow(gamma, checkEpoch(epoch) / everyEpochs);
    }
  }

  /**
   * See {@link #multiStep(int[], double)}. The milestones are a list, so that the schedule is a
   * value: an array's {@code equals} and {@code toString} are its identity's.
   */
  record MultiStep(List<Integer> milestones, double gamma) implements LearningRateSchedule {
    /**
     * Checks the arguments and copies the milestones.
     *
     * @param milestones the epochs at which the rate is multiplied
     * @param gamma the factor of each decay
     */
    public MultiStep {
      checkNotNull(milestones, "multiStep: the milestones are null");
      checkArgument(!milestones.isEmpty(),
          "multiStep: give at least one milestone (without one the rate is constant())");
      // Not milestones.contains(null): List.of's lists throw on the question.
      checkArgument(milestones.stream().noneMatch(Objects::isNull),
          "multiStep: a milestone is null: %s", milestones);
      // A milestone at 0 would only change the base rate; a repeated one (which PyTorch counts
      // twice) or one out of order is more likely a typo than a wish for γ².
      int previous = 0;
      for (int milestone : milestones) {
        checkArgument(milestone > previous, "multiStep: the milestones must be positive and"
            + " strictly increasing, got %s", milestones);
        previous = milestone;
      }
      checkFactor("multiStep", gamma);
      milestones = List.copyOf(milestones);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      checkEpoch(epoch);
      int passed = 0;
      while (passed < milestones.size() && milestones.get(passed) <= epoch) {
        passed++;
      }
      return baseRate * Math.pow(gamma, passed);
    }
  }

  /** See {@link #exponential(double)}. */
  record Exponential(double gamma) implements LearningRateSchedule {
    /**
     * Checks the arguments.
     *
     * @param gamma the factor of each decay
     */
    public Exponential {
      checkFactor("exponential", gamma);
    }

    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * Math.pow(gamma, checkEpoch(epoch));
    }
  }

  /** See {@link #cosine(int, double)}. */
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
    public double rate(double baseRate, int epoch) {
      // Held at the minimum after T: PyTorch's recursive form would climb back up a cosine.
      int e = Math.min(checkEpoch(epoch), epochs);
      return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * e / epochs)) / 2;
    }
  }

  /** See {@link #warmUp(int, double, LearningRateSchedule)}. */
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
    public double rate(double baseRate, int epoch) {
      if (checkEpoch(epoch) >= epochs) {
        return then.rate(baseRate, epoch - epochs);
      }
      return baseRate * (startFactor + (1 - startFactor) * epoch / epochs);
    }
  }

  private static int checkEpoch(int epoch) {
    checkArgument(epoch >= 0, "learning-rate schedule: the epoch must not be negative, got %s",
        epoch);
    return epoch;
  }

  private static void checkFactor(String schedule, double gamma) {
    checkArgument(gamma > 0 && gamma < Double.POSITIVE_INFINITY,
        "%s: gamma must be finite and positive, got %s", schedule, gamma);
  }
}
