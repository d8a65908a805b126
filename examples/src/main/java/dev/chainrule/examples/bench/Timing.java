package dev.chainrule.examples.bench;

import java.util.Arrays;

/** Timing helpers: a run measured in nanoseconds, and the median of several. */
final class Timing {
  private Timing() {}

  /** Seconds taken by one run of {@code work}. */
  static double seconds(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  /** The median of {@code samples} timings of {@code work}, in seconds. */
  static double medianSeconds(int samples, Runnable work) {
    double[] times = new double[samples];
    for (int i = 0; i < samples; i++) {
      times[i] = seconds(work);
    }
    return median(times);
  }

  /** The median (the mean of the middle two for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
