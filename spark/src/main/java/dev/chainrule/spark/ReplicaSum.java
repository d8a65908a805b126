package dev.chainrule.spark;

import java.io.Serializable;

/**
 * Partial sums of one averaging round, merged by {@code treeAggregate}: the replicas' parameters
 * and optimizer states, each weighted by the samples the replica trained on (the driver divides
 * by the total), the training loss summed over those samples, the samples and correctly
 * classified samples, and the slowest replica's time to fetch the broadcast and to train.
 *
 * @param parameters null while no replica has trained
 * @param state null while no replica has trained
 * @param correct −1 when the loss does not classify
 * @param firstLoss the loss summed over each replica's first batch of the round, taken before the
 *     replica's first step: the broadcast model's loss, which a run's first round gives the
 *     divergence checks as their reference (the round's mean has K − 1 steps of training in it)
 * @param firstSamples the samples of those first batches
 */
record ReplicaSum(PackedTensors parameters, PackedState state, double loss, long samples,
    long correct, long fetchNanos, long computeNanos, double firstLoss, long firstSamples)
    implements Serializable {

  /** No replica yet: the zero of the aggregation. */
  static final ReplicaSum EMPTY = new ReplicaSum(null, null, 0, 0, 0, 0, 0, 0, 0);

  /** Both parts together. */
  ReplicaSum plus(ReplicaSum other) {
    if (other.samples == 0) {
      return withTimes(other);
    }
    if (samples == 0) {
      return other.withTimes(this);
    }
    return new ReplicaSum(parameters.plus(other.parameters), state.plus(other.state),
        loss + other.loss, samples + other.samples,
        correct < 0 || other.correct < 0 ? -1 : correct + other.correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos),
        firstLoss + other.firstLoss, firstSamples + other.firstSamples);
  }

  private ReplicaSum withTimes(ReplicaSum other) {
    return new ReplicaSum(parameters, state, loss, samples, correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos),
        firstLoss, firstSamples);
  }
}
