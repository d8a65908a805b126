package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.OpTable;
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
  void benchReportsEveryFigure() throws IOException {
    Cli.Result r = Cli.run("bench", "--quick", "--json");
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    assertEquals(List.of("xor_us_per_step", "iris_us_per_step", "mlp_seconds_per_epoch",
        "mlp_gemm_seconds_per_epoch", "mlp_samples_per_second", "gemm_gflops"),
        List.copyOf(json.keySet()));
    for (Object value : json.values()) {
      double figure = (Double) value;
      assertTrue(figure > 0 && Double.isFinite(figure), "figures are positive: " + json);
    }
  }
}
