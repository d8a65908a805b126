package dev.chainrule.spark;

import java.io.Serializable;

/**
 * Partial sums of one synchronous step, merged by {@link FixedOrderAggregate}: the gradient of the
 * numerator of the batch's mean loss restricted to the rows seen so far ({@link
 * TrainingLoss.Part}), that numerator, what the mean divides by over those rows (their count, or
 * Σ w_y for class weights), the rows and correctly classified rows, and the slowest part's time
 * to fetch the broadcast and to compute. The driver divides gradient and loss by the whole
 * batch's weight: a part cannot, as it does not know the other parts' weights.
 *
 * @param gradient null while no row has been seen
 * @param loss the numerator: the loss summed over the rows, weighted as the mean weighs them
 * @param weight what the batch's mean divides by, over these rows
 * @param samples the rows summed so far; 0 marks the empty sum, which merges as the identity
 * @param correct −1 when the loss does not classify
 * @param fetchNanos the slowest part's wait for the broadcast step input, in nanoseconds
 * @param computeNanos the slowest part's forward and backward time, in nanoseconds
 * @param chance per constant output at chance, the numerator of its loss over these rows
 *     ({@link ChanceParts}); null unless the step scores it
 */
record GradientSum(PackedTensors gradient, double loss, double weight, long samples,
    long correct, long fetchNanos, long computeNanos, double[] chance) implements Serializable {

  /** Nothing seen yet: the zero of the aggregation. */
  static final GradientSum EMPTY = new GradientSum(null, 0, 0, 0, 0, 0, 0, null);

  /** Both parts together. */
  GradientSum plus(GradientSum other) {
    if (other.samples == 0) {
      return withTimes(other);
    }
    if (samples == 0) {
      return other.withTimes(this);
    }
    return new GradientSum(gradient.plus(other.gradient), loss + other.loss,
        weight + other.weight, samples + other.samples,
        correct < 0 || other.correct < 0 ? -1 : correct + other.correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos),
        ChanceParts.plus(chance, other.chance));
  }

  private GradientSum withTimes(GradientSum other) {
    return new GradientSum(gradient, loss, weight, samples, correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos),
        chance);
  }
}
