package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A float32 regression model of targets whose statistics float32 cannot hold: training keeps
 * targets in float64, so it trained, scored and saved, and predict then converted the target's
 * mean and scale to float32 (an infinity, or a scale of 0) and stopped with "error: Standardizer:
 * feature 0 has mean -Infinity and scale Infinity", naming neither the file nor the column.
 */
class Float32TargetRangeTest {
  @TempDir
  Path dir;

  /** Predicts the training file with a float32 model of y = x · factor; the values printed. */
  private double[] predicted(String name, double factor) throws IOException {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 100; i++) {
      text.append(i / 25.0).append(',').append(i / 25.0 * factor).append('\n');
    }
    Path csv = Files.writeString(dir.resolve(name + ".csv"), text);
    String model = dir.resolve(name + ".safetensors").toString();
    Cli.Result train = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--task",
        "regression", "--dtype", "float32", "--epochs", "5", "--save", model, "--out",
        dir.resolve("o").toString());
    assertEquals(0, train.exitCode(), train.err());
    Cli.Result predict = Cli.run("predict", "--load", model, "--csv", csv.toString());
    assertEquals(0, predict.exitCode(), predict.err());
    return predict.lines().stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1]))
        .toArray();
  }

  @Test
  void targetsBeyondFloat32AreGivenInTheirUnits() throws IOException {
    // Targets up to 4e300: each prediction is of that order (a float32 would be infinite).
    for (double value : predicted("large", 1e300)) {
      assertTrue(Double.isFinite(value) && Math.abs(value) > Float.MAX_VALUE, "" + value);
    }
  }

  @Test
  void aSpreadBelowFloat32sSmallestNumberIsGivenInTheTargetsUnits() throws IOException {
    // Targets up to 4e-50 (float32's smallest positive number is 1.4e-45): finite, not 0 for
    // all (a scale of 0), and of the targets' order.
    double[] values = predicted("tiny", 1e-50);
    for (double value : values) {
      assertTrue(Double.isFinite(value) && Math.abs(value) < 1e-45, "" + value);
    }
    assertTrue(java.util.Arrays.stream(values).anyMatch(v -> v != 0));
  }
}
