package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.OpTable;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.examples.bench.BenchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCommandsTest {
  @TempDir
  Path dir;

  @Test
  void gradcheckChecksEveryOpAndRandomNetworksThreeWays() throws IOException {
    Cli.Result r = Cli.run("gradcheck", "--cases", "2", "--networks", "5", "--json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    Map<String, Object> json = r.json();
    assertEquals(List.of("checks", "ops_checked", "max_rel_error_fd", "max_abs_error_manual",
        "passed"), List.copyOf(json.keySet()));
    assertEquals(Boolean.TRUE, json.get("passed"));
    assertEquals(OpTable.entries().size(), ((Double) json.get("ops_checked")).intValue(),
        "every row of the op table");
    // Engine and delta rule differ by rounding only.
    assertTrue((Double) json.get("max_abs_error_manual") < 1e-12, r.out());
    assertTrue(r.out().contains("softmaxCrossEntropy"), "ops are named: " + r.out());
  }

  @Test
  void graphWritesDotText() throws IOException {
    Cli.Result r = Cli.run("graph", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    String dot = Files.readString(dir.resolve("graph.dot"));
    assertTrue(dot.startsWith("digraph chainrule {"), dot);
    assertTrue(dot.contains("softmaxCrossEntropy"), dot);
    assertTrue(dot.contains("|g| = "), "gradient norms are shown: " + dot);
  }

  @Test
  void graphTakesEveryTrainingRowItIsAskedFor() throws IOException {
    // 111 is all there are (BadOptionsTest: 112 is refused): the batch is not cut short.
    Cli.Result all = Cli.run("graph", "--out", dir.toString(), "--batch-size", "111", "--json");
    assertEquals(0, all.exitCode(), all.err());
    assertEquals(111.0, all.json().get("rows"));
    assertTrue(Files.readString(dir.resolve("graph.dot")).contains("[111, 4]"), "x's shape");
  }

  @Test
  void graphAndGatesEndWithJson() throws IOException {
    Cli.Result graph = Cli.run("graph", "--out", dir.toString(), "--json");
    assertEquals(0, graph.exitCode(), graph.err());
    Map<String, Object> json = graph.json();
    assertEquals(List.of("dot", "png", "loss", "rows"), List.copyOf(json.keySet()));
    assertEquals(dir.resolve("graph.dot").toString(), json.get("dot"));
    assertEquals(8.0, json.get("rows"));
    assertTrue((Double) json.get("loss") > 0);

    Cli.Result gates = Cli.run("gates", "--out", dir.resolve("gates").toString(), "--json");
    assertEquals(0, gates.exitCode(), gates.err());
    Map<String, Object> fields = gates.json();
    for (String gate : List.of("and", "or", "nand", "nor")) {
      assertEquals(Boolean.TRUE, fields.get(gate + "_learned"), gate + " in " + fields);
    }
    assertEquals(Boolean.FALSE, fields.get("xor_learned"));
    assertEquals(100.0, fields.get("xor_epochs"), "it used every epoch it had");
    assertEquals(4.0, fields.get("mlp_xor_correct"));
    assertEquals(1, gates.lines().size(),
        "with --json the JSON line is all, the XOR network's own not printed: " + gates.out());
  }

  @Test
  void benchReportsEveryFigure() throws IOException {
    Cli.Result r = Cli.run("bench", "--quick", "--json");
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    assertEquals(List.of("xor_us_per_step", "iris_us_per_step", "pinn_us_per_step",
        "mlp_seconds_per_epoch", "mlp_gemm_seconds_per_epoch",
        "mlp_gemm_in_epoch_seconds_per_epoch",
        "mlp_samples_per_second", "mlp_seconds_per_epoch_f32", "mlp_gemm_seconds_per_epoch_f32",
        "mlp_gemm_in_epoch_seconds_per_epoch_f32", "mlp_samples_per_second_f32",
        "mlp_stepping_seconds_per_epoch", "mlp_stepping_gemm_in_epoch_seconds_per_epoch",
        "mlp_stepping_seconds_per_epoch_f32", "mlp_stepping_gemm_in_epoch_seconds_per_epoch_f32",
        "cnn_seconds_per_epoch", "gemm_gflops", "gemm_gflops_f32", "gemm_backend"),
        List.copyOf(json.keySet()).subList(0, 19));
    assertTrue(json.containsKey("kernel_tanh_ns_f32"), json.toString());
    assertTrue(json.containsKey("kernel_add_recycled_ns_f32"), json.toString());
    assertTrue(json.containsKey("anomaly_slowdown"), json.toString());
    assertTrue(r.out().contains("mlp epoch (defaults)") && r.out().contains("float32"), r.out());
    assertTrue(r.out().matches("(?s).*\nu″ = −u step \\(float64\\) +[0-9.]+ µs, u″ in the loss:"
        + " backward takes a third derivative\n.*"), r.out());
    // Scaled from part of an epoch (32 images under --quick): an estimate, and said to be one.
    assertTrue(r.out().contains(" s estimated (part of an epoch, scaled)\n"), r.out());
    assertTrue(r.out().contains("MLP epoch on random data; medians of 3 runs, 1 for the MLP and"
        + " CNN epochs (quick: random data, figures only a smoke test)"), r.out());
    String help = Cli.run("bench", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("the MLP runs on " + BenchSettings.quick().mlpSamples() + " random"
        + " rows, so it takes no --data, and the CNN's epoch is scaled from "
        + BenchSettings.quick().cnnSamples() + " images"), help);
    assertTrue(r.out().contains("stepping after backward"), r.out());
    assertTrue(r.out().contains("matrix products: " + GemmBackend.describe()),
        "the backend, its library and how it was chosen: " + r.out());
    json.forEach((key, value) -> {
      if (value instanceof Double figure) {
        assertTrue(figure > 0 && Double.isFinite(figure), key + " is positive: " + json);
      } else {
        assertEquals("gemm_backend", key, "the backend is the one text figure");
      }
    });
  }
}
