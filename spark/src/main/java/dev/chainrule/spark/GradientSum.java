package dev.chainrule.spark;

import java.io.Serializable;

/**
 * Partial sums of one synchronous step, merged by {@code treeAggregate}: the gradient of the
 * batch's mean loss restricted to the rows seen so far (each part weighted by its share of the
 * batch, so the parts add up to the whole batch's gradient), the loss summed over those rows, the
 * rows and correctly classified rows, and the slowest part's time to fetch the broadcast and to
 * compute.
 *
 * @param gradient null while no row has been seen
 * @param correct −1 when the loss does not classify
 */
record GradientSum(PackedTensors gradient, double loss, long samples, long correct,
    long fetchNanos, long computeNanos) implements Serializable {

  /** Nothing seen yet: the zero of the aggregation. */
  static final GradientSum EMPTY = new GradientSum(null, 0, 0, 0, 0, 0);

  /** Both parts together. */
  GradientSum plus(GradientSum other) {
    if (other.samples == 0) {
      return withTimes(other);
    }
    if (samples == 0) {
      return other.withTimes(this);
    }
    return new GradientSum(gradient.plus(other.gradient), loss + other.loss,
        samples + other.samples, correct < 0 || other.correct < 0 ? -1 : correct + other.correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos));
  }

  private GradientSum withTimes(GradientSum other) {
    return new GradientSum(gradient, loss, samples, correct,
        Math.max(fetchNanos, other.fetchNanos), Math.max(computeNanos, other.computeNanos));
  }
}
