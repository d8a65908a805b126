package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code bench} prints and writes as JSON for figures chosen by hand: every figure a value of
 * its own, so that one printed under another's key or type shows. No timing here. The figures are
 * sums of powers of two, exact in a double, so the expected values are the computed ones.
 */
class BenchFiguresTest {
  // Epoch 2 s, products alone 1.5 s (25 % outside), in the epoch 1 s (50 %); stepping 4 s with
  // 3 s of products (25 %).
  private static final Benchmarks.MlpFigures MLP64 =
      new Benchmarks.MlpFigures(2.0, 1.5, 1.0, 30_000, 4.0, 3.0);
  // Epoch 1 s, products alone 0.75 s (25 %), in the epoch 0.5 s (50 %); stepping 2 s with 0.25 s
  // of products (87.5 %, printed rounded half up: 88).
  private static final Benchmarks.MlpFigures MLP32 =
      new Benchmarks.MlpFigures(1.0, 0.75, 0.5, 60_000, 2.0, 0.25);

  private static BenchFigures figures(int gemmSize) {
    Map<String, KernelBench.KernelTime> k64 = new LinkedHashMap<>();
    Map<String, KernelBench.KernelTime> k32 = new LinkedHashMap<>();
    for (int i = 0; i < KernelBench.NAMES.size(); i++) {
      k64.put(KernelBench.NAMES.get(i), new KernelBench.KernelTime(i + 0.25, i + 0.5));
      k32.put(KernelBench.NAMES.get(i), new KernelBench.KernelTime(i + 10.125, i + 10.75));
    }
    return new BenchFigures(1.5, 12.25, 40.5, MLP64, MLP32, 80.5, 160.25, gemmSize,
        "Java kernels", k64, k32, 9.5, new Benchmarks.AnomalyCost(24.5, 2.0),
        new LocalizeCost(2.5, 20.0, 13));
  }

  @Test
  void everyFigureIsWrittenUnderItsOwnKeyInTheFixedOrder() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("xor_us_per_step", 1.5);
    expected.put("iris_us_per_step", 12.25);
    expected.put("pinn_us_per_step", 40.5);
    expected.put("mlp_seconds_per_epoch", 2.0);
    expected.put("mlp_gemm_seconds_per_epoch", 1.5);
    expected.put("mlp_gemm_in_epoch_seconds_per_epoch", 1.0);
    expected.put("mlp_samples_per_second", 30_000.0);
    expected.put("mlp_seconds_per_epoch_f32", 1.0);
    expected.put("mlp_gemm_seconds_per_epoch_f32", 0.75);
    expected.put("mlp_gemm_in_epoch_seconds_per_epoch_f32", 0.5);
    expected.put("mlp_samples_per_second_f32", 60_000.0);
    expected.put("mlp_stepping_seconds_per_epoch", 4.0);
    expected.put("mlp_stepping_gemm_in_epoch_seconds_per_epoch", 3.0);
    expected.put("mlp_stepping_seconds_per_epoch_f32", 2.0);
    expected.put("mlp_stepping_gemm_in_epoch_seconds_per_epoch_f32", 0.25);
    expected.put("cnn_seconds_per_epoch", 9.5);
    expected.put("gemm_gflops", 80.5);
    expected.put("gemm_gflops_f32", 160.25);
    expected.put("gemm_backend", "Java kernels");
    List<String> names = KernelBench.NAMES;
    for (int i = 0; i < names.size(); i++) {
      expected.put("kernel_" + names.get(i) + "_ns", i + 0.25);
    }
    for (int i = 0; i < names.size(); i++) {
      expected.put("kernel_" + names.get(i) + "_ns_f32", i + 10.125);
    }
    for (int i = 0; i < names.size(); i++) {
      expected.put("kernel_" + names.get(i) + "_recycled_ns", i + 0.5);
    }
    for (int i = 0; i < names.size(); i++) {
      expected.put("kernel_" + names.get(i) + "_recycled_ns_f32", i + 10.75);
    }
    expected.put("iris_anomaly_us_per_step", 24.5);
    expected.put("anomaly_slowdown", 2.0);
    expected.put("mlp_step_ms", 2.5);
    expected.put("localize_ms", 20.0);
    expected.put("localize_steps", 8.0);
    // Entries in order: the JSON line's keys come out in this order.
    assertEquals(new ArrayList<>(expected.entrySet()),
        new ArrayList<>(figures(512).fields().entrySet()));
  }

  @Test
  void theTextGivesEachFigureWithItsTypeAndUnit() {
    List<String> lines = figures(512).toString().lines().toList();
    assertEquals(List.of(
        "xor step (float64)             1.50 µs",
        "iris step (float64)           12.25 µs",
        "u″ = −u step (float64)        40.50 µs, u″ in the loss: backward takes a third"
            + " derivative",
        "mlp epoch (defaults)          2.000 s float64    1.000 s float32",
        "  matrix products alone       1.500 s float64    0.750 s float32",
        "  outside them                  25 % float64      25 % float32",
        "  products in the epoch       1.000 s float64    0.500 s float32",
        "  outside them                  50 % float64      50 % float32",
        "  stepping after backward     4.000 s float64    2.000 s float32",
        "  outside its products          25 % float64      88 % float32",
        "cnn epoch (float32)           9.500 s estimated (part of an epoch, scaled)",
        "gemm 512³                 80.50 GFLOP/s float64 160.25 GFLOP/s float32",
        "kernel, ns per element   float64: fresh  recycled  float32: fresh  recycled",
        "  add                         0.250     0.500          10.125    10.750",
        "  mul                         1.250     1.500          11.125    11.750"),
        lines.subList(0, 15));
    assertEquals("  tanh                        8.250     8.500          18.125    18.750",
        lines.get(21));
    assertEquals(List.of(
        "iris step (float64), anomaly detection on 24.50 µs (2.00× the step with it off, timed"
            + " in alternation with it: the iris figure above was timed apart)",
        "localize, 784-256-128-10 float32 batch 128: 20.0 ms for 13 nodes (8.0× a training"
            + " step, 2.50 ms)"), lines.subList(22, lines.size()));
  }

  @Test
  void theTextNamesTheProductSizeThatRan() {
    // --quick multiplies 64 × 64 matrices: a figure labelled 512³ would read as a slow machine.
    assertEquals("gemm 64³                  80.50 GFLOP/s float64 160.25 GFLOP/s float32",
        figures(64).toString().lines().toList().get(11));
  }

  @Test
  void sharesOutsideTheProductsAreNeverNegative() {
    // Products alone slower than the whole epoch (a noisy run) is no framework work: 0, not −.
    Benchmarks.MlpFigures slowProducts = new Benchmarks.MlpFigures(1.0, 1.25, 1.5, 1, 2.0, 2.5);
    assertEquals(0.0, slowProducts.outsideGemmShare());
    assertEquals(0.0, slowProducts.outsideGemmShareInEpoch());
    assertEquals(0.0, slowProducts.steppingOutsideGemmShareInEpoch());
    assertEquals(0.25, MLP64.outsideGemmShare());
    assertEquals(0.5, MLP64.outsideGemmShareInEpoch());
    assertEquals(0.875, MLP32.steppingOutsideGemmShareInEpoch());
  }
}
