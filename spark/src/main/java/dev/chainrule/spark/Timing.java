package dev.chainrule.spark;

/**
 * Where the wall-clock time of a Spark training run went, summed over its steps (synchronous
 * steps or averaging rounds):
 *
 * <ul>
 *   <li>{@code broadcast}: packing the parameters (and optimizer state) and broadcasting them on
 *       the driver, plus the slowest task's wait for the broadcast value;
 *   <li>{@code compute}: the slowest task's forward and backward passes (and local optimizer
 *       steps when averaging): the critical path of the step's computation;
 *   <li>{@code aggregate}: the rest of the step's Spark job: scheduling, serializing each task's
 *       result, the tree of merges and the trip back to the driver;
 *   <li>{@code apply}: the driver's optimizer step (or averaging and loading the state).
 * </ul>
 *
 * @param steps the steps (or rounds) timed
 * @param broadcastSeconds the {@code broadcast} share above, summed over the steps
 * @param computeSeconds the {@code compute} share above: the critical path, summed over the steps
 * @param aggregateSeconds the {@code aggregate} share above, summed over the steps
 * @param applySeconds the {@code apply} share above, summed over the steps
 * @param parameterBytes bytes of the model's parameters: each step moves this to every task and
 *     about as much back from it
 */
public record Timing(long steps, double broadcastSeconds, double computeSeconds,
    double aggregateSeconds, double applySeconds, long parameterBytes) {

  /**
   * No step yet.
   *
   * @param parameterBytes bytes of the model's parameters
   * @return a timing of zero steps
   */
  public static Timing none(long parameterBytes) {
    return new Timing(0, 0, 0, 0, 0, parameterBytes);
  }

  /**
   * The four parts added up.
   *
   * @return seconds of broadcast, compute, aggregate and apply together
   */
  public double totalSeconds() {
    return broadcastSeconds + computeSeconds + aggregateSeconds + applySeconds;
  }

  /** This timing with one more step's parts, in nanoseconds. */
  Timing plus(long broadcastNanos, long computeNanos, long aggregateNanos, long applyNanos) {
    return new Timing(steps + 1, broadcastSeconds + broadcastNanos / 1e9,
        computeSeconds + computeNanos / 1e9, aggregateSeconds + aggregateNanos / 1e9,
        applySeconds + applyNanos / 1e9, parameterBytes);
  }
}
