package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.gemm.Gemm;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.optim.data.Dataset;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmarks run end to end and report numbers; how fast is for the figures, not a test. */
class BenchmarksTest {
  @Test
  void quickRunReportsPositiveFiniteFiguresForBothTypes() {
    BenchFigures f = Benchmarks.run(BenchSettings.quick());
    for (double figure : List.of(f.xorMicrosPerStep(), f.irisMicrosPerStep(),
        f.pinnMicrosPerStep(),
        f.mlp64().secondsPerEpoch(), f.mlp64().gemmSecondsPerEpoch(),
        f.mlp32().secondsPerEpoch(), f.mlp32().gemmSecondsPerEpoch(),
        f.mlp64().steppingSecondsPerEpoch(), f.mlp32().steppingSecondsPerEpoch(),
        f.mlp64().steppingGemmInEpochSecondsPerEpoch(),
        f.mlp32().steppingGemmInEpochSecondsPerEpoch(),
        f.gemmGflops(),
        f.gemmGflopsF32(), f.irisAnomalyMicrosPerStep(), f.anomalySlowdown())) {
      assertTrue(figure > 0 && Double.isFinite(figure), "figure " + figure + " in " + f);
    }
    for (var kernels : List.of(f.kernels64(), f.kernels32())) {
      assertEquals(Set.copyOf(KernelBench.NAMES), kernels.keySet());
      kernels.values().forEach(t -> assertTrue(t.freshNs() > 0 && Double.isFinite(t.freshNs())
          && t.recycledNs() > 0 && Double.isFinite(t.recycledNs()), "kernel " + t));
    }
  }

  @Test
  void differentialEquationStepTrainsTheReadmeNetworkTowardItsEquation() {
    // The timed step is the README's training step: its loss, mean((u″ + u)²) + u(0)² +
    // (u′(0) − 1)², falls as it runs. From the README's seeds it read 0.55 untrained and 4.5e-5
    // after 300 steps (Adam's steps make it bounce between 1e-5 and 1e-3 from the 100th on), so
    // a hundredth of the start is a loose bound that only a step that does not train (a
    // gradient lost on the way through u″, an update skipped) fails.
    DifferentialEquationStep step = new DifferentialEquationStep();
    double before = step.loss().item();
    TrainingStep.repeat(step, 300);
    double after = step.loss().item();
    assertTrue(Double.isFinite(after) && after < before / 100, before + " -> " + after);
  }

  @Test
  void mlpTakesAGivenDatasetInEitherType() {
    for (DType dtype : DType.values()) {
      Benchmarks.MlpFigures mlp = Benchmarks.mlp(BenchSettings.quick(), smallData(), dtype);
      assertTrue(mlp.secondsPerEpoch() > 0 && mlp.gemmSecondsPerEpoch() > 0);
      // Time inside the products is part of the epoch: positive, never more than the whole.
      assertTrue(mlp.gemmInEpochSecondsPerEpoch() > 0
          && mlp.gemmInEpochSecondsPerEpoch() <= mlp.secondsPerEpoch(), mlp.toString());
      assertEquals(300 / mlp.secondsPerEpoch(), mlp.samplesPerSecond(), 1e-9);
    }
  }

  @Test
  void timingTheProductsLeavesTheBackendAndItsDescriptionAsTheyWere() {
    String before = GemmBackend.describe();
    Gemm backend = GemmBackend.get();
    Tensor a = Tensors.rand(Shape.of(64, 64), 1L);
    TimedGemm.Timed<Tensor> timed = TimedGemm.run(() -> a.matmul(a));
    assertTrue(timed.gemmSeconds() >= 0);
    assertSame(backend, GemmBackend.get());
    assertEquals(before, GemmBackend.describe(), "not 'installed with GemmBackend.set'");
  }

  @Test
  void epochServerAnswersEachTypeNamedUntilABlankLine() throws IOException {
    StringWriter answers = new StringWriter();
    EpochServer.serve(smallData(), BenchSettings.quick(),
        new BufferedReader(new StringReader(
            "float32\nFLOAT64\niris\niris\nfloat32 stepping\n\nfloat32\n")),
        new PrintWriter(answers));
    List<String> lines = answers.toString().lines().toList();
    assertEquals(6, lines.size(), "ready, then one answer per request before the blank line: "
        + lines);
    assertTrue(lines.get(5).matches("\\{\"dtype\":\"float32\",\"update\":\"stepping\","
        + "\"seconds\":[0-9.eE-]+,\"gemm_seconds\":[0-9.eE-]+}"), lines.get(5));
    assertEquals("ready", lines.get(0));
    assertTrue(lines.get(1).matches("\\{\"dtype\":\"float32\",\"seconds\":[0-9.eE-]+,"
        + "\"gemm_seconds\":[0-9.eE-]+}"), lines.get(1));
    assertTrue(lines.get(2).startsWith("{\"dtype\":\"float64\","), lines.get(2));
    for (String iris : lines.subList(3, 5)) {
      assertTrue(iris.matches("\\{\"network\":\"iris\",\"us_per_step\":[0-9.eE-]+}"), iris);
      assertTrue(Double.parseDouble(iris.replaceAll(".*:([0-9.eE-]+)}", "$1")) > 0, iris);
    }
  }

  @Test
  void epochServerRefusesALineThatNamesNoType() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EpochServer.serve(smallData(), BenchSettings.quick(),
            new BufferedReader(new StringReader("float16\n")),
            new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("'float16'"), e.getMessage());
    IllegalArgumentException words = assertThrows(IllegalArgumentException.class,
        () -> EpochServer.serve(smallData(), BenchSettings.quick(),
            new BufferedReader(new StringReader("float32 backward\n")),
            new PrintWriter(new StringWriter())));
    assertTrue(words.getMessage().contains("'float32 backward'"), words.getMessage());
  }

  /**
   * paired_epochs.py writes a request and waits for its answer: each answer, and "ready" before
   * the first, must be out (flushed) before the server reads the next request.
   */
  @Test
  void epochServerFlushesEachAnswerBeforeReadingOn() throws IOException {
    StringWriter answers = new StringWriter();
    List<Long> linesOut = new ArrayList<>();
    BufferedReader requests = new BufferedReader(new StringReader("float32\niris\n\n")) {
      @Override
      public String readLine() throws IOException {
        linesOut.add(answers.toString().lines().count());
        return super.readLine();
      }
    };
    // Buffered far beyond the answers and never closed: only the server's flushes put them out.
    EpochServer.serve(smallData(), BenchSettings.quick(), requests,
        new PrintWriter(new BufferedWriter(answers, 1 << 16)));
    assertEquals(List.of(1L, 2L, 3L), linesOut, answers.toString());
  }

  /** 300 samples of 20 features in 4 classes: the network adapts its input and output widths. */
  private static Dataset smallData() {
    Tensor features = Tensors.rand(Shape.of(300, 20), 1L);
    Tensor labels = Tensors.rand(Shape.of(300), 2L).mul(4).map(Math::floor);
    return new Dataset(features, labels);
  }
}
