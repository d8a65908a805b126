package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Early stopping's record between two epochs, as a periodic checkpoint keeps it so that a resumed
 * run stops, and keeps weights, where the uninterrupted run would: the figure it watches and the
 * least change that counts (the settings the best figure was judged by), the best epoch so far
 * with its figures, and the epochs since without improvement (Keras's and Lightning's {@code
 * wait}). A run that neither stops early nor restores its best weights keeps it too, for its
 * {@link History#bestEpoch()}. The patience only says when the count is enough: a resumed run may
 * change it.
 *
 * @param monitor the figure that decides the best
 * @param minDelta the least change that counted as an improvement, finite and at least 0
 * @param patience the run's early-stopping patience, 0 when it did not stop early
 * @param best the best epoch's figures, or null while no epoch improved (a validation loss never
 *     finite)
 * @param epochsWithoutImprovement epochs since the best one (or since the run's start while none
 *     improved), at least 0
 * @param keepsBestWeights whether the run copied the best epoch's weights to restore them
 *     ({@link Trainer.Builder#restoreBestWeights}): only then are they saved beside a checkpoint
 */
public record EarlyStoppingRecord(Monitor monitor, double minDelta, int patience,
    EpochResult best, int epochsWithoutImprovement, boolean keepsBestWeights) {
  /**
   * Checks the record.
   *
   * @param monitor the figure watched
   * @param minDelta the least change that counted
   * @param patience the run's patience, or 0
   * @param best the best epoch's figures, or null
   * @param epochsWithoutImprovement epochs since the best
   * @param keepsBestWeights whether the best weights were kept
   */
  public EarlyStoppingRecord {
    checkNotNull(monitor, "early stopping's record: the monitor is null");
    checkArgument(minDelta >= 0 && minDelta < Double.POSITIVE_INFINITY,
        "early stopping's record: the min delta must be finite and non-negative, got %s",
        minDelta);
    checkArgument(patience >= 0, "early stopping's record: the patience must not be negative,"
        + " got %s", patience);
    checkArgument(epochsWithoutImprovement >= 0,
        "early stopping's record: epochs without improvement must not be negative, got %s",
        epochsWithoutImprovement);
    // The best figure is what later epochs are measured against: NaN would let none improve.
    checkArgument(best == null || !Double.isNaN(monitor.of(best)), "early stopping's record: the"
        + " best epoch %s has no %s (NaN)", best == null ? -1 : best.epoch(), monitor);
  }

  /**
   * Whether the run acted on the record: it stopped early, or kept the best epoch's weights to
   * end with them. A resumed run then must act on it too, by the same monitor and min delta.
   *
   * @return whether the patience is positive or the best weights were kept
   */
  public boolean stopsOrRestores() {
    return patience > 0 || keepsBestWeights;
  }

  /**
   * Whether a run watching {@code watched} with {@code delta} may go on from this record: the same
   * figure and min delta (compared exactly, as the record reads back bit for bit), else its best
   * would be judged by another rule than the run's.
   *
   * @param watched the figure the run watches
   * @param delta the run's min delta
   * @return whether the record was kept under those settings
   */
  public boolean keptUnder(Monitor watched, double delta) {
    return monitor.equals(watched) && minDelta == delta;
  }

  /**
   * The best epoch, from 0.
   *
   * @return its number, or −1 while none improved
   */
  public int bestEpoch() {
    return best == null ? -1 : best.epoch();
  }
}
