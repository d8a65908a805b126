package dev.chainrule.examples.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark run measured. {@link #fields()} names every figure by its JSON key; keys
 * without a suffix are float64 figures and keys ending in {@code _f32} the float32 ones.
 *
 * @param xorMicrosPerStep {@code xor_us_per_step}: one training step of the 2-2-1 XOR network
 * @param irisMicrosPerStep {@code iris_us_per_step}: one training step of the 4-16-3 Iris network
 * @param pinnMicrosPerStep {@code pinn_us_per_step}: one training step of the README's
 *     differential-equation network (1-16-16-1 tanh), whose loss holds u″ ({@link
 *     DifferentialEquationStep})
 * @param mlp64 the 784-256-128-10 MLP epoch in float64 ({@code mlp_seconds_per_epoch}, ...)
 * @param mlp32 the same epoch in float32 ({@code mlp_seconds_per_epoch_f32}, ...)
 * @param gemmGflops {@code gemm_gflops}: a square float64 product, in GFLOP/s
 * @param gemmGflopsF32 {@code gemm_gflops_f32}: the same product in float32
 * @param gemmSize m = n = k of those products, which the text names
 * @param gemmBackend {@code gemm_backend}: the backend that ran the products
 * @param kernels64 {@code kernel_<name>_ns} and {@code kernel_<name>_recycled_ns}: nanoseconds
 *     per element of each kernel in float64, each result a fresh array and each handed back
 *     ({@link KernelBench})
 * @param kernels32 {@code kernel_<name>_ns_f32} and {@code kernel_<name>_recycled_ns_f32}: the
 *     same in float32
 * @param cnnSecondsPerEpoch {@code cnn_seconds_per_epoch}: a 60,000-image training epoch of
 *     {@code fashion-mnist --model cnn}'s network in float32, scaled from part of one
 * @param anomaly {@code iris_anomaly_us_per_step}: the Iris step with anomaly detection on, and
 *     {@code anomaly_slowdown}: how many times the step with it off, timed alongside
 * @param localize {@code localize_ms}: one {@code GradCheck.localize} of the Fashion-MNIST MLP's
 *     graph on a batch of 128 in float32, {@code mlp_step_ms}: one training step of it, and
 *     {@code localize_steps}: the first over the second
 */
public record BenchFigures(double xorMicrosPerStep, double irisMicrosPerStep,
    double pinnMicrosPerStep, Benchmarks.MlpFigures mlp64, Benchmarks.MlpFigures mlp32,
    double gemmGflops, double gemmGflopsF32, int gemmSize, String gemmBackend,
    Map<String, KernelBench.KernelTime> kernels64, Map<String, KernelBench.KernelTime> kernels32,
    double cnnSecondsPerEpoch, Benchmarks.AnomalyCost anomaly, LocalizeCost localize) {

  /**
   * Copies the kernel tables.
   *
   * @param gemmBackend {@code gemm_backend}: the backend that ran the products
   * @param gemmGflops {@code gemm_gflops}: a square float64 product, in GFLOP/s
   * @param gemmGflopsF32 {@code gemm_gflops_f32}: the same product in float32
   * @param gemmSize m = n = k of those products
   * @param anomaly the Iris step with anomaly detection on, and its cost against the step off
   * @param irisMicrosPerStep {@code iris_us_per_step}: one training step of the 4-16-3 Iris network
   * @param pinnMicrosPerStep {@code pinn_us_per_step}: one differential-equation network step
   * @param cnnSecondsPerEpoch {@code cnn_seconds_per_epoch}: the CNN's training epoch in float32
   * @param kernels32 the kernels' times in float32
   * @param kernels64 the kernels' times in float64, fresh and recycled
   * @param mlp32 the same epoch in float32 ({@code mlp_seconds_per_epoch_f32}, ...)
   * @param mlp64 the 784-256-128-10 MLP epoch in float64 ({@code mlp_seconds_per_epoch}, ...)
   * @param xorMicrosPerStep {@code xor_us_per_step}: one training step of the 2-2-1 XOR network
   * @param localize what localize costs on the Fashion-MNIST MLP against one training step
   */
  public BenchFigures {
    kernels64 = Map.copyOf(kernels64);
    kernels32 = Map.copyOf(kernels32);
  }

  /**
   * Microseconds per Iris step with anomaly detection on.
   *
   * @return the median time per step
   */
  public double irisAnomalyMicrosPerStep() {
    return anomaly.microsPerStep();
  }

  /**
   * The Iris step with anomaly detection on over the step with it off (the target is ≤ 3).
   *
   * @return how many times slower the Iris step is with anomaly detection on
   */
  public double anomalySlowdown() {
    return anomaly.slowdown();
  }

  /**
   * Every figure under its JSON key, in a fixed order.
   *
   * @return the figures by JSON key, in order
   */
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("xor_us_per_step", xorMicrosPerStep);
    fields.put("iris_us_per_step", irisMicrosPerStep);
    fields.put("pinn_us_per_step", pinnMicrosPerStep);
    fields.put("mlp_seconds_per_epoch", mlp64.secondsPerEpoch());
    fields.put("mlp_gemm_seconds_per_epoch", mlp64.gemmSecondsPerEpoch());
    fields.put("mlp_gemm_in_epoch_seconds_per_epoch", mlp64.gemmInEpochSecondsPerEpoch());
    fields.put("mlp_samples_per_second", mlp64.samplesPerSecond());
    fields.put("mlp_seconds_per_epoch_f32", mlp32.secondsPerEpoch());
    fields.put("mlp_gemm_seconds_per_epoch_f32", mlp32.gemmSecondsPerEpoch());
    fields.put("mlp_gemm_in_epoch_seconds_per_epoch_f32", mlp32.gemmInEpochSecondsPerEpoch());
    fields.put("mlp_samples_per_second_f32", mlp32.samplesPerSecond());
    fields.put("mlp_stepping_seconds_per_epoch", mlp64.steppingSecondsPerEpoch());
    fields.put("mlp_stepping_gemm_in_epoch_seconds_per_epoch",
        mlp64.steppingGemmInEpochSecondsPerEpoch());
    fields.put("mlp_stepping_seconds_per_epoch_f32", mlp32.steppingSecondsPerEpoch());
    fields.put("mlp_stepping_gemm_in_epoch_seconds_per_epoch_f32",
        mlp32.steppingGemmInEpochSecondsPerEpoch());
    fields.put("cnn_seconds_per_epoch", cnnSecondsPerEpoch);
    fields.put("gemm_gflops", gemmGflops);
    fields.put("gemm_gflops_f32", gemmGflopsF32);
    fields.put("gemm_backend", gemmBackend);
    KernelBench.NAMES.forEach(
        name -> fields.put("kernel_" + name + "_ns", kernels64.get(name).freshNs()));
    KernelBench.NAMES.forEach(
        name -> fields.put("kernel_" + name + "_ns_f32", kernels32.get(name).freshNs()));
    KernelBench.NAMES.forEach(name -> fields.put("kernel_" + name + "_recycled_ns",
        kernels64.get(name).recycledNs()));
    KernelBench.NAMES.forEach(name -> fields.put("kernel_" + name + "_recycled_ns_f32",
        kernels32.get(name).recycledNs()));
    fields.put("iris_anomaly_us_per_step", irisAnomalyMicrosPerStep());
    fields.put("anomaly_slowdown", anomalySlowdown());
    fields.put("mlp_step_ms", localize.stepMillis());
    fields.put("localize_ms", localize.localizeMillis());
    fields.put("localize_steps", localize.steps());
    return fields;
  }

  /** The figures for people, one per line, each saying its type. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "xor step (float64)       %10.2f µs%n"
            + "iris step (float64)      %10.2f µs%n"
            + "u″ = −u step (float64)   %10.2f µs, u″ in the loss: backward takes a third"
            + " derivative%n"
            + "mlp epoch (defaults)     %10.3f s float64 %8.3f s float32%n"
            + "  matrix products alone  %10.3f s float64 %8.3f s float32%n"
            + "  outside them           %9.0f %% float64 %7.0f %% float32%n"
            + "  products in the epoch  %10.3f s float64 %8.3f s float32%n"
            + "  outside them           %9.0f %% float64 %7.0f %% float32%n"
            + "  stepping after backward%10.3f s float64 %8.3f s float32%n"
            + "  outside its products   %9.0f %% float64 %7.0f %% float32%n"
            + "cnn epoch (float32)      %10.3f s estimated (part of an epoch, scaled)%n"
            + "%-21s%10.2f GFLOP/s float64 %6.2f GFLOP/s float32%n"
            + "kernel, ns per element   float64: fresh  recycled  float32: fresh  recycled",
        xorMicrosPerStep, irisMicrosPerStep, pinnMicrosPerStep,
        mlp64.secondsPerEpoch(), mlp32.secondsPerEpoch(),
        mlp64.gemmSecondsPerEpoch(), mlp32.gemmSecondsPerEpoch(),
        100 * mlp64.outsideGemmShare(), 100 * mlp32.outsideGemmShare(),
        mlp64.gemmInEpochSecondsPerEpoch(), mlp32.gemmInEpochSecondsPerEpoch(),
        100 * mlp64.outsideGemmShareInEpoch(), 100 * mlp32.outsideGemmShareInEpoch(),
        mlp64.steppingSecondsPerEpoch(), mlp32.steppingSecondsPerEpoch(),
        100 * mlp64.steppingOutsideGemmShareInEpoch(),
        100 * mlp32.steppingOutsideGemmShareInEpoch(),
        cnnSecondsPerEpoch,
        // The size run, not the published one: --quick's products are 64³.
        "gemm " + gemmSize + "³", gemmGflops,
        gemmGflopsF32));
    KernelBench.NAMES.forEach(name -> text.append(String.format(Locale.ROOT,
        "%n  %-22s %10.3f %9.3f %15.3f %9.3f", name, kernels64.get(name).freshNs(),
        kernels64.get(name).recycledNs(), kernels32.get(name).freshNs(),
        kernels32.get(name).recycledNs())));
    text.append(String.format(Locale.ROOT,
        "%niris step (float64), anomaly detection on %.2f µs (%.2f× the step with it off, timed"
            + " in alternation with it: the iris figure above was timed apart)",
        irisAnomalyMicrosPerStep(), anomalySlowdown()));
    text.append(String.format(Locale.ROOT, "%nlocalize, 784-256-128-10 float32 batch 128: %.1f ms"
        + " for %d nodes (%.1f× a training step, %.2f ms)", localize.localizeMillis(),
        localize.nodes(), localize.steps(), localize.stepMillis()));
    return text.toString();
  }
}
