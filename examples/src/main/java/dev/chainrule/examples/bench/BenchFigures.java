package dev.chainrule.examples.bench;

import java.util.Locale;

/**
 * What one benchmark run measured. Each component is named after its JSON key in camel case
 * ({@code us} spelled {@code Micros}), and {@link #toJson()} writes them under those keys.
 *
 * @param xorMicrosPerStep {@code xor_us_per_step}: one training step of the 2-2-1 XOR network
 * @param irisMicrosPerStep {@code iris_us_per_step}: one training step of the 4-16-3 Iris network
 * @param mlpSecondsPerEpoch {@code mlp_seconds_per_epoch}: one epoch of the 784-256-128-10 MLP
 * @param mlpGemmSecondsPerEpoch {@code mlp_gemm_seconds_per_epoch}: the matrix products of that
 *     epoch alone, through the same GEMM backend
 * @param mlpSamplesPerSecond {@code mlp_samples_per_second}: samples of the epoch per second
 * @param gemmGflops {@code gemm_gflops}: a square product through the GEMM backend, in GFLOP/s
 * @param irisAnomalyMicrosPerStep {@code iris_anomaly_us_per_step}: the Iris step with anomaly
 *     detection on; {@link #anomalySlowdown()} ({@code anomaly_slowdown}) divides it by the step
 *     with detection off
 */
public record BenchFigures(double xorMicrosPerStep, double irisMicrosPerStep,
    double mlpSecondsPerEpoch, double mlpGemmSecondsPerEpoch, double mlpSamplesPerSecond,
    double gemmGflops, double irisAnomalyMicrosPerStep) {

  /** Epoch time over GEMM-only time: 1.5 means the framework adds 50% to the matrix products. */
  public double mlpOverheadRatio() {
    return mlpSecondsPerEpoch / mlpGemmSecondsPerEpoch;
  }

  /** The Iris step with anomaly detection on over the step with it off (the target is ≤ 3). */
  public double anomalySlowdown() {
    return irisAnomalyMicrosPerStep / irisMicrosPerStep;
  }

  /** One line of JSON with the keys of the {@code bench} command, in a fixed order. */
  public String toJson() {
    return String.format(Locale.ROOT, "{\"xor_us_per_step\": %.3f, \"iris_us_per_step\": %.3f,"
            + " \"mlp_seconds_per_epoch\": %.4f, \"mlp_gemm_seconds_per_epoch\": %.4f,"
            + " \"mlp_samples_per_second\": %.1f, \"gemm_gflops\": %.3f,"
            + " \"iris_anomaly_us_per_step\": %.3f, \"anomaly_slowdown\": %.3f}",
        xorMicrosPerStep, irisMicrosPerStep, mlpSecondsPerEpoch, mlpGemmSecondsPerEpoch,
        mlpSamplesPerSecond, gemmGflops, irisAnomalyMicrosPerStep, anomalySlowdown());
  }

  /** The figures for people, one per line. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "xor step          %10.2f µs%n"
            + "iris step         %10.2f µs%n"
            + "mlp epoch         %10.3f s  (%,.0f samples/s)%n"
            + "mlp gemm only     %10.3f s  (epoch / gemm = %.2f)%n"
            + "gemm              %10.2f GFLOP/s%n"
            + "iris step, anomaly detection on %.2f µs (%.2f× the step with it off)",
        xorMicrosPerStep, irisMicrosPerStep, mlpSecondsPerEpoch, mlpSamplesPerSecond,
        mlpGemmSecondsPerEpoch, mlpOverheadRatio(), gemmGflops, irisAnomalyMicrosPerStep,
        anomalySlowdown());
  }
}
