package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Optional;

/**
 * What a training run did: one result per epoch, whether and where early stopping ended it, and
 * which epoch's weights the model was left with.
 *
 * @param epochs the epochs run, in order
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param bestEpoch the epoch with the best monitored value (the last epoch without monitoring)
 * @param weightsEpoch the epoch whose weights (parameters and buffers, as that epoch ended them)
 *     the model holds after the run: the best epoch when {@link
 *     Trainer.Builder#restoreBestWeights} put them back, otherwise the last epoch run; −1 when the
 *     model holds no listed epoch's weights (a run that diverged inside an epoch, or ran none)
 * @param earlierBest the best epoch's figures when that epoch ran before this run: a run resumed
 *     with early stopping's record ({@link Trainer.Builder#resume}) whose later epochs did not
 *     improve on it; else null, and the best epoch is among {@code epochs}
 */
public record History(List<EpochResult> epochs, boolean stoppedEarly, int bestEpoch,
    int weightsEpoch, EpochResult earlierBest) {
  /**
   * Copies the epochs.
   *
   * @param epochs the epochs run, in order
   * @param stoppedEarly whether early stopping ended the run
   * @param bestEpoch the epoch with the best monitored value
   * @param weightsEpoch the epoch whose weights the model holds, or −1
   * @param earlierBest the best epoch's figures when it ran before this run, or null
   */
  public History {
    epochs = List.copyOf(epochs);
    checkArgument(weightsEpoch >= -1,
        "History: the weights' epoch must be an epoch (from 0) or -1, got %s", weightsEpoch);
    checkArgument(earlierBest == null || earlierBest.epoch() == bestEpoch && (epochs.isEmpty()
        || earlierBest.epoch() < epochs.get(0).epoch()), "History: the earlier best epoch %s is"
        + " not the best epoch %s, or not before the epochs run", earlierBest, bestEpoch);
  }

  /**
   * A run whose best epoch, if any, is among its epochs.
   *
   * @param epochs the epochs run, in order
   * @param stoppedEarly whether early stopping ended the run
   * @param bestEpoch the epoch with the best monitored value
   * @param weightsEpoch the epoch whose weights the model holds, or −1
   */
  public History(List<EpochResult> epochs, boolean stoppedEarly, int bestEpoch,
      int weightsEpoch) {
    this(epochs, stoppedEarly, bestEpoch, weightsEpoch, null);
  }

  /**
   * A run that ends with its last epoch's weights, as every run without {@link
   * Trainer.Builder#restoreBestWeights} does.
   *
   * @param epochs the epochs run, in order
   * @param stoppedEarly whether early stopping ended the run
   * @param bestEpoch the epoch with the best monitored value
   */
  public History(List<EpochResult> epochs, boolean stoppedEarly, int bestEpoch) {
    this(epochs, stoppedEarly, bestEpoch,
        epochs.isEmpty() ? -1 : epochs.get(epochs.size() - 1).epoch(), null);
  }

  /**
   * The figures of an epoch: one run, or the earlier best.
   *
   * @param epoch the epoch, from 0
   * @return its figures, or empty when this history has none of it
   */
  public Optional<EpochResult> result(int epoch) {
    if (earlierBest != null && earlierBest.epoch() == epoch) {
      return Optional.of(earlierBest);
    }
    return epochs.stream().filter(e -> e.epoch() == epoch).findFirst();
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
   * The learning rate each epoch ran at: a schedule's, or the optimizer's as reductions on a
   * plateau left it.
   *
   * @return a rate per epoch
   */
  public List<Double> learningRates() {
    return epochs.stream().map(EpochResult::learningRate).toList();
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
   * A metric of one's own ({@link Trainer.Builder#metric}) of each epoch.
   *
   * @param name the metric's name, as declared
   * @return its value per epoch
   * @throws IllegalArgumentException when an epoch has no metric of that name (undeclared, or a
   *     run without validation data), naming those it has
   */
  public List<Double> metric(String name) {
    return epochs.stream().map(e -> e.metric(name)).toList();
  }

  /**
   * The last epoch's results.
   *
   * @return the last epoch run
   * @throws IllegalStateException when no epoch completed (a run that diverged in its first)
   */
  public EpochResult last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("history: no epoch completed, so there is no last one");
    }
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
