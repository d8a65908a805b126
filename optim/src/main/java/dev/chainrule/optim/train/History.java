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
  /**
   * Copies the epochs.
   *
   * @param epochs the epochs run, in order
   * @param stoppedEarly whether early stopping ended the run
   * @param bestEpoch the epoch with the best monitored value
   */
  public History {
    epochs = List.copyOf(epochs);
  }

  /**
   * The training loss of each epoch.
   *
   * @return a loss per epoch
   */
  public List<Double> trainLosses() {
    return epochs.stream().map(EpochResult::trainLoss).toList();
  }

  /**
   * The validation accuracy of each epoch (NaN without validation data).
   *
   * @return an accuracy per epoch
   */
  public List<Double> validationAccuracies() {
    return epochs.stream().map(EpochResult::validationAccuracy).toList();
  }

  /**
   * The last epoch's results.
   *
   * @return the last epoch run
   */
  public EpochResult last() {
    return epochs.get(epochs.size() - 1);
  }

  /**
   * Training seconds over all epochs.
   *
   * @return the seconds of training summed over the epochs
   */
  public double seconds() {
    return epochs.stream().mapToDouble(EpochResult::seconds).sum();
  }
}
