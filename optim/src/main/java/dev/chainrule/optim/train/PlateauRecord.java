package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.PlateauScheduler;

/**
 * The record of a reduction of the learning rate on a plateau between two epochs, with the
 * settings it was kept under, as a periodic checkpoint keeps it: a resumed run with the same
 * settings goes on from it and reduces its rate at the epochs the uninterrupted run would.
 *
 * @param monitor the figure watched (its direction, min or max, is the scheduler's)
 * @param reduction the settings: factor, patience, threshold, cooldown, floor and eps
 * @param state the best figure, the bad epochs and the cooldown left
 */
public record PlateauRecord(Monitor monitor, PlateauReduction reduction,
    PlateauScheduler.State state) {
  /**
   * Checks that no part is missing.
   *
   * @param monitor the figure watched
   * @param reduction the settings
   * @param state the scheduler's record
   */
  public PlateauRecord {
    checkNotNull(monitor, "plateau record: the monitor is null");
    checkNotNull(reduction, "plateau record: the reduction is null");
    checkNotNull(state, "plateau record: the state is null");
    // A step past the patience reduces and counts from 0; a cooldown counts down from its length.
    checkArgument(state.badEpochs() <= reduction.patience() && state.cooldownLeft()
        <= reduction.cooldown(), "plateau record: %s bad epochs and %s cooldown epochs left"
        + " cannot come from %s", state.badEpochs(), state.cooldownLeft(), reduction);
  }
}
