package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmarks run end to end and report numbers; how fast is for the figures, not a test. */
class BenchmarksTest {
  @Test
  void quickRunReportsPositiveFiniteFigures() {
    BenchFigures f = Benchmarks.run(BenchSettings.quick());
    for (double figure : List.of(f.xorMicrosPerStep(), f.irisMicrosPerStep(),
        f.mlpSecondsPerEpoch(), f.mlpGemmSecondsPerEpoch(), f.mlpSamplesPerSecond(),
        f.gemmGflops(), f.irisAnomalyMicrosPerStep(), f.anomalySlowdown())) {
      assertTrue(figure > 0 && Double.isFinite(figure), "figure " + figure + " in " + f);
    }
  }

  @Test
  void jsonLineHasTheBenchKeysInOrder() {
    String json = new BenchFigures(4.25, 88, 12.5, 10, 4800, 5.5, 176).toJson();
    Matcher keys = Pattern.compile("\"(\\w+)\": ").matcher(json);
    List<String> found = keys.results().map(m -> m.group(1)).toList();
    assertEquals(List.of("xor_us_per_step", "iris_us_per_step", "mlp_seconds_per_epoch",
        "mlp_gemm_seconds_per_epoch", "mlp_samples_per_second", "gemm_gflops",
        "iris_anomaly_us_per_step", "anomaly_slowdown"), found);
    assertTrue(json.contains("\"xor_us_per_step\": 4.250"), json);
    assertTrue(json.contains("\"anomaly_slowdown\": 2.000"), "176 / 88: " + json);
  }

  @Test
  void mlpTakesAGivenDataset() {
    // 300 samples of 20 features in 4 classes: the network adapts its input and output widths.
    Tensor features = Tensors.rand(Shape.of(300, 20), 1L);
    Tensor labels = Tensors.rand(Shape.of(300), 2L).mul(4).map(Math::floor);
    Benchmarks.MlpFigures mlp = Benchmarks.mlp(BenchSettings.quick(),
        new Dataset(features, labels));
    assertTrue(mlp.secondsPerEpoch() > 0 && mlp.gemmSecondsPerEpoch() > 0);
    assertEquals(300 / mlp.secondsPerEpoch(), mlp.samplesPerSecond(), 1e-9);
  }
}
