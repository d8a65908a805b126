package dev.chainrule.spark;

import java.io.Serializable;

/**
 * Partial sums of one averaging round, merged by {@link FixedOrderAggregate}: the replicas'
 * parameters and optimizer states, each weighted by what the replica's batches weigh in the loss
 * (the driver divides by the total), the training loss summed over those samples, the samples
 * and correctly classified samples, and the slowest replica's time to fetch the broadcast and to
 * train.
 *
 * <p>A replica's weight is the sum of its batches' {@code Loss.meanWeight}: its samples, or Σ
 * w_y over them with class weights. So one local step of plain SGD per replica averages to the
 * step one machine takes on the replicas' batches together: each replica's gradient is its own
 * batch's (weighted) mean's, and weighted by what that mean divides by they add up to the mean
 * over all of them.
 *
 * @param parameters null while no replica has trained
 * @param changed per parameter tensor, whether any replica's value differs from the broadcast
 *     one; null while no replica has trained
 * @param state null while no replica has trained
 * @param loss the replicas' batch losses, each times its batch's weight
 * @param weight what the replicas' batches weigh in the loss, summed
 * @param samples the rows the replicas trained on in this round; 0 marks the empty sum, which
 *     merges as the identity
 * @param correct −1 when the loss does not classify
 * @param fetchNanos the slowest replica's wait for the broadcast round input, in nanoseconds
 * @param computeNanos the slowest replica's local training time, in nanoseconds
 * @param firstLoss the loss of each replica's first batch of the round times its weight, taken
 *     before the replica's first step: the broadcast model's loss, which a run's first round
 *     gives the divergence checks as their reference (the round's mean has K − 1 steps of
 *     training in it)
 * @param firstWeight the weight of those first batches
 * @param chance per constant output at chance, the numerator of its loss over those first
 *     batches ({@link ChanceParts}); null unless the round scores it
 */
record ReplicaSum(PackedTensors parameters, boolean[] changed, PackedState state, double loss,
    double weight, long samples, long correct, long fetchNanos, long computeNanos,
    double firstLoss, double firstWeight, double[] chance) implements Serializable {

  /** No replica yet: the zero of the aggregation. */
  static final ReplicaSum EMPTY = new ReplicaSum(null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null);

  /** Both parts together. */
  ReplicaSum plus(ReplicaSum other) {
    if (other.samples == 0) {
      return withTimes(other);
    }
    if (samples == 0) {
      return other.withTimes(this);
    }
    return new ReplicaSum(parameters.plus(other.parameters), either(changed, other.changed),
        state.plus(other.state), loss + other.loss, weight + other.weight,
        samples + other.samples,
        correct < 0 || other.correct < 0 ? -1 : correct + other.correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos),
        firstLoss + other.firstLoss, firstWeight + other.firstWeight,
        ChanceParts.plus(chance, other.chance));
  }

  private ReplicaSum withTimes(ReplicaSum other) {
    return new ReplicaSum(parameters, changed, state, loss, weight, samples, correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos),
        firstLoss, firstWeight, chance);
  }

  private static boolean[] either(boolean[] a, boolean[] b) {
    boolean[] any = new boolean[a.length];
    for (int i = 0; i < a.length; i++) {
      any[i] = a[i] || b[i];
    }
    return any;
  }
}
