package dev.chainrule.optim.train;

import java.util.List;

/**
 * What a training run did: one result per epoch, and whether and where early stopping ended it.
 *
 * @param epochs the epochs run, in order
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param bestEpoch the epoch with the best monitored value (the last epoch without monitoring)
 */
public record History(List<EpochResult> epochs, boolean stoppedEarly, int bestEpoch) {
  public History {
    epochs = List.copyOf(epochs);
  }

  public List<Double> trainLosses() {
    return epochs.stream().map(EpochResult::trainLoss).toList();
  }

  public List<Double> validationAccuracies() {
    return epochs.stream().map(EpochResult::validationAccuracy).toList();
  }

  /** The last epoch's results. */
  public EpochResult last() {
    return epochs.get(epochs.size() - 1);
  }

  /** Training seconds over all epochs. */
  public double seconds() {
    return epochs.stream().mapToDouble(EpochResult::seconds).sum();
  }
}
