package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Cosine annealing with warm restarts, from {@link LearningRateSchedule#cosineWarmRestarts}:
 * PyTorch 1.13's {@code CosineAnnealingWarmRestarts(T_0=firstPeriod, T_mult=periodFactor,
 * eta_min=minRate)}. Cycle i (from 0) spans Tᵢ = T₀·mᶦ indices; at index t, T_cur indices into
 * its cycle, the rate is {@link LearningRateSchedule#cosine}'s η_min + (η₀ − η_min)·(1 +
 * cos(π·T_cur/Tᵢ))/2, so each cycle starts again at η₀ and ends one index short of η_min.
 *
 * <p>PyTorch finds the cycle two ways. Its {@code step()}, called once per step, counts T_cur up
 * and restarts it when it reaches Tᵢ: exact integer arithmetic, which the cycle search here
 * repeats, so the rates are that loop's. Its {@code step(epoch)} instead takes n = ⌊log_m(t/T₀·(m −
 * 1) + 1)⌋ in floating point, which misses a restart where the logarithm rounds below a whole
 * number: for T₀ = 1, m = 3 at t = 121 it gives the previous cycle's end (η_min) where {@code
 * step()} and this schedule restart at η₀.
 *
 * @param firstPeriod T₀, the first cycle's length, positive
 * @param periodFactor m, each cycle's length over the previous one's, at least 1
 * @param minRate η_min, finite and non-negative, and at most the base rate (checked when the
 *     schedule is applied: above it each cycle would climb, not anneal)
 */
public record CosineWarmRestarts(int firstPeriod, int periodFactor, double minRate)
    implements LearningRateSchedule {
  /**
   * Checks the settings.
   *
   * @param firstPeriod T₀
   * @param periodFactor m
   * @param minRate η_min
   */
  public CosineWarmRestarts {
    checkArgument(firstPeriod >= 1, "cosineWarmRestarts: the first period must be at least 1,"
        + " got %s", firstPeriod);
    checkArgument(periodFactor >= 1, "cosineWarmRestarts: the period factor must be at least 1"
        + " (each cycle at least as long as the one before), got %s", periodFactor);
    checkArgument(minRate >= 0 && minRate < Double.POSITIVE_INFINITY,
        "cosineWarmRestarts: the minimum rate must be finite and non-negative, got %s", minRate);
    minRate = Hyperparameters.unsignedZero(minRate);
  }

  @Override
  public void checkBaseRate(double baseRate) {
    CosineCurve.checkFloor("cosineWarmRestarts", this, minRate, baseRate);
  }

  @Override
  public double rate(double baseRate, int index) {
    checkBaseRate(baseRate);
    checkArgument(index >= 0, "cosineWarmRestarts: the index must not be negative, got %s",
        index);
    // Longs: with m > 1 a cycle can outgrow an int while it still holds an int index.
    long start = 0;
    long length = firstPeriod;
    if (periodFactor == 1) {
      start = index - index % length;
    } else {
      while (index >= start + length) {
        start += length;
        length *= periodFactor;
      }
    }
    return CosineCurve.annealed(baseRate, minRate, index - start, length);
  }
}
